import type { Page } from 'playwright-core';

/** 上报: the package, the calendar, the log, the office key, district checks, backup and restore. */
export class ExportPage {
  constructor(private readonly page: Page) {}
  async tab(name: '生成上报包' | '区级表格模板' | '号码设置' | '报送日历' | '上报记录' | '本街道公钥' | '区级核验汇总' | '备份与恢复'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }
  async setPeriod(from: string, to: string): Promise<void> {
    await this.page.getByLabel('开始日期').fill(from);
    await this.page.getByLabel('结束日期').fill(to);
  }
  forms() {
    return this.page.getByRole('list', { name: '上报表格' });
  }
  /** What 生成上报包 says to an office with nothing to report yet, and its way on. */
  nothingToReport() {
    return this.page.getByRole('status', { name: '还没有可上报的数据' });
  }
  async personalDataNotice(): Promise<string> {
    return (await this.page.getByLabel('个人信息说明').textContent()) ?? '';
  }
  async chooseDrive(label: string): Promise<void> {
    const select = this.page.getByLabel('U 盘', { exact: true });
    await select.locator('option', { hasText: label }).first().waitFor({ state: 'attached' });
    const value = await select.locator('option', { hasText: label }).first().getAttribute('value');
    await select.selectOption(value!);
  }
  async writePackage(password: string): Promise<string> {
    await this.page.getByLabel('压缩包密码').fill(password);
    await this.page.getByLabel('再次输入密码').fill(password);
    await this.page.getByRole('button', { name: '生成上报包' }).click();
    const status = this.page.getByRole('status').filter({ hasText: '上报包已写入并核对无误' });
    await status.waitFor();
    return (await this.page.getByLabel('上报结果').textContent()) ?? '';
  }
  /** 生成上报包 › 这个上报包对应哪一期定期报表: the open reports and 不对应定期报表（临时报送）, one marked 建议. */
  answerChoice() {
    return this.page.getByRole('group', { name: '对应定期报表' });
  }
  /** The line of the choice marked 「建议」 (the core's suggestion), as read. */
  async suggestedAnswer(): Promise<string> {
    return (
      (await this.answerChoice()
        .locator('label')
        .filter({ has: this.page.locator('.tag', { hasText: '建议' }) })
        .textContent()) ?? ''
    );
  }
  /** The line of the choice that is checked (sent with the package), as read. */
  async checkedAnswer(): Promise<string> {
    return (
      (await this.answerChoice()
        .locator('label')
        .filter({ has: this.page.locator('input:checked') })
        .textContent()) ?? ''
    );
  }
  async chooseAnswer(text: string): Promise<void> {
    await this.answerChoice().getByRole('radio', { name: text }).check();
  }
  /** The text a user reads next to a form in the package's list (title, rows, 区里的表格, 含完整身份证号和电话…). */
  async formLine(title: string): Promise<string> {
    return (await this.forms().getByRole('listitem').filter({ hasText: title }).textContent()) ?? '';
  }
  async numbersReason(): Promise<string> {
    return this.page.getByLabel('使用完整号码的理由').inputValue();
  }
  /** 区级表格模板: type the template's path (what the file dialog would return) and open it. */
  async openTemplate(path: string): Promise<string> {
    await this.page.getByLabel('模板文件').fill(path);
    await this.page.getByRole('button', { name: '打开模板' }).click();
    const status = this.page.getByLabel('模板对应').getByRole('status');
    await status.waitFor();
    return (await status.textContent()) ?? '';
  }
  /** What a template column is set to take, as the drop-down shows it. */
  async columnChoice(column: string): Promise<string> {
    const select = this.page.getByLabel(`${column}填什么`);
    return (await select.locator('option:checked').textContent()) ?? '';
  }
  async mapColumn(column: string, choice: string): Promise<void> {
    await this.page.getByLabel(`${column}填什么`).selectOption({ label: choice });
  }
  async saveTemplate(opts: { name?: string; fullNumbersReason?: string } = {}): Promise<string> {
    if (opts.name) await this.page.getByLabel('表格名称').fill(opts.name);
    if (opts.fullNumbersReason) {
      await this.page.getByLabel(/完整号码：区里需要/).check();
      await this.page.getByLabel('使用完整号码的理由').fill(opts.fullNumbersReason);
    }
    await this.page.getByRole('button', { name: '保存模板' }).click();
    const ok = this.page.getByRole('status').filter({ hasText: '已保存模板' });
    await ok.waitFor();
    return (await ok.textContent()) ?? '';
  }
  async fillTemplateAlone(name: string, period: { from: string; to: string }, outPath: string): Promise<string> {
    await this.grid('区级表格模板').getByRole('row').filter({ hasText: name }).getByRole('button', { name: '单独生成' }).click();
    const form = this.page.getByLabel('单独生成');
    await form.getByLabel('开始日期').fill(period.from);
    await form.getByLabel('结束日期').fill(period.to);
    await form.getByLabel('保存位置').fill(outPath);
    await form.getByRole('button', { name: '生成表格' }).click();
    const done = this.page.getByRole('status').filter({ hasText: '已生成' });
    await done.waitFor();
    return (await done.textContent()) ?? '';
  }
  grid(label: string) {
    return this.page.getByRole('region', { name: label });
  }
  async backupNow(): Promise<string> {
    await this.page.getByRole('button', { name: '立即备份' }).click();
    const s = this.page.getByRole('status').filter({ hasText: '备份完成' });
    await s.waitFor();
    return (await s.textContent()) ?? '';
  }
  async inspectBackup(path: string): Promise<string> {
    await this.page.getByLabel('备份文件夹').fill(path);
    await this.page.getByRole('button', { name: '查看备份内容' }).click();
    const info = this.page.getByLabel('备份信息');
    await info.waitFor();
    return (await info.textContent()) ?? '';
  }
  /** 区级核验汇总: register an office's public key file by its path. */
  async registerKey(path: string): Promise<string> {
    await this.page.getByLabel('公钥文件（.pub）').fill(path);
    await this.page.getByRole('button', { name: '登记公钥' }).click();
    const ok = this.page.getByRole('status').filter({ hasText: '已登记' });
    await ok.waitFor();
    return (await ok.textContent()) ?? '';
  }
  /** Adds a package to the list to verify (the box empties for the next one). */
  async addPackage(path: string): Promise<void> {
    await this.page.getByLabel('上报包文件（可逐个添加多个）').fill(path);
    await this.page.getByRole('list', { name: '待核验的上报包' }).getByText(path).waitFor();
  }
  async verifyPackages(password: string): Promise<void> {
    await this.page.getByLabel('上报包密码').fill(password);
    await this.page.getByRole('button', { name: '核验并汇总' }).click();
    await this.grid('核验结果').getByRole('row').nth(1).waitFor();
  }
  /** What the district clerk reads above the results when an office's audit log went back between its packages. */
  auditFlags() {
    return this.page.getByRole('alert', { name: '操作日志前后比对' });
  }
  /** Later packages of an office whose period overlaps one already merged, held back with 「替换」 / 「不合并这个」. */
  overlapQuestions() {
    return this.page.getByRole('alert', { name: '统计期重叠' });
  }
  /** Answers the (only) overlap question; the 核验 runs again with the answer and the question goes. */
  async answerOverlap(choice: '替换' | '不合并这个'): Promise<void> {
    const questions = this.overlapQuestions();
    await questions.getByRole('button', { name: choice }).click();
    await questions.waitFor({ state: 'detached' });
  }
  /** Whether the top of an element is on screen (not below the fold). */
  async inView(label: string): Promise<boolean> {
    return this.page.getByLabel(label).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight - 40;
    });
  }
  /** Whether the top of what 「查看备份内容」 read is on screen (not below the fold). */
  backupInfoInView(): Promise<boolean> {
    return this.inView('备份信息');
  }
}
