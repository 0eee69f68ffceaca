import { describe, expect, it } from 'vitest';
import { SerialisedJson, unpackBatch } from '../../../electron/core/audit/batched-entries';
import type { AuditInput } from '../../../electron/core/handler-types';
import { batchedAudit } from '../../../electron/core/io/import/batched-audit';

/** The records one written audit row holds: a batch's each, or the row's own. */
const recordsOf = (w: AuditInput): unknown[] => (w.after instanceof SerialisedJson ? unpackBatch(JSON.parse(w.after.text))! : [w.after]);

describe('batched audit for bulk imports', () => {
  it('writes one row per 500 created records of a kind, keeping every record', () => {
    const written: AuditInput[] = [];
    const b = batchedAudit((e) => written.push(e), null);
    for (let i = 1; i <= 1200; i++) b.audit({ entity: 'resident', entityId: i, before: null, after: { id: i, name: `居民${i}` } });
    b.audit({ entity: 'household', entityId: 7, before: null, after: { id: 7 } });
    b.flush();
    expect(written.map((w) => [w.entity, w.entityId])).toEqual([
      ['resident', '1–500'],
      ['resident', '501–1000'],
      ['resident', '1001–1200'],
      ['household', 7],
    ]);
    const records = written.filter((w) => w.entity === 'resident').flatMap(recordsOf);
    expect(records).toEqual(Array.from({ length: 1200 }, (_, i) => ({ id: i + 1, name: `居民${i + 1}` })));
    // A batch of one is the record's own row.
    expect(written[3]!.after).toEqual({ id: 7 });
  });

  it('never batches an update: it is written in order, after the creations before it', () => {
    const written: AuditInput[] = [];
    const b = batchedAudit((e) => written.push(e), null);
    b.audit({ entity: 'resident', entityId: 1, before: null, after: { id: 1 } });
    b.audit({ entity: 'resident', entityId: 2, before: null, after: { id: 2 } });
    b.audit({ entity: 'resident', entityId: 1, before: { phone: 'a' }, after: { phone: 'b' } });
    b.flush();
    expect(written.map((w) => w.entityId)).toEqual(['1–2', 1]);
    expect(written[1]!.before).toEqual({ phone: 'a' });
  });

  it('starts another batch at a record of other keys, and writes one holding undefined as it is', () => {
    const written: AuditInput[] = [];
    const b = batchedAudit((e) => written.push(e), null);
    b.audit({ entity: 'case', entityId: 1, before: null, after: { id: 1, a: 1 } });
    b.audit({ entity: 'case', entityId: 2, before: null, after: { id: 2, a: 2 } });
    b.audit({ entity: 'case', entityId: 3, before: null, after: { id: 3, b: 3 } });
    b.audit({ entity: 'case', entityId: 4, before: null, after: { id: 4, b: 4 } });
    b.audit({ entity: 'case', entityId: 5, before: null, after: { id: 5, b: undefined } });
    b.flush();
    expect(written.map((w) => w.entityId)).toEqual(['1–2', '3–4', 5]);
    expect(written.flatMap(recordsOf)).toEqual([
      { id: 1, a: 1 },
      { id: 2, a: 2 },
      { id: 3, b: 3 },
      { id: 4, b: 4 },
      { id: 5, b: undefined },
    ]);
  });
});
