import type { Page } from 'playwright-core';

/** 上报: the package, the calendar, the log, the office key, district checks, backup and restore. */
export class ExportPage {
  constructor(private readonly page: Page) {}
  async tab(name: '生成上报包' | '报送日历' | '上报记录' | '本街道公钥' | '区级核验汇总' | '备份与恢复'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }
  async setPeriod(from: string, to: string): Promise<void> {
    await this.page.getByLabel('开始日期').fill(from);
    await this.page.getByLabel('结束日期').fill(to);
  }
  forms() {
    return this.page.getByRole('list', { name: '上报表格' });
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
}
