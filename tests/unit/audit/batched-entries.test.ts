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

function batchOf(records: readonly unknown[]): ColumnarBatchText {
  const batch = ColumnarBatchText.startingWith(records[0], protectColumns(null))!;
  for (const r of records.slice(1)) expect(batch.add(r)).toBe(true);
  return batch;
}

describe('batched audit rows packed by columns', () => {
  let t: TestLedger | undefined;
  afterEach(() => t?.close());

  it('writes the keys once per batch and gives every record back as it was', () => {
    const text = batchOf(residents).serialised().text;
    expect(JSON.parse(text)).toEqual({
      columns: ['household_id', 'name', 'id_number', 'tags', 'id'],
      rows: [
        [3, '张伟', '420106********1234', '[]', 10],
        [3, '李娜', null, '["disabled"]', 11],
      ],
    });
    // The same text JSON.stringify gives the columnar object: what the chain hashes is plain JSON.
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
    expect(unpackBatch(JSON.parse(text))).toEqual(residents);
    expect(text.length).toBeLessThan(JSON.stringify(residents).length);
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
    expect(batchedEntriesFor(db, 'resident', 11)).toEqual([{ at, username: 'admin', channel: 'import.commit', after: residents[1] }]);
    expect(batchedEntriesFor(db, 'resident', 20)).toEqual([{ at, username: 'admin', channel: 'import.commit', after: { ...residents[0], id: 20 } }]);
    expect(batchedEntriesFor(db, 'resident', 15)).toEqual([]);
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true });
  });
});
