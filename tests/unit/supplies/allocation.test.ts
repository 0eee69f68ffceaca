import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../electron/core/dates.shared';
import { openSuppliesLedger, type SuppliesLedger } from './helpers';

async function shortOfMasks(s: SuppliesLedger, community: string): Promise<void> {
  // 500 received, 50 a day for 7 days: 150 left, need 350 for 7 days -> 200 short (4 packs of 50).
  const storeId = s.community(community);
  const itemId = s.item('口罩').id;
  await s.t.call('supplies.receive', { storeId, itemId, day: addDays(s.today, -10), quantity: 500, sourceKind: 'upstream', sourceName: '区卫健委' });
  for (let d = 6; d >= 0; d--) await s.t.call('supplies.issue', { storeId, itemId, day: addDays(s.today, -d), quantity: 50, recipient: '卡点' });
}

function addStaff(s: SuppliesLedger, community: string, n: number): void {
  const db = s.t.core.services.ledger.handle();
  const ins = db.prepare(`INSERT INTO staff (name, kind, community_id, created_at, updated_at) VALUES (@name, 'community_worker', @c, @now, @now)`);
  for (let i = 0; i < n; i++) ins.run({ name: `社工${i}`, c: s.community(community), now: s.t.clock.nowIso() });
}

function addObservation(s: SuppliesLedger, community: string, n: number): boolean {
  const db = s.t.core.services.ledger.handle();
  if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cases'`).get()) return false;
  const now = s.t.clock.nowIso();
  for (let i = 0; i < n; i++) {
    const resident = db
      .prepare(`INSERT INTO residents (community_id, name, created_at, updated_at) VALUES (@c, @name, @now, @now)`)
      .run({ c: s.community(community), name: `居民${i}`, now }).lastInsertRowid;
    db.prepare(
      `INSERT INTO cases (resident_id, community_id, category, status, opened_on, obs_start_on, obs_days, obs_end_on, created_at, updated_at)
       VALUES (@resident, @c, 'home_observation', 'observing', @start, @start, 14, @end, @now, @now)`,
    ).run({ resident, c: s.community(community), start: addDays(s.today, -3), end: addDays(s.today, 10), now });
  }
  return true;
}

describe('allocation of a shipment at the office store', () => {
  let s: SuppliesLedger;
  afterEach(() => s?.t.close());

  it('proposes a split by shortfall, weighted by staff on duty, within the shipment', async () => {
    s = await openSuppliesLedger();
    await shortOfMasks(s, '幸福社区');
    await shortOfMasks(s, '建设社区');
    addStaff(s, '建设社区', 4);
    await s.t.call('supplies.receive', { storeId: 0, itemId: s.item('口罩').id, day: s.today, quantity: 150, sourceKind: 'upstream', sourceName: '区卫健委' });
    const p = await s.t.call('supplies.allocation.propose', { itemId: s.item('口罩').id });
    expect(p).toMatchObject({ itemName: '口罩', officeStock: 150, shipment: 150, packSize: 50 });
    const by = new Map(p.lines.map((l) => [l.communityName, l]));
    // Equal need (200 each), 3 packs; 建设社区 has 4 of the office's staff (mean 4/3) so weight 1.5 vs 1.
    expect(by.get('建设社区')).toMatchObject({ need: 200, staff: 4, weight: 1.5, proposed: 100 });
    expect(by.get('幸福社区')).toMatchObject({ need: 200, staff: 0, weight: 1, proposed: 50 });
    expect(by.get('和平社区')).toMatchObject({ need: 0, proposed: 0 });
    expect(p.lines[0]!.communityName).toBe('建设社区');
    // A planned shipment larger than the need gives everyone their need and no more.
    const big = await s.t.call('supplies.allocation.propose', { itemId: s.item('口罩').id, shipment: 5000 });
    expect(big.lines.reduce((sum, l) => sum + l.proposed, 0)).toBe(400);
  });

  it('weights people under home observation when the caseload is there', async () => {
    s = await openSuppliesLedger();
    await shortOfMasks(s, '幸福社区');
    await shortOfMasks(s, '建设社区');
    if (!addObservation(s, '建设社区', 3)) return; // the caseload tables are not in this build
    await s.t.call('supplies.receive', { storeId: 0, itemId: s.item('口罩').id, day: s.today, quantity: 150, sourceKind: 'upstream', sourceName: '区卫健委' });
    const p = await s.t.call('supplies.allocation.propose', { itemId: s.item('口罩').id });
    const by = new Map(p.lines.map((l) => [l.communityName, l]));
    expect(by.get('建设社区')).toMatchObject({ observed: 3, weight: 1.5, proposed: 100 });
    expect(by.get('幸福社区')).toMatchObject({ observed: 0, weight: 1, proposed: 50 });
  });

  it('books the edited split as transfers in one step, and refuses a split above the office stock', async () => {
    s = await openSuppliesLedger();
    await shortOfMasks(s, '幸福社区');
    const itemId = s.item('口罩').id;
    await s.t.call('supplies.receive', { storeId: 0, itemId, day: s.today, quantity: 300, sourceKind: 'donation', sourceName: '爱心企业' });
    const before = s.countRows('supply_movements');
    const over = await s.t.fail('supplies.allocation.book', {
      itemId,
      day: s.today,
      lines: [
        { communityId: s.community('幸福社区'), quantity: 200 },
        { communityId: s.community('和平社区'), quantity: 150 },
      ],
    });
    expect(over.message).toBe('「分配明细」合计 350 只，超过街道仓库口罩现有 300 只。');
    const dup = await s.t.fail('supplies.allocation.book', {
      itemId,
      day: s.today,
      lines: [
        { communityId: s.community('幸福社区'), quantity: 1 },
        { communityId: s.community('幸福社区'), quantity: 1 },
      ],
    });
    expect(dup.message).toContain('第 2 项的「社区」幸福社区重复出现');
    expect((await s.t.fail('supplies.allocation.book', { itemId, day: s.today, lines: [{ communityId: 77, quantity: 1 }] })).message).toContain(
      '第 1 项的「社区」不存在',
    );
    expect(
      (await s.t.fail('supplies.allocation.book', { itemId, day: s.today, lines: [{ communityId: s.community('幸福社区'), quantity: -1 }] })).message,
    ).toContain('不能为负数');
    expect(s.countRows('supply_movements')).toBe(before);

    const booked = await s.t.call('supplies.allocation.book', {
      itemId,
      day: s.today,
      lines: [
        { communityId: s.community('幸福社区'), quantity: 200 },
        { communityId: s.community('和平社区'), quantity: 50 },
        { communityId: s.community('建设社区'), quantity: 0 },
      ],
    });
    expect(booked.map((m) => [m.kind, m.storeName, m.delta])).toEqual([
      ['transfer_out', '街道仓库', -200],
      ['transfer_in', '幸福社区', 200],
      ['transfer_out', '街道仓库', -50],
      ['transfer_in', '和平社区', 50],
    ]);
    const stock = await s.t.call('supplies.stock', { itemId });
    expect(stock.find((r) => r.storeId === 0)!.stock).toBe(50);
    expect(stock.find((r) => r.storeName === '幸福社区')).toMatchObject({ stock: 350, short: false });
  });
});
