/** 物资: by the labels a coordinator reads. */
import type { Page } from 'playwright-core';

export class SuppliesPage {
  constructor(private readonly page: Page) {}
  async tab(name: '缺口预警' | '库存' | '出入库' | '到货分配' | '趋势' | '物资品种'): Promise<void> {
    await this.page.getByRole('tablist').first().getByRole('tab', { name, exact: true }).click();
  }
  private async fillCommon(o: { store: string; item: string; quantity: number }, storeLabel = '仓库'): Promise<void> {
    const p = this.page;
    await p.getByLabel(storeLabel, { exact: true }).selectOption({ label: o.store });
    await p.getByLabel('物资', { exact: true }).selectOption({ label: o.item });
    await p.getByLabel('数量', { exact: true }).fill(String(o.quantity));
  }
  async receive(o: { store: string; item: string; quantity: number; from: string }): Promise<void> {
    await this.page.getByRole('tablist', { name: '登记类别' }).getByRole('tab', { name: '入库' }).click();
    await this.fillCommon(o);
    await this.page.getByLabel('来源单位').fill(o.from);
    await this.page.getByRole('button', { name: '登记入库' }).click();
  }
  async issue(o: { store: string; item: string; quantity: number; to: string }): Promise<void> {
    await this.page.getByRole('tablist', { name: '登记类别' }).getByRole('tab', { name: '出库' }).click();
    await this.fillCommon(o);
    await this.page.getByLabel('领用岗位/队伍').fill(o.to);
    await this.page.getByRole('button', { name: '登记出库' }).click();
  }
  /**
   * 冲销 as a coordinator does it: the movement's row in 出入库流水 (found by words in it) clicked, which fills its number
   * into the 冲销 form; the reason typed; 冲销. Returns what the form said it would reverse, read before the click.
   */
  async reverseByRow(rowText: string, reason: string): Promise<string> {
    await this.grid('出入库流水').getByText(rowText).first().click();
    const what = this.page.getByRole('note', { name: '将冲销的记录' }).filter({ hasText: '将冲销：' });
    await what.waitFor();
    const said = (await what.textContent()) ?? '';
    await this.page.getByLabel('冲销原因').fill(reason);
    await this.page.getByRole('button', { name: '冲销', exact: true }).click();
    return said;
  }
  async status(text: string): Promise<void> {
    await this.page.getByRole('status').filter({ hasText: text }).first().waitFor();
  }
  async alert(): Promise<string> {
    const a = this.page.getByRole('alert').first();
    await a.waitFor();
    return (await a.textContent()) ?? '';
  }
  grid(label: string) {
    return this.page.getByRole('region', { name: label });
  }
  /** The shortage chart's bars (one per short store·item) and its axis labels. */
  chart() {
    return this.page.getByRole('img', { name: '缺口图：可用天数与安全天数' });
  }
  async chartBars(): Promise<number> {
    return this.chart().locator('.recharts-bar-rectangle').count();
  }
  async chartLabels(): Promise<string> {
    return (await this.chart().locator('.recharts-cartesian-axis-tick-value').allTextContents()).join(' ');
  }
  async bookAllocation(): Promise<void> {
    await this.page.getByRole('button', { name: '确认分配并登记调拨' }).click();
  }
}
