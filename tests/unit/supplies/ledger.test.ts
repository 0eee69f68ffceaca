import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../electron/core/dates.shared';
import { openSuppliesLedger, type SuppliesLedger } from './helpers';

describe('supplies ledger: receipts, issues, transfers, counts, reversals', () => {
  let s: SuppliesLedger;
  afterEach(() => s?.t.close());

  it('seeds the preset items with unit, pack size and safety days', async () => {
    s = await openSuppliesLedger();
    const items = await s.t.call('supplies.items.list', {});
    expect(items.map((i) => i.name)).toEqual(['口罩', '防护服', '消毒液', '非接触式体温计', '医用手套', '护目镜']);
    expect(s.item('口罩')).toMatchObject({ unit: '只', packSize: 50, safetyDays: 7, preset: true, active: true });
    const stores = await s.t.call('supplies.stores.list', {});
    expect(stores.map((x) => x.name)).toEqual(['街道仓库', '幸福社区', '和平社区', '建设社区']);
  });

  it('books a receipt and an issue, each audited, and keeps stock as their sum', async () => {
    s = await openSuppliesLedger();
    const { t, today } = s;
    const mask = s.item('口罩').id;
    const store = s.community('幸福社区');
    const r = await t.call('supplies.receive', { storeId: store, itemId: mask, day: today, quantity: 1000, sourceKind: 'donation', sourceName: '爱心企业' });
    expect(r).toMatchObject({ kind: 'receipt', delta: 1000, storeName: '幸福社区', party: '爱心企业', sourceKind: 'donation' });
    const i = await t.call('supplies.issue', { storeId: store, itemId: mask, day: today, quantity: 300, recipient: '东门卡点' });
    expect(i).toMatchObject({ kind: 'issue', delta: -300, party: '东门卡点' });
    const row = (await t.call('supplies.stock', { storeId: store, itemId: mask })).at(0)!;
    expect(row.stock).toBe(700);
    const db = t.core.services.ledger.handle();
    const audited = db.prepare(`SELECT entity_id AS id FROM audit_log WHERE entity = 'supply_movement' ORDER BY id`).all() as Array<{ id: string }>;
    expect(audited.map((a) => Number(a.id))).toEqual([r.id, i.id]);
  });

  it('refuses bad input with a zh-CN message naming the field, and writes nothing', async () => {
    s = await openSuppliesLedger();
    const { t, today } = s;
    const mask = s.item('口罩').id;
    const store = s.community('幸福社区');
    await t.call('supplies.receive', { storeId: store, itemId: mask, day: today, quantity: 100, sourceKind: 'upstream', sourceName: '区卫健委' });
    const movements = s.countRows('supply_movements');
    const audits = s.countRows('audit_log');

    const tooMuch = await t.fail('supplies.issue', { storeId: store, itemId: mask, day: today, quantity: 101, recipient: '东门卡点' });
    expect(tooMuch.code).toBe('BAD_INPUT');
    expect(tooMuch.message).toBe('「数量」超过库存：幸福社区的口罩现有 100 只，不能出库 101 只。');
    const negative = await t.fail('supplies.receive', {
      storeId: store,
      itemId: mask,
      day: today,
      quantity: -5,
      sourceKind: 'upstream',
      sourceName: '区卫健委',
    });
    expect(negative.message).toContain('「数量」应大于 0');
    const fraction = await t.fail('supplies.issue', { storeId: store, itemId: mask, day: today, quantity: 1.5, recipient: 'x' });
    expect(fraction.message).toContain('「数量」应为整数');
    expect((await t.fail('supplies.issue', { storeId: store, itemId: 999, day: today, quantity: 1, recipient: 'x' })).message).toContain('「物资」不存在');
    expect((await t.fail('supplies.issue', { storeId: 999, itemId: mask, day: today, quantity: 1, recipient: 'x' })).message).toContain('「仓库」不存在');
    const same = await t.fail('supplies.transfer', { fromStoreId: store, toStoreId: store, itemId: mask, day: today, quantity: 1 });
    expect(same.message).toBe('「调入仓库」不能与「调出仓库」相同（都是幸福社区）。');
    expect((await t.fail('supplies.transfer', { fromStoreId: store, toStoreId: 0, itemId: mask, day: today, quantity: 500 })).message).toContain(
      '不能调出 500 只',
    );
    expect((await t.fail('supplies.issue', { storeId: store, itemId: mask, day: addDays(today, 1), quantity: 1, recipient: 'x' })).message).toContain(
      '「日期」不能晚于今天',
    );
    expect(
      (await t.fail('supplies.receive', { storeId: store, itemId: mask, day: today, quantity: 1, sourceKind: 'gift', sourceName: 'x' })).message,
    ).toContain('「来源类别」');

    expect(s.countRows('supply_movements')).toBe(movements);
    expect(s.countRows('audit_log')).toBe(audits);
  });

  it('transfers between stores as two linked rows', async () => {
    s = await openSuppliesLedger();
    const { t, today } = s;
    const suit = s.item('防护服').id;
    await t.call('supplies.receive', { storeId: 0, itemId: suit, day: today, quantity: 200, sourceKind: 'upstream', sourceName: '区应急管理局' });
    const [out, inn] = await t.call('supplies.transfer', { fromStoreId: 0, toStoreId: s.community('和平社区'), itemId: suit, day: today, quantity: 80 });
    expect(out).toMatchObject({ kind: 'transfer_out', delta: -80, storeName: '街道仓库', otherStoreName: '和平社区' });
    expect(inn).toMatchObject({ kind: 'transfer_in', delta: 80, storeName: '和平社区', otherStoreName: '街道仓库' });
    const stock = await t.call('supplies.stock', { itemId: suit });
    expect(stock.find((r) => r.storeId === 0)!.stock).toBe(120);
    expect(stock.find((r) => r.storeName === '和平社区')!.stock).toBe(80);
  });

  it('records a stock count with its variance, the only way the book is set directly', async () => {
    s = await openSuppliesLedger();
    const { t, today } = s;
    const gel = s.item('消毒液').id;
    const store = s.community('建设社区');
    await t.call('supplies.receive', { storeId: store, itemId: gel, day: today, quantity: 48, sourceKind: 'purchase', sourceName: '药店' });
    const c = await t.call('supplies.count', { storeId: store, itemId: gel, day: today, counted: 45, note: '三瓶破损' });
    expect(c).toMatchObject({ kind: 'count', counted: 45, bookBefore: 48, delta: -3 });
    expect((await t.call('supplies.stock', { storeId: store, itemId: gel }))[0]!.stock).toBe(45);
  });

  it('never edits a movement: reversal is a new movement, once, and refused when stock would go negative', async () => {
    s = await openSuppliesLedger();
    const { t, today } = s;
    const mask = s.item('口罩').id;
    const store = s.community('幸福社区');
    const r = await t.call('supplies.receive', { storeId: store, itemId: mask, day: today, quantity: 100, sourceKind: 'upstream', sourceName: '区卫健委' });
    const i = await t.call('supplies.issue', { storeId: store, itemId: mask, day: today, quantity: 60, recipient: '东门卡点' });
    const refused = await t.fail('supplies.reverse', { movementId: r.id, reason: '数量登记错误' });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('库存将为负数');
    const [rev] = await t.call('supplies.reverse', { movementId: i.id, reason: '实际未领取' });
    expect(rev).toMatchObject({ kind: 'reversal', delta: 60, reversesId: i.id, note: '实际未领取' });
    expect((await t.fail('supplies.reverse', { movementId: i.id, reason: '再来一次' })).message).toContain('已被流水号');
    expect((await t.fail('supplies.reverse', { movementId: rev!.id, reason: 'x' })).message).toContain('本身是冲销记录');
    const listed = await t.call('supplies.movements.list', { filter: { storeId: store } });
    expect(listed.rows.find((m) => m.id === i.id)!.reversedById).toBe(rev!.id);
    // 经办 reads as the person colleagues know, not the login name.
    expect(listed.rows.find((m) => m.id === i.id)).toMatchObject({ createdBy: 'admin', createdByName: '王建国' });
    const db = t.core.services.ledger.handle();
    expect(() => db.prepare(`UPDATE supply_movements SET delta = 1 WHERE id = @id`).run({ id: r.id })).toThrow(/never edited/);
    expect(() => db.prepare(`DELETE FROM supply_movements WHERE id = @id`).run({ id: r.id })).toThrow(/never deleted/);
  });

  it('reverses both rows of a transfer together', async () => {
    s = await openSuppliesLedger();
    const { t, today } = s;
    const mask = s.item('口罩').id;
    await t.call('supplies.receive', { storeId: 0, itemId: mask, day: today, quantity: 500, sourceKind: 'upstream', sourceName: '区卫健委' });
    const [, inn] = await t.call('supplies.transfer', { fromStoreId: 0, toStoreId: s.community('幸福社区'), itemId: mask, day: today, quantity: 200 });
    const revs = await t.call('supplies.reverse', { movementId: inn!.id, reason: '调错社区' });
    expect(revs.map((m) => m.delta).sort((a, b) => a - b)).toEqual([-200, 200]);
    const stock = await t.call('supplies.stock', { itemId: mask });
    expect(stock.find((r) => r.storeId === 0)!.stock).toBe(500);
  });

  it('lets clerks book, viewers only read, and only coordinators reverse or change items', async () => {
    s = await openSuppliesLedger();
    const { t, today } = s;
    const clerk = await t.sessionAs('clerk');
    const viewer = await t.sessionAs('viewer');
    const mask = s.item('口罩').id;
    const r = await t.call('supplies.receive', { storeId: 0, itemId: mask, day: today, quantity: 50, sourceKind: 'upstream', sourceName: '区卫健委' }, clerk);
    expect((await t.fail('supplies.issue', { storeId: 0, itemId: mask, day: today, quantity: 1, recipient: 'x' }, viewer)).code).toBe('FORBIDDEN');
    expect((await t.fail('supplies.reverse', { movementId: r.id, reason: 'x' }, clerk)).code).toBe('FORBIDDEN');
    expect((await t.fail('supplies.items.save', { name: '隔离衣', unit: '件', packSize: 10, safetyDays: 7 }, clerk)).code).toBe('FORBIDDEN');
    expect((await t.call('supplies.movements.list', {}, viewer)).total).toBe(1);
  });

  it('adds an item, refuses a duplicate name, and stops booking a retired one', async () => {
    s = await openSuppliesLedger();
    const { t, today } = s;
    const gown = await t.call('supplies.items.save', { name: '隔离衣', unit: '件', packSize: 10, safetyDays: 5 });
    expect(gown).toMatchObject({ name: '隔离衣', preset: false });
    expect((await t.fail('supplies.items.save', { name: '口罩', unit: '只', packSize: 1, safetyDays: 1 })).code).toBe('CONFLICT');
    await t.call('supplies.items.save', { id: gown.id, name: gown.name, unit: gown.unit, packSize: gown.packSize, safetyDays: gown.safetyDays, active: false });
    expect(
      (await t.fail('supplies.receive', { storeId: 0, itemId: gown.id, day: today, quantity: 1, sourceKind: 'purchase', sourceName: 'x' })).message,
    ).toContain('已停用');
  });
});
