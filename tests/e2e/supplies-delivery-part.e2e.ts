/**
 * 物资 › 出入库 at 1366×768 on the demo (w66 walk): 10,000 masks expected at 街道仓库 from 区卫健委 on the 20th, 800 of
 * them arrive on the 17th. The 入库 form names the expected delivery on its own (the earliest open one for that store
 * and item, or once 来源单位 is typed the one from that source); 库存's 预计到货 shows 800 arrived, and the shortage figures count on the 9,200 still to come, not 10,000
 * beside the 800 already in stock (before: the form could not name a delivery, and both were counted).
 */
import { describe, expect, it } from 'vitest';
import type { Requisition } from '../../electron/core/supplies/contract';
import { DEMO_USERS } from '../../electron/core/demo/build-demo';
import { UnlockPage } from './pages/auth-pages';
import { SuppliesPage } from './pages/supplies-page';
import { WalkPage } from './pages/walk-page';
import { demoLedgerForEachAttempt } from './support/demo-ledger';
import { screenshot } from './support/preview';

const NOW = '2020-02-17T02:00:00.000Z'; // 10:00 in 郑州, a Monday

describe('an expected delivery that arrives in part', () => {
  const app = demoLedgerForEachAttempt(NOW, 60, { width: 1366, height: 768 });

  it('is named by the 入库 form, shown as arrived in part, and counted on only for what is still to come', async () => {
    const { page, preview } = app;
    const admin = DEMO_USERS[0];
    await new UnlockPage(page).unlock(admin.username, admin.password);
    await page.getByText(`${admin.displayName}（统筹负责人）`).waitFor();
    const masksExpected = async () => {
      const r = (await preview.rpc('supplies.requisition', {})) as Requisition;
      return [...r.items, ...r.covered].find((i) => i.itemName === '口罩')!.expected;
    };
    expect(await masksExpected()).toBe(10000);

    const walk = new WalkPage(page);
    await walk.openScreen('物资');
    await walk.openTab('出入库');
    const supplies = new SuppliesPage(page);
    await page.getByLabel('仓库', { exact: true }).selectOption({ label: '街道仓库' });
    await page.getByLabel('物资', { exact: true }).selectOption({ label: '口罩（只）' });
    const named = page.getByLabel('对应预计到货');
    await expect.poll(async () => (await named.locator('option:checked').textContent()) ?? '').toBe('2020-02-20 区卫健委 10000 只');
    await page.getByLabel('数量', { exact: true }).fill('800');
    // Another source typed (a donation): not that delivery; its own source: that delivery again.
    await page.getByLabel('来源单位').fill('爱心企业');
    await expect.poll(async () => (await named.locator('option:checked').textContent()) ?? '').toBe('不是预计到货的物资');
    await page.getByLabel('来源单位').fill('区卫健委');
    await expect.poll(async () => (await named.locator('option:checked').textContent()) ?? '').toBe('2020-02-20 区卫健委 10000 只');
    await screenshot(page, 'supplies-delivery-part-form');
    await page.getByRole('button', { name: '登记入库' }).click();
    await supplies.status('已登记入库');
    await expect.poll(async () => (await named.locator('option:checked').textContent()) ?? '').toBe('2020-02-20 区卫健委 10000 只（已到 800 只）');

    await walk.openTab('库存');
    const row = supplies.grid('预计到货').getByRole('row').filter({ hasText: '区卫健委' });
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('800 只');
    expect(await masksExpected()).toBe(9200);
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'supplies-delivery-part-stock');
  });
});
