import { describe, expect, it, vi } from 'vitest';
import { ColumnarBatchText, SerialisedJson, unpackBatch } from '../../../electron/core/audit/batched-entries';
import type { AuditInput } from '../../../electron/core/handler-types';
import { batchedAudit, plannedRows } from '../../../electron/core/io/import/batched-audit';

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

/** A record as a residents import audits it: households and residents interleaved, each with its id. */
type Planned = { entity: string; id: number; householdId: number | null; after: Record<string, unknown> };

/** `n` records as an import makes them: every third resident adds its household first. */
function importRecords(n: number): Planned[] {
  const out: Planned[] = [];
  let household = 100;
  for (let i = 1; i <= n; i++) {
    if (i % 3 === 1) {
      household++;
      out.push({ entity: 'household', id: household, householdId: null, after: { id: household, address_key: `幸福路${household}号`, head_name: null } });
    }
    out.push({
      entity: 'resident',
      id: i,
      householdId: household,
      after: { household_id: household, name: `居民${i}`, phone: i % 4 === 0 ? '' : '138****0000', id: i },
    });
  }
  return out;
}

const written = (run: (b: ReturnType<typeof batchedAudit>) => void, batch = 5): AuditInput[] => {
  const out: AuditInput[] = [];
  const b = batchedAudit((e) => out.push(e), null, batch);
  run(b);
  b.flush();
  // A batch's text compared as its text, a record as itself.
  return out.map((w) => ({ ...w, after: w.after instanceof SerialisedJson ? w.after.text : w.after }));
};

describe("a commit following its preview's planned audit", () => {
  const asAudited = (r: Planned): AuditInput => ({ entity: r.entity, entityId: r.id, before: null, after: r.after });

  it('writes the planned rows when every record comes as planned: the rows the records would have made one by one', () => {
    const records = importRecords(23);
    const plan = plannedRows(records, null, 5);
    const unplanned = written((b) => records.forEach((r) => b.audit(asAudited(r))));
    const spy = vi.spyOn(ColumnarBatchText, 'startingWith');
    const followed = written((b) => {
      b.follow(plan);
      for (const r of records) expect(b.asPlanned(r.entity, r.id, r.householdId)).toBe(true);
    });
    // Nothing batched at commit: the preview's rows were written as they were made.
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    expect(followed).toEqual(unplanned);
    expect(unplanned.map((w) => w.entityId).slice(0, 3)).toEqual(['1–5', '6–10', '101–105']);
  });

  it('from the first record not as planned, or anything else audited, the log is the one written without a plan', () => {
    const records = importRecords(23);
    const plan = plannedRows(records, null, 5);
    const update: AuditInput = { entity: 'resident', entityId: 2, before: { phone: 'a' }, after: { phone: 'b' } };
    for (let k = 0; k <= records.length; k++) {
      // k records as planned, then an update, then the rest (asked, refused, audited by the caller).
      const unplanned = written((b) => {
        records.slice(0, k).forEach((r) => b.audit(asAudited(r)));
        b.audit(update);
        records.slice(k).forEach((r) => b.audit(asAudited(r)));
      });
      const followed = written((b) => {
        b.follow(plan);
        for (const r of records.slice(0, k)) expect(b.asPlanned(r.entity, r.id, r.householdId)).toBe(true);
        b.audit(update);
        for (const r of records.slice(k)) if (!b.asPlanned(r.entity, r.id, r.householdId)) b.audit(asAudited(r));
      });
      expect(followed, `update after ${k} records`).toEqual(unplanned);
    }
  });

  it('refuses a record of another id, entity or household, and stops following there; records never made leave the plan too', () => {
    const records = importRecords(12);
    const plan = plannedRows(records, null, 5);
    const unplanned = (rs: Planned[]) => written((b) => rs.forEach((r) => b.audit(asAudited(r))));
    for (const k of [0, 4, 9]) {
      // Record k got another id (or household, or is of another entity): the caller audits it and every later one.
      for (const change of [{ id: 999 }, { householdId: 7 }, { entity: 'case' }]) {
        const made = records.map((r, i) => (i === k ? { ...r, ...change } : r));
        const followed = written((b) => {
          b.follow(plan);
          for (const [i, r] of made.entries()) {
            const taken = b.asPlanned(r.entity, r.id, r.householdId);
            expect(taken, `record ${i}, changed ${k}: ${JSON.stringify(change)}`).toBe(i < k);
            if (!taken) b.audit(asAudited(r));
          }
        });
        expect(followed).toEqual(unplanned(made));
      }
      // The commit stopped after k records (a row not written as planned): the k are written, nothing else.
      expect(
        written((b) => {
          b.follow(plan);
          for (const r of records.slice(0, k)) b.asPlanned(r.entity, r.id, r.householdId);
        }),
      ).toEqual(unplanned(records.slice(0, k)));
    }
  });

  it('is not followed once something was audited, nor under another sealer or batch size', () => {
    const records = importRecords(6);
    const first: AuditInput = { entity: 'import', entityId: null, after: { fileName: 'a.csv' } };
    const out = written((b) => {
      b.audit(first);
      b.follow(plannedRows(records, null, 5));
      expect(b.asPlanned(records[0]!.entity, records[0]!.id, records[0]!.householdId)).toBe(false);
    });
    expect(out).toEqual([first]);
    written((b) => {
      b.follow(plannedRows(records, null, 4));
      expect(b.asPlanned(records[0]!.entity, records[0]!.id, records[0]!.householdId)).toBe(false);
    });
  });
});
