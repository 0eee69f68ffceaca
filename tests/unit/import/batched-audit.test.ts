import { describe, expect, it } from 'vitest';
import type { AuditInput } from '../../../electron/core/handler-types';
import { unpackBatch } from '../../../electron/core/audit/batched-entries';
import { batchedAudit } from '../../../electron/core/io/import/batched-audit';

describe('batched audit for bulk imports', () => {
  it('writes one row per 500 created records of a kind, keeping every record', () => {
    const written: AuditInput[] = [];
    const b = batchedAudit((e) => written.push(e));
    for (let i = 1; i <= 1200; i++) b.audit({ entity: 'resident', entityId: i, before: null, after: { id: i } });
    b.audit({ entity: 'household', entityId: 7, before: null, after: { id: 7 } });
    b.flush();
    expect(written.map((w) => [w.entity, w.entityId])).toEqual([
      ['resident', '1–500'],
      ['resident', '501–1000'],
      ['resident', '1001–1200'],
      ['household', 7],
    ]);
    const records = written.filter((w) => w.entity === 'resident').flatMap((w) => unpackBatch(w.after) as Array<{ id: number }>);
    expect(records.map((r) => r.id)).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1));
  });

  it('never batches an update: it is written in order, after the creations before it', () => {
    const written: AuditInput[] = [];
    const b = batchedAudit((e) => written.push(e));
    b.audit({ entity: 'resident', entityId: 1, before: null, after: { id: 1 } });
    b.audit({ entity: 'resident', entityId: 2, before: null, after: { id: 2 } });
    b.audit({ entity: 'resident', entityId: 1, before: { phone: 'a' }, after: { phone: 'b' } });
    b.flush();
    expect(written.map((w) => w.entityId)).toEqual(['1–2', 1]);
    expect(written[1]!.before).toEqual({ phone: 'a' });
  });
});
