import type { Page } from 'playwright-core';

/** 导入: the wizard and the import history, by the labels a user reads. */
export class ImportPage {
  constructor(private readonly page: Page) {}
  async openFile(target: '居民（按户）' | '工作人员', path: string): Promise<void> {
    await this.page.getByLabel('导入内容').selectOption({ label: target });
    await this.page.getByLabel('文件路径').fill(path);
    await this.page.getByRole('button', { name: '打开文件' }).click();
    await this.page.getByRole('table', { name: '列对应关系' }).waitFor();
  }
  async mapColumn(header: string, field: string): Promise<void> {
    await this.page.getByLabel(`「${header}」对应到`).selectOption({ label: field });
  }
  async mappedTo(header: string): Promise<string> {
    return this.page.getByLabel(`「${header}」对应到`).evaluate((s) => (s as unknown as { selectedOptions: ArrayLike<{ textContent: string | null }> }).selectedOptions[0]?.textContent ?? '');
  }
  async preview(): Promise<void> {
    await this.page.getByRole('button', { name: '预览' }).click();
    await this.page.getByRole('button', { name: '确认导入' }).waitFor();
  }
  async count(label: '预览结果' | '导入结果', key: string): Promise<number> {
    const text = await this.page.getByLabel(label).locator(`[data-count="${key}"]`).textContent();
    return Number((text ?? '').replace(/,/g, ''));
  }
  async commit(): Promise<void> {
    await this.page.getByRole('button', { name: '确认导入' }).click();
    await this.page.getByLabel('导入结果').waitFor();
  }
  async saveRejected(path: string): Promise<string> {
    await this.page.getByLabel('退回表格保存到').fill(path);
    await this.page.getByRole('button', { name: '保存退回表格' }).click();
    const s = this.page.getByRole('status').filter({ hasText: '已保存退回表格' });
    await s.waitFor();
    return (await s.textContent()) ?? '';
  }
  async history(): Promise<void> {
    await this.page.getByRole('tab', { name: '导入记录' }).click();
  }
  grid(label: string) {
    return this.page.getByRole('region', { name: label });
  }
}
