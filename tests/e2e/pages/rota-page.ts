import type { Page } from 'playwright-core';

/** 排班 and 人员, by the labels a coordinator reads. */
export class RotaPage {
  constructor(private readonly page: Page) {}
  async tab(name: '排班日历' | '岗位与班次' | '补助'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }
  async addPost(o: { community: string; name: string; kind: string; location: string; shifts: string[] }): Promise<void> {
    const form = this.page.getByRole('form', { name: '新增岗位' });
    await form.getByLabel('岗位所属社区').selectOption({ label: o.community });
    await form.getByLabel('岗位名称').fill(o.name);
    await form.getByLabel('岗位类型').selectOption({ label: o.kind });
    await form.getByLabel('地点').fill(o.location);
    for (const s of o.shifts) await form.getByLabel(s).check();
    await form.getByRole('button', { name: '保存岗位' }).click();
    await this.page.getByRole('status').filter({ hasText: `已保存岗位「${o.name}」` }).waitFor();
  }
  async chooseCommunity(name: string): Promise<void> {
    await this.page.getByLabel('社区', { exact: true }).selectOption({ label: name });
  }
  async generate(): Promise<string> {
    await this.page.getByRole('button', { name: '自动排班' }).click();
    const s = this.page.getByRole('status').filter({ hasText: '自动排班完成' });
    await s.waitFor({ timeout: 30_000 });
    return (await s.textContent()) ?? '';
  }
  async assign(o: { day: string; post: string; shift: string; staff: string; reason?: string }): Promise<void> {
    const form = this.page.getByRole('form', { name: '安排值守' });
    await form.getByLabel('日期').selectOption(o.day);
    await form.getByLabel('安排到岗位').selectOption({ label: o.post });
    await form.getByLabel('班次').selectOption({ label: o.shift });
    await form.getByLabel('人员').selectOption({ label: o.staff });
    await form.getByLabel('破例安排的理由').fill(o.reason ?? '');
    await form.getByRole('button', { name: '安排' }).click();
  }
  async message(kind: 'alert' | 'status', text: string): Promise<string> {
    const m = this.page.getByRole(kind).filter({ hasText: text });
    await m.waitFor();
    return (await m.textContent()) ?? '';
  }
  calendar() {
    return this.page.getByRole('region', { name: '排班日历' });
  }
}
