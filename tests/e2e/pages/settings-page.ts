import type { Page } from 'playwright-core';

/** 设置: communities, grids, users, audit log. */
export class SettingsPage {
  constructor(private readonly page: Page) {}
  async tab(name: '社区与网格' | '用户' | '自动锁定' | '日期与时区' | '操作日志'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }
  async addCommunity(name: string): Promise<void> {
    await this.page.getByLabel('社区名称').fill(name);
    await this.page.getByRole('button', { name: '添加社区' }).click();
    await this.page
      .getByRole('status')
      .filter({ hasText: `已添加社区「${name}」` })
      .waitFor();
  }
  async addGrid(community: string, name: string): Promise<void> {
    await this.page.getByLabel('所属社区').selectOption({ label: community });
    await this.page.getByLabel('网格名称').fill(name);
    await this.page.getByRole('button', { name: '添加网格' }).click();
    await this.page
      .getByRole('status')
      .filter({ hasText: `已添加网格「${name}」` })
      .waitFor();
  }
  /** 日期与时区: saves the office's time zone; returns the outcome line (saved, or the core's reason). */
  async setTimeZone(zone: string): Promise<string> {
    await this.tab('日期与时区');
    await this.page.getByLabel('办公时区').fill(zone);
    await this.page.getByRole('button', { name: '保存' }).click();
    const outcome = this.page
      .getByRole('status')
      .or(this.page.getByRole('alert'))
      .filter({ hasText: /时区|已保存/ });
    await outcome.first().waitFor();
    return (await outcome.first().textContent()) ?? '';
  }
  grid(label: string) {
    return this.page.getByRole('region', { name: label });
  }
  async verifyAudit(): Promise<string> {
    await this.page.getByRole('button', { name: '校验日志完整性' }).click();
    const s = this.page.getByRole('status').filter({ hasText: '日志' });
    await s.waitFor();
    return (await s.textContent()) ?? '';
  }
}
