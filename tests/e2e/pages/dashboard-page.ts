/** 工作台, by what a coordinator reads: tile names, the scope picker, chart titles. */
import type { Locator, Page } from 'playwright-core';

export class DashboardPage {
  constructor(private readonly page: Page) {}
  async waitFor(): Promise<void> {
    await this.page.getByRole('heading', { name: '工作台', exact: true }).waitFor();
    await this.page.getByRole('region', { name: '今天要办' }).waitFor();
  }
  /** A tile by its name (e.g. 逾期未监测). */
  tile(name: string): Locator {
    return this.page.locator('.dash-tile').filter({ has: this.page.locator('.dash-tile-label', { hasText: name }) });
  }
  /** The big figure of a tile as shown: a number, or 无. */
  async figure(name: string): Promise<string> {
    return ((await this.tile(name).locator('.dash-tile-value').textContent()) ?? '').trim();
  }
  async open(name: string): Promise<void> {
    await this.tile(name).locator('a.dash-tile-main').click();
  }
  async scope(community: string): Promise<void> {
    await this.page.getByLabel('查看范围').selectOption({ label: community });
  }
  chart(title: string): Locator {
    return this.page.getByRole('region', { name: title });
  }
  bars(title: string): Locator {
    return this.chart(title).locator('.recharts-bar-rectangle');
  }
  async hash(): Promise<string> {
    return decodeURIComponent(await this.page.evaluate(() => window.location.hash));
  }
}
