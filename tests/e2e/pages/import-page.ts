import type { Page } from 'playwright-core';
import { firstRunAsCoordinator, ShellPage } from './auth-pages';
import { SettingsPage } from './settings-page';

type Target = '居民（按户）' | '工作人员' | '个案（各类人员）' | '健康监测记录' | '物资盘点' | '入户排查结果';

/** 导入: the wizard and the import history, by the labels a user reads. */
export class ImportPage {
  constructor(private readonly page: Page) {}
  async openFile(target: Target, path: string): Promise<void> {
    await this.chooseFile(target, path);
    await this.page.getByRole('table', { name: '列对应关系' }).waitFor();
  }
  /** Chooses the file and presses 打开文件, without waiting for the mapping step (a refused file stays on step 1). */
  async chooseFile(target: Target, path: string): Promise<void> {
    await this.page.getByLabel('导入内容').selectOption({ label: target });
    await this.page.getByLabel('从文件导入').check();
    await this.page.getByLabel('文件路径').fill(path);
    await this.page.getByRole('button', { name: '打开文件' }).click();
  }
  /** A WeChat 接龙 or cells copied from a sheet, pasted into the wizard. */
  async paste(target: Target, text: string): Promise<void> {
    await this.page.getByLabel('导入内容').selectOption({ label: target });
    await this.page.getByLabel('粘贴名单（接龙或单元格）').check();
    await this.page.getByLabel('粘贴的名单').fill(text);
    await this.page.getByRole('button', { name: '识别名单' }).click();
    await this.page.getByRole('table', { name: '列对应关系' }).waitFor();
  }
  /** What the wizard says it found for a field in the title, sheet or file name (the row of 全表统一的值). */
  async suggested(field: string): Promise<string> {
    const row = this.values()
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${field}`) }) });
    return (await row.textContent()) ?? '';
  }
  /** Confirms one suggested value: the 采用「…」 button beside it. */
  async adopt(value: string): Promise<void> {
    await this.values()
      .getByRole('button', { name: `采用「${value}」` })
      .click();
  }
  /** What the wizard says beside 社区 when the title names a community this office does not have (null: it says nothing). */
  async unknownCommunity(name: string): Promise<string | null> {
    const note = this.values().getByRole('note', { name: `本街道没有「${name}」` });
    return (await note.count()) ? ((await note.textContent()) ?? '') : null;
  }
  /** A coordinator adds the title's community from the wizard itself and adopts it: what the wizard then says. */
  async addCommunityFromTitle(name: string): Promise<string> {
    await this.values()
      .getByRole('button', { name: `添加社区「${name}」并采用` })
      .click();
    const said = this.values()
      .getByRole('status')
      .filter({ hasText: `已添加社区「${name}」` });
    await said.waitFor();
    return (await said.textContent()) ?? '';
  }
  async wholeFileValue(field: string): Promise<string> {
    return this.page.getByLabel(`全表统一的「${field}」`).inputValue();
  }
  async setWholeFileValue(field: string, value: string): Promise<void> {
    const box = this.page.getByLabel(`全表统一的「${field}」`);
    if ((await box.evaluate((e) => e.tagName)) === 'SELECT') await box.selectOption({ label: value });
    else await box.fill(value);
  }
  values() {
    return this.page.getByRole('region', { name: '全表统一的值' });
  }
  /**
   * The boxes and buttons of 全表统一的值 that something else covers, at their centre or just inside their top or foot,
   * once each is brought into sight as a keyboard's focus brings it (scrolled the least way: `block: 'nearest'`), each
   * named by its label or its words. (At the centre alone a box with its lower half under the action bar passed.)
   */
  async coveredValueFields(): Promise<string[]> {
    const covered: string[] = [];
    for (const field of await this.values().locator('select, input, button').all()) {
      const hit = await field.evaluate((el) => {
        el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        const r = el.getBoundingClientRect();
        const x = r.left + r.width / 2;
        return [r.top + r.height / 2, r.top + 2, r.bottom - 2].every((y) => {
          const at = document.elementFromPoint(x, y);
          return at !== null && (at === el || el.contains(at));
        });
      });
      if (!hit) covered.push((await field.getAttribute('aria-label')) ?? (await field.innerText()).trim());
    }
    return covered;
  }
  /** What the bar beside the greyed 预览 says is still to do. */
  async footNote(): Promise<string> {
    return ((await this.page.locator('.step-actions').getByRole('status').textContent()) ?? '').trim();
  }
  previewButton() {
    return this.page.getByRole('button', { name: '预览' });
  }
  async mapColumn(header: string, field: string): Promise<void> {
    await this.page.getByLabel(`「${header}」对应到`).selectOption({ label: field });
  }
  async mappedTo(header: string): Promise<string> {
    return this.page
      .getByLabel(`「${header}」对应到`)
      .evaluate((s) => (s as unknown as { selectedOptions: ArrayLike<{ textContent: string | null }> }).selectedOptions[0]?.textContent ?? '');
  }
  /** The 示例 shown beside a column of the file (its first two data rows). */
  async example(header: string): Promise<string> {
    const row = this.page
      .getByRole('table', { name: '列对应关系' })
      .getByRole('row')
      .filter({ has: this.page.getByLabel(`「${header}」对应到`) });
    return (await row.getByRole('cell').nth(1).innerText()).trim();
  }
  async preview(): Promise<void> {
    await this.page.getByRole('button', { name: '预览' }).click();
    await this.page.getByRole('button', { name: '确认导入' }).waitFor();
  }
  /** The mapping step's 标题: the line shown (one line, cut with an ellipsis), its hover text, its height in pixels. */
  async titleLine(): Promise<{ text: string; hover: string; height: number }> {
    const line = this.page.locator('.title-line .title-text');
    const box = (await this.page.locator('.title-line > p').boundingBox())!;
    return { text: (await line.textContent()) ?? '', hover: (await line.getAttribute('title')) ?? '', height: box.height };
  }
  /** Presses 展开 beside the 标题 and reads every title line. */
  async wholeTitle(): Promise<string[]> {
    await this.page.locator('.title-line').getByRole('button', { name: /^展开/ }).click();
    return this.page.getByRole('list', { name: '标题全文' }).getByRole('listitem').allTextContents();
  }
  /** What the wizard says was left unread (a 接龙's notice): on the mapping step and the preview. */
  async readNotes(): Promise<string[]> {
    return this.page.getByRole('status', { name: '读取说明' }).allTextContents();
  }
  async count(label: '预览结果' | '导入结果', key: string): Promise<number> {
    const text = await this.page.getByLabel(label).locator(`[data-count="${key}"]`).textContent();
    return Number((text ?? '').replace(/,/g, ''));
  }
  async commit(): Promise<void> {
    await this.page.getByRole('button', { name: '确认导入' }).click();
    await this.page.getByLabel('导入结果').waitFor();
  }
  /** From the result step, the link to the caseload grid that shows what was imported. */
  async openImportedCases(): Promise<void> {
    await this.page.getByRole('link', { name: '到「人员台账」查看导入的个案' }).click();
    await this.page.getByRole('tab', { name: '个案台账', selected: true }).waitFor();
  }
  /** 导入结果's 保存退回表格: the button asks where (in the preview, a dialog with the typed path), then 保存. */
  async saveRejected(path: string): Promise<string> {
    await this.page.getByRole('button', { name: /^保存退回表格/ }).click();
    const dialog = this.page.getByRole('dialog', { name: '保存退回表格' });
    await dialog.getByLabel('退回表格保存到').fill(path);
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    const s = this.page.getByRole('status').filter({ hasText: '已保存退回表格' });
    await s.waitFor();
    return (await s.textContent()) ?? '';
  }
  /** 每张工作表是一个社区 turned on: what each sheet's line says (its community, or why it is left out). */
  async bySheets(): Promise<string[]> {
    await this.page.getByLabel('每张工作表是一个社区：一次导入多张工作表').check();
    // Each line as read, without a hand choice's list of communities (its <select>'s options).
    return this.page
      .getByRole('list', { name: '各工作表的社区' })
      .getByRole('listitem')
      .evaluateAll((lis) =>
        lis.map((li) => {
          const line = li.cloneNode(true) as HTMLElement;
          for (const s of line.querySelectorAll('select')) s.remove();
          return (line.textContent ?? '').trim();
        }),
      );
  }
  /** Chooses by hand the community of a sheet that nothing names (session 50). */
  async chooseSheetCommunity(sheet: string, community: string): Promise<void> {
    await this.page.getByLabel(`工作表「${sheet}」的社区`).selectOption(community);
  }
  /**
   * Ticks a sheet to import under the community shown beside it. By the label exactly as written: getByLabel drops a
   * zero-width space, and 「青松里\u200b」's box would match 「青松里」's too.
   */
  async tickSheet(sheet: string, community: string): Promise<void> {
    await this.page.locator(`input[type="checkbox"][aria-label="导入工作表「${sheet}」，社区为「${community}」"]`).check();
  }
  /** Each sheet's line of 各工作表的预览数 / 导入结果: 工作表, 社区, then the counts in the order of the sums. */
  async sheetCounts(label: '各工作表的预览数' | '各工作表的导入数'): Promise<string[][]> {
    const rows = this.page.getByRole('table', { name: label }).locator('tbody tr');
    return rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
  }
  async history(): Promise<void> {
    await this.page.getByRole('tab', { name: '导入记录' }).click();
  }
  grid(label: string) {
    return this.page.getByRole('region', { name: label });
  }
}

/** A new ledger at 1366×768 as the coordinator, with `community` and its 一网格 added in 设置, on the 导入 screen. */
export async function newLedgerOnImport(page: Page, url: string, community: string): Promise<ImportPage> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(url);
  await firstRunAsCoordinator(page);
  const shell = new ShellPage(page);
  await shell.open('设置');
  const settings = new SettingsPage(page);
  await settings.addCommunity(community);
  await settings.addGrid(community, '一网格');
  await shell.open('导入');
  return new ImportPage(page);
}
