/** 表彰与纪念: memorial records, their reports, family care and commendations, by the labels a coordinator reads. */
import type { Locator, Page } from 'playwright-core';
import type { MemorialCause, MemorialStepKind } from '../../../electron/core/honours/types.shared';

export interface DeathEntry {
  name: string;
  post: string;
  diedAtLocal: string;
  place: string;
  cause: MemorialCause;
  /** When the office learned of it, if later than the death. */
  learnedAtLocal?: string;
  circumstances: string;
  deeds: string;
}

/** A moment typed as the form shows it (kit/DateTimeField): the date, then the 24-hour time, from `YYYY-MM-DDTHH:MM`. */
async function fillMoment(form: Locator, label: string, local: string): Promise<void> {
  const [day, time] = local.split('T');
  await form.getByLabel(label, { exact: true }).fill(day!);
  await form.getByLabel(`${label}（24 小时制）`, { exact: true }).fill(time!.slice(0, 5));
}

export class HonoursPage {
  constructor(private readonly page: Page) {}

  private form(name: string): Locator {
    return this.page.getByRole('form', { name, exact: true });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: '导航' }).getByRole('link', { name: '表彰与纪念' }).click();
    await this.page.getByRole('heading', { name: '表彰与纪念', level: 1 }).waitFor();
  }

  async tab(name: '牺牲人员' | '表彰表扬'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  async recordDeath(e: DeathEntry): Promise<void> {
    await this.page.getByRole('button', { name: '登记牺牲人员' }).click();
    const f = this.form('牺牲人员基本情况');
    await f.getByLabel('姓名', { exact: true }).fill(e.name);
    await f.getByLabel('岗位职务').fill(e.post);
    await fillMoment(f, '牺牲时间', e.diedAtLocal);
    if (e.learnedAtLocal) await fillMoment(f, '获悉时间（晚于牺牲时间才填）', e.learnedAtLocal);
    await f.getByLabel('牺牲地点').fill(e.place);
    await f.getByLabel('原因类别').selectOption(e.cause);
    await f.getByLabel('牺牲经过').fill(e.circumstances);
    await f.getByLabel('主要事迹').fill(e.deeds);
    await f.getByRole('button', { name: '保存' }).click();
    await this.page.getByRole('heading', { name: `${e.name}同志` }).waitFor();
  }

  /** The line under the record's heading: overdue, pending or all reported. */
  async reportingBanner(): Promise<string> {
    const b = this.page.locator('.overdue-banner, .done-banner, .notice').first();
    await b.waitFor();
    return (await b.textContent()) ?? '';
  }

  async logReport(recipient: string, atLocal: string, via = '电话报告'): Promise<void> {
    const f = this.form('登记报告');
    await f.getByLabel('报告对象').selectOption(recipient);
    await fillMoment(f, '报告时间', atLocal);
    await f.getByLabel('报告方式').selectOption(via);
    await f.getByRole('button', { name: '登记报告' }).click();
    await this.page
      .getByRole('status')
      .filter({ hasText: `已登记向${recipient}的报告` })
      .waitFor();
  }

  async requestCommendation(title: string, proposer: string): Promise<void> {
    const f = this.form('请求表彰');
    await f.getByLabel('拟授予称号').fill(title);
    await f.getByLabel('推荐单位（人）').fill(proposer);
    await f.getByRole('button', { name: '拟稿请求表彰' }).click();
    await this.page.getByRole('status').filter({ hasText: '已拟稿请求表彰' }).waitFor();
  }

  async submitCommendation(on: string, to: string): Promise<void> {
    const f = this.form('报送表彰推荐');
    await f.getByLabel('报送日期').fill(on);
    await f.getByLabel('报送至（审批机关）').fill(to);
    await f.getByRole('button', { name: '报送' }).click();
    await this.page.getByRole('status').filter({ hasText: '已登记：已报送' }).waitFor();
  }

  async addFamilyMember(name: string, relation: string, phone: string): Promise<void> {
    const f = this.form('登记家属');
    await f.getByLabel('家属姓名').fill(name);
    await f.getByLabel('与逝者关系').fill(relation);
    await f.getByLabel('联系电话').fill(phone);
    await f.getByRole('button', { name: '登记家属' }).click();
    await this.page.getByRole('status').filter({ hasText: '已登记家属' }).waitFor();
  }

  async addVisit(v: { on: string; visitors: string; brought: string; notes: string; nextOn: string }): Promise<void> {
    const f = this.form('登记慰问');
    await f.getByLabel('慰问日期').fill(v.on);
    await f.getByLabel('慰问人员').fill(v.visitors);
    await f.getByLabel('慰问物品').fill(v.brought);
    await f.getByLabel('走访情况').fill(v.notes);
    await f.getByLabel('下次回访日期').fill(v.nextOn);
    await f.getByRole('button', { name: '登记慰问' }).click();
    await this.page.getByRole('status').filter({ hasText: '已登记慰问' }).waitFor();
  }

  async addDifficulty(kind: string, description: string, owner: string): Promise<void> {
    const f = this.form('登记困难');
    await f.getByLabel('困难类别').selectOption(kind);
    await f.getByLabel('困难情况').fill(description);
    await f.getByLabel('责任人').fill(owner);
    await f.getByRole('button', { name: '登记困难' }).click();
    await this.page.getByRole('status').filter({ hasText: '已登记困难' }).waitFor();
  }

  async resolveDifficulty(kind: string, actions: string): Promise<void> {
    const f = this.form(`${kind}困难`);
    await f.getByLabel('帮扶措施').fill(actions);
    await f.getByLabel('办理状态').selectOption('已解决');
    await f.getByRole('button', { name: '保存办理情况' }).click();
    await this.form(`${kind}困难`).locator('p strong', { hasText: '已解决' }).waitFor();
  }

  difficulty(kind: string): Locator {
    return this.form(`${kind}困难`);
  }

  reportsTable(): Locator {
    return this.page.getByRole('table', { name: '报告情况' });
  }

  /** Opens a print route in this tab, as the 打印 link would. */
  async openPrint(route: string, heading: string): Promise<void> {
    await this.page.evaluate(`window.location.hash = ${JSON.stringify(route)}`);
    await this.page.getByRole('heading', { name: heading }).waitFor();
    await this.page.evaluate('document.fonts.ready.then(() => true)');
  }

  /** 后续办理: one application's stage, as the office learned it from the body concerned. */
  async setStep(kind: MemorialStepKind, o: { status: '已申请' | '不适用'; appliedOn?: string; appliedTo?: string; notes?: string }): Promise<void> {
    const f = this.form(kind);
    await f.getByLabel(`${kind} 办理情况`).selectOption({ label: o.status });
    if (o.appliedOn) await f.getByLabel(`${kind} 申请日期`).fill(o.appliedOn);
    if (o.appliedTo) await f.getByLabel(`${kind} 受理部门`).fill(o.appliedTo);
    if (o.notes) await f.getByLabel(`${kind} 说明`).fill(o.notes);
    await f.getByRole('button', { name: '保存' }).click();
    await this.page
      .getByRole('status')
      .filter({ hasText: `已保存「${kind}」` })
      .waitFor();
  }
}
