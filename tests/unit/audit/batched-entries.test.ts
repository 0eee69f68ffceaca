import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../../electron/core/audit/audit-log';
import { batchedEntriesFor, packBatch, unpackBatch } from '../../../electron/core/audit/batched-entries';
import { asWriteDb } from '../../../electron/core/db/types';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

const residents = [
  { household_id: 3, name: '张伟', id_number: '420106********1234', tags: '[]', id: 10 },
  { household_id: 3, name: '李娜', id_number: null, tags: '["disabled"]', id: 11 },
];

describe('batched audit rows packed by columns', () => {
  let t: TestLedger | undefined;
  afterEach(() => t?.close());

  it('writes the keys once per batch and gives every record back as it was', () => {
    const packed = packBatch(residents);
    expect(packed).toEqual({
      columns: ['household_id', 'name', 'id_number', 'tags', 'id'],
      rows: [
        [3, '张伟', '420106********1234', '[]', 10],
        [3, '李娜', null, '["disabled"]', 11],
      ],
    });
    expect(unpackBatch(JSON.parse(JSON.stringify(packed)))).toEqual(residents);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(residents).length);
  });

  it('keeps records whole when their keys differ or a key holds nothing, and reads them the same way', () => {
    const mixed = [
      { id: 1, a: 1 },
      { id: 2, b: 2 },
    ];
    expect(packBatch(mixed)).toEqual(mixed);
    expect(
      packBatch([
        { id: 1, a: 1 },
        { a: 2, id: 2 },
      ]),
    ).toEqual([
      { id: 1, a: 1 },
      { a: 2, id: 2 },
    ]);
    expect(
      packBatch([
        { id: 1, a: undefined },
        { id: 2, a: 3 },
      ]),
    ).toEqual([
      { id: 1, a: undefined },
      { id: 2, a: 3 },
    ]);
    expect(unpackBatch(mixed)).toEqual(mixed);
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
      appendAudit(db, { ...base, entityId: '20–21', after: packBatch(residents.map((r) => ({ ...r, id: r.id + 10 }))) }, null);
    })();
    expect(batchedEntriesFor(db, 'resident', 11)).toEqual([{ at, username: 'admin', channel: 'import.commit', after: residents[1] }]);
    expect(batchedEntriesFor(db, 'resident', 20)).toEqual([{ at, username: 'admin', channel: 'import.commit', after: { ...residents[0], id: 20 } }]);
    expect(batchedEntriesFor(db, 'resident', 15)).toEqual([]);
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true });
  });
});
