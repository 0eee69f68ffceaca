/** Page objects for 人员台账 and 今日随访, by the labels a user reads. */
import type { Locator, Page } from 'playwright-core';

export class CaseloadPage {
  constructor(private readonly page: Page) {}
  async tab(name: '个案台账' | '居民查询' | '入户排查' | '入户登记' | '排查覆盖'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }
  /** 入户排查's 「成员」 on a household's row, or 居民查询's 「同户」 on a person's: the household panel, its members as rows of text. */
  async householdMembers(open: { address: string } | { person: string }): Promise<{ panel: Locator; members: string[] }> {
    const button = 'address' in open ? `查看${open.address}的成员` : `查看${open.person}的同户人员`;
    await this.page.getByRole('button', { name: button }).click();
    const panel = this.page.getByRole('region', { name: /^住户：/ });
    const table = panel.getByRole('table', { name: '同户人员' });
    await table.waitFor();
    const members = (await table.getByRole('row').allTextContents()).slice(1);
    return { panel, members };
  }
  /** The search box's hint, and whether the box shows it whole (a placeholder is cut without a scrollbar to say so). */
  async searchHint(): Promise<{ text: string; whole: boolean }> {
    return this.page.getByLabel('搜索').evaluate((box) => {
      const input = box as HTMLInputElement;
      const style = getComputedStyle(input);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = style.font;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return { text: input.placeholder, whole: context.measureText(input.placeholder).width <= room };
    });
  }
  private status(text: string): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }
  async registerHousehold(o: {
    community: string;
    grid: string;
    estate: string;
    building: string;
    unit: string;
    room: string;
    head: string;
    phone: string;
  }): Promise<void> {
    const form = this.page.getByRole('form', { name: '登记住户' });
    await form.getByLabel('社区').selectOption({ label: o.community });
    await form.getByLabel('网格').selectOption({ label: o.grid });
    await form.getByLabel('小区').fill(o.estate);
    await form.getByLabel('楼栋').fill(o.building);
    await form.getByLabel('单元').fill(o.unit);
    await form.getByLabel('室', { exact: true }).fill(o.room);
    await form.getByLabel('户主', { exact: true }).fill(o.head);
    await form.getByLabel('户主电话').fill(o.phone);
    await form.getByRole('button', { name: '保存住户' }).click();
    await this.status('住户已保存').waitFor();
  }
  async addResident(o: { name: string; idNumber: string; phone?: string; relation?: string; tags?: string[] }): Promise<void> {
    const form = this.page.getByRole('form', { name: '登记居民' });
    await form.getByLabel('姓名').fill(o.name);
    await form.getByLabel('身份证号').fill(o.idNumber);
    if (o.phone) await form.getByLabel('联系电话').fill(o.phone);
    if (o.relation) await form.getByLabel('与户主关系').fill(o.relation);
    for (const t of o.tags ?? []) await form.getByLabel(t).check();
    await form.getByRole('button', { name: '添加居民' }).click();
    await this.status(`已登记居民${o.name}`).waitFor();
  }
  /** 入户登记's 本户居民: each member's line of text (with 与户主关系：…). */
  async registeredMembers(): Promise<string[]> {
    return this.page.getByRole('region', { name: '本户居民' }).getByRole('listitem').allTextContents();
  }
  /** Changes a member's 与户主关系 in 本户居民 (「修改」, then 保存). */
  async changeRelation(name: string, relation: string): Promise<void> {
    await this.page.getByRole('button', { name: `修改${name}的与户主关系` }).click();
    await this.page
      .getByRole('group', { name: `${name}的与户主关系` })
      .getByLabel('与户主关系')
      .fill(relation);
    await this.page
      .getByRole('group', { name: `${name}的与户主关系` })
      .getByRole('button', { name: '保存' })
      .click();
    await this.status(`已保存${name}的与户主关系`).waitFor();
  }
  async openObservation(o: { resident: string; start: string; days: number; cameFrom?: string; arrivedOn?: string }): Promise<void> {
    const form = this.page.getByRole('form', { name: '登记个案' });
    await form.getByLabel('居民').selectOption({ label: o.resident });
    await form.getByLabel('个案类别').selectOption({ label: '居家观察' });
    await form.getByLabel('观察开始日期').fill(o.start);
    await form.getByLabel('观察天数').fill(String(o.days));
    if (o.cameFrom) await form.getByLabel('来源地').fill(o.cameFrom);
    if (o.arrivedOn) await form.getByLabel('返程日期').fill(o.arrivedOn);
    await form.getByRole('button', { name: '登记个案' }).click();
    await this.status('已登记居家观察个案').waitFor();
  }
  /** A care case; the 照料缘由 a link brought is already chosen, and returned as shown. */
  async openCareCase(o: { resident: string; category: string }): Promise<string> {
    const form = this.page.getByRole('form', { name: '登记个案' });
    await form.getByLabel('居民').selectOption({ label: o.resident });
    await form.getByLabel('个案类别').selectOption({ label: o.category });
    const origin = form.getByLabel(/的子女亲属$/);
    const shown = (await origin.count()) > 0 ? ((await origin.locator('option:checked').textContent()) ?? '') : '';
    await form.getByRole('button', { name: '登记个案' }).click();
    await this.status(`已登记${o.category}个案`).waitFor();
    return shown;
  }
  grid(): Locator {
    return this.page.getByRole('region', { name: '个案列表' });
  }
  /** Opens a case's drawer from the grid by the person's name. */
  /** The detail panel's facts as label → value, and the labels the panel's label column wraps onto a second line. */
  async caseFacts(drawer: Locator): Promise<{ facts: Record<string, string>; wrappedLabels: string[] }> {
    return drawer
      .locator('dl')
      .first()
      .evaluate((list) => {
        const facts: Record<string, string> = {};
        const wrappedLabels: string[] = [];
        for (const label of Array.from(list.querySelectorAll(':scope > dt'))) {
          const key = (label.textContent ?? '').trim();
          facts[key] = (label.nextElementSibling?.textContent ?? '').trim();
          const lineHeight = parseFloat(getComputedStyle(label).lineHeight) || parseFloat(getComputedStyle(label).fontSize) * 1.5;
          if (label.getBoundingClientRect().height > lineHeight * 1.5) wrappedLabels.push(key);
        }
        return { facts, wrappedLabels };
      });
  }
  async openCase(name: string): Promise<Locator> {
    await this.grid().getByText(name, { exact: true }).first().click();
    const drawer = this.page.getByRole('complementary', { name: '个案详情' });
    await drawer.getByRole('heading', { name: new RegExp(`^${name}`) }).waitFor();
    return drawer;
  }
  /** The drawer's 作废登记…: opens the form (what it does, in words), chooses 作废原因, writes 作废说明; the 确认作废 button, not pressed. */
  async voidForm(drawer: Locator, o: { kind: '登记有误' | '重复登记' | '其他'; words?: string }): Promise<{ form: Locator; confirm: Locator }> {
    await drawer.getByRole('button', { name: '作废登记…' }).click();
    const form = drawer.getByRole('group', { name: '作废登记' });
    await form.getByLabel('作废原因').selectOption({ label: o.kind });
    if (o.words) await form.getByLabel('作废说明').fill(o.words);
    return { form, confirm: form.getByRole('button', { name: '确认作废' }) };
  }
  /** A coordinator's 撤销作废 on a voided case's drawer, with its reason. */
  async restore(drawer: Locator, reason: string): Promise<void> {
    const note = drawer.getByRole('region', { name: '已作废' });
    await note.getByLabel('撤销原因').fill(reason);
    await note.getByRole('button', { name: '撤销作废' }).click();
    await drawer.getByText('已撤销作废，这条登记重新计入统计').waitFor();
  }
  /** The grid's 显示已作废 tick box. */
  async showVoided(on: boolean): Promise<void> {
    await this.page.getByLabel('显示已作废').setChecked(on);
  }
  /** Fills the drawer's 包保责任人 fields by their labels (empty text clears one) and saves them. */
  async saveTeam(drawer: Locator, fields: Record<string, string>): Promise<void> {
    const form = drawer.getByRole('group', { name: '包保责任人' });
    for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
    await form.getByRole('button', { name: '保存包保责任人' }).click();
    await drawer.getByText('包保责任人已保存').waitFor();
  }
  async filterByCategory(label: string): Promise<void> {
    await this.page.getByLabel('类别', { exact: true }).selectOption({ label });
    await this.page.getByRole('button', { name: '查询' }).click();
  }
  async search(text: string): Promise<void> {
    await this.page.getByLabel('搜索').fill(text);
    await this.page.getByRole('button', { name: '查询' }).click();
  }
  async total(): Promise<string> {
    return (await this.page.getByText(/^共 \d+ 条$/).textContent()) ?? '';
  }
  revealButton(name: string, what: '身份证号' | '电话' = '身份证号'): Locator {
    return this.grid()
      .getByRole('button', { name: `显示${name}的完整${what}` })
      .first();
  }
}

export class TodayPage {
  constructor(private readonly page: Page) {}
  section(name: '逾期未监测' | '今日待监测' | '待解除观察' | '体温/症状异常' | '待走访照料' | '未解决需求'): Locator {
    return this.page.getByRole('region', { name });
  }
  /** Types the reading a worker took (the box starts empty), or ticks 「未测」. */
  async recordCheck(
    section: '逾期未监测' | '今日待监测',
    who: string,
    o: { temperature: string; symptoms?: string } | { notMeasured: true; symptoms?: string },
  ): Promise<void> {
    const form = this.section(section)
      .getByRole('form', { name: `${who}的健康监测` })
      .first();
    const date = await form.getByLabel(`${who} 监测日期`).inputValue();
    if ('temperature' in o) await form.getByLabel(`${who} 体温`).fill(o.temperature);
    else await form.getByLabel(`${who} 未测`).check();
    if (o.symptoms) await form.getByLabel(`${who} 症状`).fill(o.symptoms);
    await form.getByRole('button', { name: '登记监测' }).click();
    await this.page
      .getByRole('status')
      .filter({ hasText: `已登记${who} ${date} 的健康监测` })
      .first()
      .waitFor();
  }
  /** Presses 登记监测 with the temperature box left empty; returns the message shown. */
  async submitWithoutTemperature(section: '逾期未监测' | '今日待监测', who: string): Promise<string> {
    const form = this.section(section)
      .getByRole('form', { name: `${who}的健康监测` })
      .first();
    await form.getByRole('button', { name: '登记监测' }).click();
    const alert = this.page.getByText(/请填写测得的体温/).first();
    await alert.waitFor();
    return (await alert.textContent()) ?? '';
  }
  /** Releases an ended observation from 待解除观察, deciding each household care task (and, if given, each dependant's care case). */
  async release(
    who: string,
    o: { reason?: string; care: Record<string, '继续照料' | '结束照料'>; careCases?: Record<string, '仍需照料，个案继续' | '亲属已返家，随解除办结'> },
  ): Promise<void> {
    const group = this.section('待解除观察').getByRole('group', { name: `${who} 解除观察` });
    for (const [name, choice] of Object.entries(o.care)) await group.getByLabel(`${name} 观察结束后的照料`).selectOption({ label: choice });
    for (const [name, choice] of Object.entries(o.careCases ?? {})) await group.getByLabel(`${name} 照料个案`).selectOption({ label: choice });
    if (o.reason) await group.getByLabel(`${who} 原因`).fill(o.reason);
    await group.getByRole('button', { name: '解除观察' }).click();
    await this.page
      .getByRole('status')
      .filter({ hasText: `已解除${who}的观察` })
      .first()
      .waitFor();
  }
  /** The names (or addresses) on the page of a section now shown. */
  async names(name: '逾期未监测' | '今日待监测'): Promise<string[]> {
    return this.section(name).locator('.cl-item .who').allTextContents();
  }
  /** 下一页 under a section, waiting until the page it asked the core for is shown. */
  async nextPage(name: '逾期未监测' | '今日待监测'): Promise<void> {
    const pager = this.page.getByRole('navigation', { name: `${name}分页` });
    const before = (await pager.locator('span').textContent()) ?? '';
    await pager.getByRole('button', { name: '下一页' }).click();
    await pager.locator('span', { hasNotText: before }).waitFor();
    await this.section(name).locator('.loading').waitFor({ state: 'detached' });
  }
  async escalate(who: string): Promise<void> {
    await this.section('体温/症状异常').locator('.cl-item', { hasText: who }).getByRole('button', { name: '转发热分诊' }).click();
    await this.page
      .getByRole('status')
      .filter({ hasText: `已为${who}登记发热筛查分诊` })
      .waitFor();
  }
}
