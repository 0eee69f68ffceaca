import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeCsv, writeXlsx } from './files';
import { importAuditedIds } from '../../helpers/audit';

// The test clock stands at 2020-02-17. 东风社区 received 500 口罩 on 02-10; the street office store 100 防护服 on 02-12.
const HEAD = ['所属社区', '物资名称', '实盘数量', '盘点日期', '备注'];
const MAPPING = ['store', 'item', 'counted', 'day', 'note'];

let t: TestLedger;
let dir: string;
let org: { dongfeng: number; xingfu: number };
let items: Record<string, number>;
const db = () => t.core.services.ledger.handle();
const count = (sql: string): number => (db().prepare(sql).get() as { n: number }).n;
const ids = (sql: string): unknown[] => db().prepare(sql).pluck().all();
const stock = (storeId: number, item: string): number =>
  (
    db()
      .prepare(`SELECT coalesce(sum(delta), 0) AS n FROM supply_movements WHERE store_id = @storeId AND item_id = @itemId`)
      .get({ storeId, itemId: items[item] }) as { n: number }
  ).n;
const reasonsByRow = (rejected: { rowNumber: number; reasons: { field: string; message: string }[] }[]) =>
  Object.fromEntries(rejected.map((r) => [r.rowNumber, r.reasons.map((x) => `${x.field}:${x.message}`).join('|')]));

beforeEach(async () => {
  t = await openTestLedger();
  org = await seedOrg(t);
  dir = scratch();
  items = Object.fromEntries((await t.call('supplies.items.list', {})).map((i) => [i.name, i.id]));
  await t.call('supplies.receive', {
    storeId: org.dongfeng,
    itemId: items['口罩']!,
    day: '2020-02-10',
    quantity: 500,
    sourceKind: 'upstream',
    sourceName: '区卫健委',
    note: '',
  });
  await t.call('supplies.receive', {
    storeId: 0,
    itemId: items['防护服']!,
    day: '2020-02-12',
    quantity: 100,
    sourceKind: 'donation',
    sourceName: '爱心企业',
    note: '',
  });
});
afterEach(() => t.close());

const sheet = () => [
  HEAD,
  ['东风社区', '口罩', 480, '2020-02-17', '周盘点'],
  ['街道仓库', '防护服', '100', '2020/2/16', ''],
  ['幸福村', '消毒液', '12瓶', '2020-02-17', ''],
  ['南湖社区', '口罩', 10, '2020-02-17', ''],
  ['东风社区', '口罩罩', 10, '2020-02-17', ''],
  ['东风社区', '防护服', '-5', '2020-02-17', ''],
  ['东风社区', '防护服', '20箱', '2020-02-17', ''],
  ['东风', '口罩', 490, '2020-02-09', ''],
  ['幸福村', '口罩', 30, '2020-02-20', ''],
];

describe('stock count import', () => {
  it('books count movements with the variance through the supplies ledger, and rejects unknown stores and items', async () => {
    const path = await writeXlsx(join(dir, '盘点.xlsx'), [{ name: '盘点表', rows: [['《二月物资盘点表》'], ...sheet()] }]);
    const ins = await t.call('import.inspect', { path, target: 'stock_counts' });
    expect(ins.mapping).toEqual(MAPPING);
    const pre = await t.call('import.preview', { path, target: 'stock_counts', mapping: ins.mapping });
    expect(pre.counts).toMatchObject({ total: 9, created: 3, rejected: 6 });
    expect(count(`SELECT count(*) AS n FROM supply_movements WHERE kind = 'count'`)).toBe(0);
    const why = reasonsByRow(pre.rejected);
    expect(why[6]).toMatch(/^社区:台账中没有名为「南湖社区」的社区/);
    expect(why[7]).toMatch(/^物资名称:台账中没有名为「口罩罩」的物资/);
    expect(why[8]).toMatch(/^盘点数量:「-5」应为不小于 0 的整数/);
    expect(why[9]).toBe('盘点数量:单位「箱」与台账中防护服的单位「套」不同，请换算成「套」后填写');
    expect(why[10]).toMatch(/^盘点日期:2020-02-09 早于东风社区的口罩最近一次出入库（2020-02-10）/);
    expect(why[11]).toMatch(/^盘点日期:2020-02-20 晚于今天/);
    expect(pre.sample[0]!.shown).toMatchObject({ 仓库: '东风社区', 物资名称: '口罩', 盘点数量: '480', 账面数量: '500', 差额: '-20' });

    const done = await t.call('import.commit', { path, target: 'stock_counts', mapping: ins.mapping, previewId: pre.previewId });
    expect(done.counts).toMatchObject({ created: 3, rejected: 6 });
    const counts = db()
      .prepare(
        `SELECT store_id AS storeId, i.name AS item, day, delta, counted, book_before AS book, note, created_by AS who FROM supply_movements m JOIN supply_items i ON i.id = m.item_id WHERE kind = 'count' ORDER BY m.id`,
      )
      .all();
    expect(counts).toEqual([
      { storeId: org.dongfeng, item: '口罩', day: '2020-02-17', delta: -20, counted: 480, book: 500, note: '周盘点', who: 'admin' },
      { storeId: 0, item: '防护服', day: '2020-02-16', delta: 0, counted: 100, book: 100, note: '导入盘点表', who: 'admin' },
      { storeId: org.xingfu, item: '消毒液', day: '2020-02-17', delta: 12, counted: 12, book: 0, note: '导入盘点表', who: 'admin' },
    ]);
    expect(stock(org.dongfeng, '口罩')).toBe(480);
    expect(stock(org.xingfu, '消毒液')).toBe(12);
    expect(importAuditedIds(db(), 'supply_movement')).toEqual(ids(`SELECT id FROM supply_movements WHERE kind = 'count' ORDER BY id`));
  });

  it('books nothing again for the same counts, and skips or re-counts a changed quantity by the chosen mode', async () => {
    const path = await writeXlsx(join(dir, 'a.xlsx'), [{ name: 'S', rows: sheet().slice(0, 4) }]);
    await t.call('import.commit', { path, target: 'stock_counts', mapping: MAPPING });
    expect(count(`SELECT count(*) AS n FROM supply_movements`)).toBe(5);
    const same = await t.call('import.commit', { path, target: 'stock_counts', mapping: MAPPING });
    expect(same.alreadyImported).not.toBeNull();
    // Issued since: the count of 02-17 is still the same count, not a new variance.
    await t.call('supplies.issue', { storeId: org.dongfeng, itemId: items['口罩']!, day: '2020-02-17', quantity: 30, recipient: '卡点', note: '' });
    const rows = sheet()
      .slice(0, 4)
      .map((r) => r.map(String));
    const csv = writeCsv(join(dir, 'again.csv'), rows, 'utf-8');
    const again = await t.call('import.commit', { path: csv, target: 'stock_counts', mapping: MAPPING });
    expect(again.counts).toMatchObject({ total: 3, unchanged: 3, created: 0 });
    expect(count(`SELECT count(*) AS n FROM supply_movements`)).toBe(6);
    expect(stock(org.dongfeng, '口罩')).toBe(450);

    const changed = writeCsv(join(dir, 'changed.csv'), [HEAD, ['东风社区', '口罩', '440', '2020-02-17', '复盘']], 'gbk');
    const skip = await t.call('import.preview', { path: changed, target: 'stock_counts', mapping: MAPPING, onDuplicate: 'skip' });
    expect(skip.counts.skipped).toBe(1);
    expect(skip.conflicts[0]!.existing['盘点数量']).toBe('480');
    const upd = await t.call('import.commit', { path: changed, target: 'stock_counts', mapping: MAPPING, onDuplicate: 'update' });
    expect(upd.counts.updated).toBe(1);
    expect(stock(org.dongfeng, '口罩')).toBe(440);
    const last = db().prepare(`SELECT delta, counted, book_before AS book FROM supply_movements ORDER BY id DESC LIMIT 1`).get();
    expect(last).toEqual({ delta: -10, counted: 440, book: 450 });
  });

  it('rejects a second, different count of the same store, item and day within one file', async () => {
    const rows = [HEAD, ['东风社区', '口罩', 480, '2020-02-17', ''], ['东风社区', '口罩', 470, '2020-02-17', '']];
    const path = await writeXlsx(join(dir, 'd.xlsx'), [{ name: 'S', rows }]);
    const pre = await t.call('import.preview', { path, target: 'stock_counts', mapping: MAPPING });
    expect(reasonsByRow(pre.rejected)[3]).toBe(':与第 2 行是同一仓库、同一物资、同一天的盘点，但数量不同，请核对后只保留一行');
  });

  it("finds the day's count and the last movement of a store and item by index", () => {
    const plan = (sql: string): string =>
      (db().prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ storeId: 1, itemId: 1, day: '2020-02-17' }) as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan(`SELECT m.id FROM supply_movements m WHERE m.store_id = @storeId AND m.item_id = @itemId AND m.day = @day AND m.kind = 'count'`)).toContain(
      'supply_movements_by_store_item',
    );
    expect(plan(`SELECT max(day) AS day FROM supply_movements WHERE store_id = @storeId AND item_id = @itemId`)).toMatch(
      /supply_movements_by_store_item|supply_movements_stock/,
    );
  });
});
