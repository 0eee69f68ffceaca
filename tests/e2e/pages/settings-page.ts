import type { Page } from 'playwright-core';

/** 设置: communities, grids, users, audit log. */
export class SettingsPage {
  constructor(private readonly page: Page) {}
  async tab(name: '社区与网格' | '用户' | '自动锁定' | '操作日志'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }
  async addCommunity(name: string): Promise<void> {
    await this.page.getByLabel('社区名称').fill(name);
    await this.page.getByRole('button', { name: '添加社区' }).click();
    await this.page.getByRole('status').filter({ hasText: `已添加社区「${name}」` }).waitFor();
  }
  async addGrid(community: string, name: string): Promise<void> {
    await this.page.getByLabel('所属社区').selectOption({ label: community });
    await this.page.getByLabel('网格名称').fill(name);
    await this.page.getByRole('button', { name: '添加网格' }).click();
    await this.page.getByRole('status').filter({ hasText: `已添加网格「${name}」` }).waitFor();
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
