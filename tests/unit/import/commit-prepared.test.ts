/**
 * The preview of a residents import prepares what its commit stores for each
 * new row (numbers sealed, masked and indexed, row MACs over planned ids:
 * targets/resident-prepare.ts); the commit only writes. Proven here: the
 * prepared commit stores the same rows as a commit that computes everything
 * itself (opened back and checked against the writer's own computation), a
 * changed ledger makes the commit compute again, an id other than the planned
 * one gets its MAC computed at commit, and nothing sealed outlives the staged plan.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ColumnarBatchText } from '../../../electron/core/audit/batched-entries';
import { insertResident, insertSealedResident, nextResidentId } from '../../../electron/core/caseload/residents.repo';
import { RESIDENT_BINDING, sealResidentNumbers } from '../../../electron/core/caseload/sealed-people';
import { rowIntact } from '../../../electron/core/db/row-binding';
import { asWriteDb } from '../../../electron/core/db/types';
import { residentsTarget } from '../../../electron/core/io/import/targets/residents';
import { unpackPrepared, type PreparedResident } from '../../../electron/core/io/import/targets/resident-prepare';
import type { PreparedRows } from '../../../electron/core/io/import/targets/types';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { openedResidents } from '../../helpers/sealed-residents';
import { scratch, seedOrg, writeCsv } from './files';

const opened: TestLedger[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const t of opened.splice(0)) t.close();
});

const MAPPING = ['community', 'grid', 'name', 'idNumber', 'phone', 'address', 'tags'];
const ID_A = makeIdNumber('420106', '1956-11-08', 31);
const ID_B = makeIdNumber('420106', '1958-01-20', 42);
const ID_C = makeIdNumber('110105', '1990-03-12', 17);

const ROWS = [
  ['社区', '网格', '姓名', '身份证号', '电话', '住址', '特殊人群'],
  ['东风社区', '一网格', '张伟', ID_A, '13800138000', '幸福小区3栋2单元101室', '独居老人'],
  ['东风社区', '一网格', '刘芳', ID_B, '', '幸福小区3栋2单元101室', ''],
  ['东风社区', '二网格', '王强', ID_C.slice(0, 6) + ID_C.slice(8, 17), '13900139000', '幸福路1号', ''],
  ['东风社区', '', '李娜', '', '13700137000', '', ''],
];

/**
 * A ledger with 东风社区 and a household at 幸福路1号 (a row joining it joins a household that was there
 * before), and `rows` as a CSV; `before`: what else the ledger holds.
 */
async function ledger(rows = ROWS, before?: (t: TestLedger) => Promise<void>): Promise<{ t: TestLedger; path: string }> {
  const t = await openTestLedger();
  opened.push(t);
  const org = await seedOrg(t);
  await t.call('households.save', { communityId: org.dongfeng, addressText: '幸福路1号' });
  await before?.(t);
  return { t, path: writeCsv(join(scratch(), '居民.csv'), rows, 'utf-8-bom') };
}

/**
 * Every resident and household as stored, sealed values opened, each row checked against what the writer
 * computes from the opened values (masks, keyed indexes, birth year) and against its row MAC.
 */
function stored(t: TestLedger) {
  const db = t.core.services.ledger.handle();
  const sealer = t.core.services.ledger.sealer()!;
  const raw = db.prepare('SELECT * FROM residents ORDER BY id').all() as Record<string, unknown>[];
  const people = openedResidents(db, sealer).map((r, i) => {
    const want = sealResidentNumbers(sealer, r);
    const row = raw[i]!;
    const { id_number_sealed, phone_sealed, birth_date_sealed, ...derived } = want;
    for (const [column, value] of Object.entries(derived)) expect(row[column], `${r.name} ${column}`).toEqual(value);
    expect([id_number_sealed === null, phone_sealed === null, birth_date_sealed === null]).toEqual([
      row.id_number_sealed === null,
      row.phone_sealed === null,
      row.birth_date_sealed === null,
    ]);
    return { ...r, was15: row.id_number_was15, intact: rowIntact(db, sealer, RESIDENT_BINDING, r.id), created: row.created_at };
  });
  const households = db.prepare('SELECT * FROM households ORDER BY id').all();
  // A preview that matched ledger people is audited (tests/unit/security/clerk-oracles.test.ts): the commits' own rows are compared.
  // A value the audit keeps sealed (an updated resident's birth date) differs by its random counter block: compared by its place.
  const audit = (
    db.prepare(`SELECT entity, entity_id, after_json FROM audit_log WHERE entity <> 'ledger' AND channel <> 'import.preview' ORDER BY id`).all() as {
      entity: string;
      entity_id: string | null;
      after_json: string;
    }[]
  ).map((e) => ({ ...e, after_json: e.after_json.replace(/"sealed":"[^"]*"/g, '"sealed":"…"') }));
  return { people, households, audit };
}

/** What `ledger(rows, before)` holds after a prepared commit and after a commit that computes every row itself. */
async function preparedAndComputed(rows: string[][], mode: 'skip' | 'update', before?: (t: TestLedger) => Promise<void>) {
  const input = { target: 'residents' as const, mapping: MAPPING, onDuplicate: mode };
  const prepared = await ledger(rows, before);
  const pre = await prepared.t.call('import.preview', { ...input, path: prepared.path });
  const insert = vi.spyOn(residentsTarget, 'insert');
  // An audit batch started at commit: none when every record came as the preview planned it (batched-audit.ts).
  const batches = vi.spyOn(ColumnarBatchText, 'startingWith');
  await prepared.t.call('import.commit', { ...input, path: prepared.path, previewId: pre.previewId });
  const batchedAtCommit = batches.mock.calls.length;
  batches.mockRestore();
  const usedPrepared = insert.mock.calls.map((c) => c[2] !== undefined);
  insert.mockClear();
  // The same ledger and file, committed without a preview: the commit reads, matches and seals every row itself.
  const computed = await ledger(rows, before);
  await computed.t.call('import.commit', { ...input, path: computed.path });
  expect(insert.mock.calls.map((c) => c[2])).toEqual(insert.mock.calls.map(() => undefined));
  return { usedPrepared, batchedAtCommit, counts: pre.counts, a: stored(prepared.t), b: stored(computed.t) };
}

/** 1,200 new people, three to an address of 幸福小区: 400 new households. */
const manyRows = (): string[][] => [
  ROWS[0]!,
  ...Array.from({ length: 1200 }, (_, i) => [
    '东风社区',
    '一网格',
    `居民${i + 1}`,
    makeIdNumber('420106', `${1970 + Math.floor(i / 999)}-01-01`, (i % 999) + 1),
    '',
    `幸福小区${Math.floor(i / 3) + 1}栋`,
    '',
  ]),
];

describe('a commit whose preview prepared the new rows', () => {
  it('stores the same rows as a commit that computes everything itself, every one bound to its id', async () => {
    const { usedPrepared, batchedAtCommit, counts, a, b } = await preparedAndComputed(ROWS, 'skip');
    expect(counts).toMatchObject({ created: 4, rejected: 0 });
    expect(usedPrepared).toEqual([true, true, true, true]);
    // The audit records were the preview's too (resident-audit-plan.ts): the same log.
    expect(batchedAtCommit).toBe(0);
    expect(a.people).toEqual(b.people);
    expect(a.people.map((p) => [p.name, p.id_number, p.phone, p.birth_date, p.household_id, p.was15, p.intact])).toEqual([
      ['张伟', ID_A, '13800138000', '1956-11-08', 2, 0, true],
      ['刘芳', ID_B, null, '1958-01-20', 2, 0, true],
      ['王强', ID_C, '13900139000', '1990-03-12', 1, 1, true],
      ['李娜', null, '13700137000', null, null, 0, true],
    ]);
    expect(a.households).toEqual(b.households);
    expect(a.audit).toEqual(b.audit);
  });

  it('a new row in the household an update earlier in the file adds: the same rows as computed at commit', async () => {
    // 张伟 is in the ledger at 幸福路1号; the file moves him to 幸福小区5栋 (update), and 刘芳, new, lives there too.
    const before = async (t: TestLedger) => {
      await t.call('residents.save', { householdId: 1, name: '张伟', idNumber: ID_A, phone: '13800138000' });
    };
    const rows = [
      ROWS[0]!,
      ['东风社区', '一网格', '张伟', ID_A, '13800138000', '幸福小区5栋', ''],
      ['东风社区', '一网格', '刘芳', ID_B, '', '幸福小区5栋', ''],
    ];
    const { usedPrepared, counts, a, b } = await preparedAndComputed(rows, 'update', before);
    expect(counts).toMatchObject({ created: 1, updated: 1 });
    expect(usedPrepared).toEqual([true]);
    expect(a.people).toEqual(b.people);
    expect(a.people.map((p) => [p.name, p.household_id, p.intact])).toEqual([
      ['张伟', 2, true],
      ['刘芳', 2, true],
    ]);
    expect(a.households).toEqual(b.households);
    expect(a.audit).toEqual(b.audit);
  });

  it("1,200 rows in 400 new households: the preview's audit rows are the log's, batch for batch", async () => {
    const { usedPrepared, batchedAtCommit, counts, a, b } = await preparedAndComputed(manyRows(), 'skip');
    expect(counts).toMatchObject({ created: 1200, rejected: 0 });
    expect(usedPrepared.every(Boolean)).toBe(true);
    expect(batchedAtCommit).toBe(0);
    expect(a.audit.map((e) => `${e.entity} ${e.entity_id}`).slice(4)).toEqual([
      'household 1',
      'resident 1–500',
      'resident 501–1000',
      'household 2–401',
      'resident 1001–1200',
      'import 1',
    ]);
    expect(a.audit).toEqual(b.audit);
    expect(a.people).toEqual(b.people);
  });

  it('an update in the middle of the file: the audit goes on without the plan from there, and the log is the same', async () => {
    // 张伟 is in the ledger; row 700 of the file gives him another phone (updated), the other rows are new.
    const before = async (t: TestLedger) => {
      await t.call('residents.save', { householdId: 1, name: '张伟', idNumber: ID_A, phone: '13800138000' });
    };
    const rows = manyRows();
    rows[700] = ['东风社区', '一网格', '张伟', ID_A, '13800138001', '幸福路1号', ''];
    const { batchedAtCommit, counts, a, b } = await preparedAndComputed(rows, 'update', before);
    expect(counts).toMatchObject({ created: 1199, updated: 1 });
    // The 699 records before the update were put through the batching at the update, as if they had come one by one.
    expect(batchedAtCommit).toBeGreaterThan(0);
    expect(a.audit.map((e) => `${e.entity} ${e.entity_id}`).slice(6)).toEqual([
      'resident 2–501',
      'household 2–234',
      // The update: 张伟's household (幸福路1号) and then 张伟 himself, each closing the batch of its kind before it.
      'household 1',
      'resident 502–700',
      'resident 1',
      'resident 701–1200',
      'household 235–401',
      'import 1',
    ]);
    expect(a.audit).toEqual(b.audit);
    expect(a.people).toEqual(b.people);
    // 幸福路1号, updated, is bound again under each ledger's own key: its MAC differs between the two ledgers.
    const unbound = (hs: unknown[]) => hs.map((h) => ({ ...(h as object), row_mac: null }));
    expect(unbound(a.households)).toEqual(unbound(b.households));
  });

  it('computes at commit when the commit asks another duplicate mode than the preview did', async () => {
    const { t, path } = await ledger();
    const pre = await t.call('import.preview', { path, target: 'residents', mapping: MAPPING, onDuplicate: 'flag' });
    const insert = vi.spyOn(residentsTarget, 'insert');
    await t.call('import.commit', { path, target: 'residents', mapping: MAPPING, onDuplicate: 'skip', previewId: pre.previewId });
    expect(insert.mock.calls.map((c) => c[2])).toEqual([undefined, undefined, undefined, undefined]);
    expect(stored(t).people.every((p) => p.intact)).toBe(true);
  });

  it('computes everything again when the ledger changed after the preview, and binds the rows to the ids they got', async () => {
    const { t, path } = await ledger();
    const pre = await t.call('import.preview', { path, target: 'residents', mapping: MAPPING });
    // Meanwhile a resident is registered on screen: it takes the id the preview planned for 张伟.
    await t.call('residents.save', { householdId: 1, name: '赵敏', idNumber: null, phone: null });
    const insert = vi.spyOn(residentsTarget, 'insert');
    await t.call('import.commit', { path, target: 'residents', mapping: MAPPING, previewId: pre.previewId });
    expect(insert.mock.calls.map((c) => c[2])).toEqual([undefined, undefined, undefined, undefined]);
    const people = stored(t).people;
    expect(people.map((p) => [p.id, p.name, p.intact])).toEqual([
      [1, '赵敏', true],
      [2, '张伟', true],
      [3, '刘芳', true],
      [4, '王强', true],
      [5, '李娜', true],
    ]);
  });

  it('a prepared row MAC is stored only for the id, household and name it was computed over', async () => {
    const { t } = await ledger();
    const db = asWriteDb(t.core.services.ledger.handle());
    const sealer = t.core.services.ledger.sealer()!;
    const place = { household_id: 1, community_id: 1, grid_id: null, name: '张伟', id_number_was15: 0, sex: 'M' as const, tags: '[]' };
    const sealed = sealResidentNumbers(sealer, { id_number: ID_A, phone: null, birth_date: '1956-11-08' });
    // Planned as id 7 in household 1: the ledger gives id 1, so the MAC is computed over id 1 at commit.
    const id = db.transaction(() =>
      insertSealedResident(db, place, sealed, { id: 7, householdId: 1, name: '张伟', mac: Buffer.alloc(16, 9) }, '2020-02-17T01:00:00.000Z', sealer),
    )();
    expect(id).toBe(1);
    expect(rowIntact(db, sealer, RESIDENT_BINDING, 1)).toBe(true);
  });

  it('a caller counting ids (the commit reads max(id) once) gets the next free id, its MAC computed for it, when another write took the one it counted', async () => {
    const { t } = await ledger();
    const db = asWriteDb(t.core.services.ledger.handle());
    const sealer = t.core.services.ledger.sealer()!;
    const place = (name: string) => ({ household_id: 1, community_id: 1, grid_id: null, name, id_number_was15: 0, sex: 'F' as const, tags: '[]' });
    const at = '2020-02-17T01:00:00.000Z';
    const sealedB = sealResidentNumbers(sealer, { id_number: ID_B, phone: null, birth_date: '1958-01-20' });
    const ids = db.transaction(() => {
      const counted = nextResidentId(db);
      const first = insertSealedResident(db, place('刘芳'), sealedB, null, at, sealer, counted);
      // Another write of a resident in the same transaction takes the id counted next.
      const other = insertResident(db, { ...place('王强'), id_number: ID_C, phone: null, birth_date: '1990-03-12' }, at, sealer);
      const planned = { id: first + 1, householdId: 1, name: '李娜', mac: Buffer.alloc(32, 7) };
      const third = insertSealedResident(
        db,
        place('李娜'),
        sealResidentNumbers(sealer, { id_number: null, phone: '13700137000', birth_date: null }),
        planned,
        at,
        sealer,
        first + 1,
      );
      return { counted, first, other, third };
    })();
    expect(ids).toEqual({ counted: 1, first: 1, other: 2, third: 3 });
    // The planned MAC was for id 2: the row under id 3 carries one computed for it.
    for (const id of [1, 2, 3]) expect(rowIntact(db, sealer, RESIDENT_BINDING, id)).toBe(true);
  });

  it('wipes every sealed value it prepared when the staged plan is dropped: after the commit, or by the next preview', async () => {
    const { t, path } = await ledger();
    const prepare = vi.spyOn(residentsTarget, 'prepare');
    const preparedBy = (call: number): PreparedResident[] =>
      ((prepare.mock.results[call]!.value as PreparedRows<PreparedResident>).rows as PreparedResident[]).filter((p) => p !== undefined);
    // Every sealed value, keyed index and row MAC prepared, as the commit would store them.
    const buffersOf = (rows: PreparedResident[]): Buffer[] =>
      rows.flatMap((p) => {
        const { sealed, planned } = unpackPrepared(p);
        return [planned.mac, ...Object.values(sealed).filter((v): v is Buffer => Buffer.isBuffer(v))];
      });

    await t.call('import.preview', { path, target: 'residents', mapping: MAPPING });
    const first = buffersOf(preparedBy(0));
    expect(first.length).toBeGreaterThan(4 * 3);
    expect(first.every((b) => b.some((byte) => byte !== 0))).toBe(true);
    // A second preview replaces the first plan: the first's sealed values are zeroed.
    const pre = await t.call('import.preview', { path, target: 'residents', mapping: MAPPING });
    expect(preparedBy(0).every((p) => p.packed.every((byte) => byte === 0))).toBe(true);
    const second = buffersOf(preparedBy(1));
    await t.call('import.commit', { path, target: 'residents', mapping: MAPPING, previewId: pre.previewId });
    expect(second.every((b) => b.every((byte) => byte === 0))).toBe(true);
    expect(preparedBy(1).every((p) => p.packed.every((byte) => byte === 0))).toBe(true);
    // What the commit stored came from them before they were wiped.
    expect(stored(t).people.every((p) => p.intact)).toBe(true);
  });
});
