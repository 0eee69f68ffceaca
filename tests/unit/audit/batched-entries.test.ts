import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../../electron/core/audit/audit-log';
import { batchedEntriesFor, ColumnarBatchText, unpackBatch } from '../../../electron/core/audit/batched-entries';
import { protectColumns } from '../../../electron/core/audit/audit-seal';
import { asWriteDb } from '../../../electron/core/db/types';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

const residents = [
  { household_id: 3, name: '张伟', id_number: '420106********1234', tags: '[]', id: 10 },
  { household_id: 3, name: '李娜', id_number: null, tags: '["disabled"]', id: 11 },
];

function batchOf(records: readonly unknown[], protection = protectColumns(null)): ColumnarBatchText {
  const batch = ColumnarBatchText.startingWith(records[0], protection)!;
  for (const r of records.slice(1)) expect(batch.add(r)).toBe(true);
  return batch;
}

describe('batched audit rows packed by columns', () => {
  let t: TestLedger | undefined;
  afterEach(() => t?.close());

  it('writes the keys once per batch and gives every record back as it was', () => {
    const text = batchOf(residents).serialised().text;
    // household_id is 3 in both: written once.
    expect(JSON.parse(text)).toEqual({
      columns: ['household_id', 'name', 'id_number', 'tags', 'id'],
      same: { household_id: 3 },
      rows: [
        ['张伟', '420106********1234', '[]', 10],
        ['李娜', null, '["disabled"]', 11],
      ],
    });
    // The same text JSON.stringify gives the columnar object: what the chain hashes is plain JSON.
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
    expect(unpackBatch(JSON.parse(text))).toEqual(residents);
    expect(text.length).toBeLessThan(JSON.stringify(residents).length);
  });

  it('writes a column once when every record holds the same value in it, and every record still reads back whole', () => {
    // Nulls, texts and numbers the same in every record; a key that JSON would move (an integer) or that is not a plain key stays in the rows.
    const records = [1, 2, 3].map((i) => ({
      id: i,
      category: 'returnee',
      source: '导入',
      notes: null,
      risk: 0,
      7: 'x',
      ['__proto__']: 'y',
      origin: `地${i % 2}`,
    }));
    const text = batchOf(records).serialised().text;
    const parsed = JSON.parse(text) as { columns: string[]; same: Record<string, unknown>; rows: unknown[][] };
    expect(parsed.columns).toEqual(['7', 'id', 'category', 'source', 'notes', 'risk', '__proto__', 'origin']);
    expect(parsed.same).toEqual({ category: 'returnee', source: '导入', notes: null, risk: 0 });
    expect(parsed.rows).toEqual([
      ['x', 1, 'y', '地1'],
      ['x', 2, 'y', '地0'],
      ['x', 3, 'y', '地1'],
    ]);
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
    expect(unpackBatch(parsed)).toEqual(records);
    // An object in a record is logged as it was when audited, not as its writer changes it before the batch is written.
    const tags = ['独居老人'];
    const kept = batchOf([{ id: 1, tags }]);
    tags.push('低保');
    expect(kept.add({ id: 2, tags })).toBe(true);
    expect(JSON.parse(kept.serialised().text)).toEqual({
      columns: ['id', 'tags'],
      rows: [
        [1, ['独居老人']],
        [2, ['独居老人', '低保']],
      ],
    });
    // Protected values (an object per record) are never written once, even when they mask alike.
    const sealed = batchOf(
      [1, 2].map((id) => ({ id, idNumber: '420106195611083135' })),
      protectColumns(null),
    ).serialised().text;
    expect(JSON.parse(sealed)).toEqual({
      columns: ['id', 'idNumber'],
      rows: [
        [1, { masked: '4201**********3135' }],
        [2, { masked: '4201**********3135' }],
      ],
    });
  });

  it('takes as a row only a record with the same keys in the same order and nothing undefined', () => {
    const batch = batchOf([{ id: 1, a: 1 }]);
    expect(batch.add({ id: 2, b: 2 })).toBe(false);
    expect(batch.add({ a: 2, id: 2 })).toBe(false);
    expect(batch.add({ id: 2, a: 2, c: 3 })).toBe(false);
    expect(batch.add({ id: 2, a: undefined })).toBe(false);
    expect(batch.add([2, 2])).toBe(false);
    expect(batch.size).toBe(1);
    expect(ColumnarBatchText.startingWith({ id: 1, a: undefined }, protectColumns(null))).toBeNull();
    expect(ColumnarBatchText.startingWith('text', protectColumns(null))).toBeNull();
    // Not a batch: a single record's after.
    expect(unpackBatch({ id: 1, name: '张伟' })).toBeNull();
    expect(unpackBatch(null)).toBeNull();
  });

  it("reads one record's entry out of a columnar batch and out of a batch written before the columns, the chain intact", async () => {
    t = await openTestLedger();
    const db = asWriteDb(t.core.services.ledger.handle());
    const at = '2020-02-17T01:00:00.000Z';
    const base = { at, userId: 1, username: 'admin', channel: 'import.commit', entity: 'resident', before: null };
    db.transaction(() => {
      // As imports wrote batches until now: a plain array of records.
      appendAudit(db, { ...base, entityId: '10–11', after: residents }, null);
      appendAudit(db, { ...base, entityId: '20–21', after: batchOf(residents.map((r) => ({ ...r, id: r.id + 10 }))).serialised() }, null);
    })();
    expect(db.prepare(`SELECT after_json FROM audit_log WHERE entity_id = '20–21'`).pluck().get()).toMatch(/^\{"columns":\["household_id",/);
    expect(batchedEntriesFor(db, 'resident', 11)).toEqual([
      { rowId: expect.any(Number), at, username: 'admin', channel: 'import.commit', after: residents[1] },
    ]);
    expect(batchedEntriesFor(db, 'resident', 20)).toEqual([
      { rowId: expect.any(Number), at, username: 'admin', channel: 'import.commit', after: { ...residents[0], id: 20 } },
    ]);
    expect(batchedEntriesFor(db, 'resident', 15)).toEqual([]);
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true });
  });
});
