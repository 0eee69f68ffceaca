/**
 * The bench's cases import (100,000 rows) peaked over 600 MB of RSS. No full collection runs between the reading of
 * the file and the end of the commit, so the heap grows by everything the preview keeps alive for a while, garbage
 * or not (io/import/README.md, session 11). These check the three things that held the most, by counting what the
 * heap holds (tests/helpers/heap-census.ts):
 *  - the residents a cases import registers are made one at a time while prepareResidents reads them, not all
 *    first into an array that lived through the whole preparation;
 *  - the plan's key and a masked ID number are flat strings, not trees of cons strings, and a case record keeps its
 *    returnee details in the object, not in a property array beside it (both live per row until the commit).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { idNumberIndex } from '../../../electron/core/caseload/sealed-people';
import type { Sealer } from '../../../electron/core/db/sealer';
import { prepareCases, rememberResolved } from '../../../electron/core/io/import/targets/case-prepare';
import type { CaseRecord } from '../../../electron/core/io/import/targets/case-record';
import { casesTarget } from '../../../electron/core/io/import/targets/cases';
import type { Lookups, Values } from '../../../electron/core/io/import/values';
import { makeIdNumber, maskIdNumber } from '../../../electron/core/people/id-number';
import { HEAP_SNAPSHOT_TEST, heapCensus, type HeapCensus } from '../../helpers/heap-census';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { seedOrg } from './files';

const opened: TestLedger[] = [];
afterEach(() => {
  for (const t of opened.splice(0)) t.close();
});

const ROWS = 400;

/** As a file's cell reaches the target: one flat string (the test's own templates would be cons strings). */
const flat = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');
const idNumber = (i: number): string => flat(makeIdNumber('110105', '1990-03-12', i));

/** A row of the returnee sheet as the cases target builds it (every value a cell of the file would give). */
const values = (communityId: number, i: number): Values => ({
  name: flat(`王强${i}`),
  idNumber: idNumber(i),
  phone: flat(`139${String(i).padStart(8, '0')}`),
  community: communityId,
  address: flat(`幸福小区${i}栋2单元101室`),
  category: 'returnee',
  origin: '浙江省温州市',
  arrivedOn: '2020-02-01',
});

/** The sealer, counting its calls and taking a census of the heap at the `at`-th. */
function censusDuring(sealer: Sealer, at: number): { sealer: Sealer; census: () => HeapCensus | undefined } {
  let calls = 0;
  let census: HeapCensus | undefined;
  const counting = new Proxy(sealer, {
    get(target, key) {
      const v: unknown = Reflect.get(target, key);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        if (++calls === at) census = heapCensus();
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { sealer: counting, census: () => census };
}

describe('a cases preview, in memory', () => {
  it('makes the residents it registers one at a time, as they are prepared', HEAP_SNAPSHOT_TEST, async () => {
    const t = await openTestLedger();
    opened.push(t);
    const org = await seedOrg(t);
    const db = t.core.services.ledger.handle();
    const built = Array.from({ length: ROWS }, (_, i) => casesTarget.build(values(org.dongfeng, i), {} as Lookups));
    const records = built.map((b) => (b.ok ? b.record : null)).filter((r): r is CaseRecord => r !== null);
    expect(records).toHaveLength(ROWS);
    const residentsToRegister = (c: HeapCensus): number => c.objectsWith('addressText', 'headName');
    const before = heapCensus();
    // Halfway through the preparation (each row seals and indexes a few values).
    const { sealer, census } = censusDuring(t.core.services.ledger.sealer()!, ROWS * 2);
    for (const r of records) rememberResolved(r, sealer, { ok: true, resident: null, index: idNumberIndex(sealer, r.idNumber!) });
    const prepared = prepareCases(
      db,
      sealer,
      records.map((record) => ({ record, inserts: true, updates: false })),
      '2020-02-17',
    );
    expect(prepared?.rows).toHaveLength(ROWS);
    expect(prepared?.rows[ROWS - 1]?.resident?.name).toBe(`王强${ROWS - 1}`);
    // A resident to register has an address text and a head name (types.ts NewResident); the records do not. Made
    // all first, they were all alive halfway; made as read, the one being prepared is.
    const during = census();
    expect(during).toBeDefined();
    expect(residentsToRegister(during!) - residentsToRegister(before)).toBeLessThan(5);
  });

  it('keeps a row key, a masked ID number and a record without cons strings or property arrays', HEAP_SNAPSHOT_TEST, async () => {
    const t = await openTestLedger();
    opened.push(t);
    const org = await seedOrg(t);
    const before = heapCensus();
    const records = Array.from({ length: ROWS }, (_, i) => {
      const b = casesTarget.build(values(org.dongfeng, i), {} as Lookups);
      if (!b.ok) throw new Error(JSON.stringify(b.reasons));
      return b.record;
    });
    const kept = records.map((r) => ({ record: r, key: casesTarget.keyOf(r), masked: maskIdNumber(r.idNumber) }));
    const after = heapCensus();
    expect(kept[0]!.key).toBe(`id:${idNumber(0)}|returnee|open`);
    expect(kept[0]!.masked).toBe(`${idNumber(0).slice(0, 4)}**********${idNumber(0).slice(-4)}`);
    expect(kept[0]!.record.origin).toBe('浙江省温州市');
    // Per row, a template's key and mask were two to four cons strings each, and the spread details a property array.
    expect(after.ofType('concatenated string') - before.ofType('concatenated string')).toBeLessThan(ROWS);
    expect(after.objectsWith('teamPolice') - before.objectsWith('teamPolice')).toBe(ROWS);
    const propertyArrays = (c: HeapCensus): number => c.named('hidden', 'system / PropertyArray');
    expect(propertyArrays(after) - propertyArrays(before)).toBeLessThan(ROWS / 4);
    expect(kept).toHaveLength(ROWS);
  });
});
