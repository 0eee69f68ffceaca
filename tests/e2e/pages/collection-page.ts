import type { Page } from 'playwright-core';

/** 导入 → 下发收集表: blank sheets for the communities, by the labels a user reads. */
export class CollectionPage {
  constructor(private readonly page: Page) {}
  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: '下发收集表' }).click();
    await this.page.getByRole('heading', { name: '下发收集表' }).waitFor();
  }
  /** Makes the sheet for one community (or 全部社区) into a folder; returns the paths listed as made. */
  async make(community: string, sheet: string, folder: string): Promise<string[]> {
    await this.page.getByLabel('社区（村）').selectOption({ label: community });
    await this.page.getByLabel('收集表', { exact: true }).selectOption({ label: sheet });
    await this.page.getByLabel('保存位置（文件夹）').fill(folder);
    await this.page.getByRole('button', { name: '生成收集表' }).click();
    const list = this.page.getByRole('list', { name: '已生成的收集表' });
    await list.waitFor();
    return list.getByRole('listitem').allTextContents();
  }
  status() {
    return this.page.getByRole('status').filter({ hasText: '已生成' });
  }
}
