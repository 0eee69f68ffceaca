/**
 * The row-swap attack (sealed-row-swaps.test.ts) on the reads the first
 * binding left unchecked (third attack run): the case drawer's birth date, the
 * clerk's digit search (which opens the candidates to confirm them), the whole
 * ID number search, a new resident keyed by ID number, and an import's case
 * sheet finding a resident by name and phone. Someone holding only the
 * database key edits the file; a clerk's or coordinator's session refuses to
 * open what was swapped (LEDGER_DAMAGED, audited) or leaves a moved index's
 * row out, and never shows one person's number as another's.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, writeCsv } from '../import/files';
import { damagedAudits, DAMAGED, offline, swapColumns } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

const A_ID = makeIdNumber('410102', '1980-01-01', 77);
const B_ID = makeIdNumber('410102', '1990-02-02', 82);
const A_PHONE = '13803711002';
const B_PHONE = '13903722003';

/** Two residents (the same name when `namesakes`), A under home observation; every session locked afterwards. */
async function office(namesakes = false): Promise<{ a: number; b: number; caseA: number; community: number }> {
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  const community = await t.call('org.communities.save', { name: '东风社区' });
  const h = await t.call('households.save', { communityId: community.id, addressText: '路1号' });
  const a = await t.call('residents.save', { householdId: h.id, name: '王小明', idNumber: A_ID, phone: A_PHONE, birthDate: '1980-01-01' });
  const b = await t.call('residents.save', {
    householdId: h.id,
    name: namesakes ? '王小明' : '李小红',
    idNumber: B_ID,
    phone: B_PHONE,
    birthDate: '1990-02-02',
  });
  const c = await t.call('cases.open', { residentId: a.id, category: 'home_observation', obsStartOn: '2020-02-10' });
  await t.call('auth.lock', {}, 'viewer1');
  await t.call('auth.lock', {});
  return { a: a.id, b: b.id, caseA: c.id, community: community.id };
}

const unlockAdmin = () => t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });

async function expectDamaged(channel: string, input: unknown): Promise<void> {
  const e = await t.fail(channel, input);
  expect(e.code, channel).toBe('LEDGER_DAMAGED');
  expect(e.message).toMatch(DAMAGED);
}

describe('the case drawer’s birth date', () => {
  it('birth dates swapped: the drawer refuses for a coordinator, the case grid still lists, a viewer sees the year as stored', async () => {
    const { a, b, caseA } = await office();
    offline(t, (db) => swapColumns(db, 'residents', ['birth_date_sealed'], a, b));
    await unlockAdmin();
    await expectDamaged('cases.get', { id: caseA });
    // A grid page opens nothing and checks nothing: the year is what it shows.
    expect((await t.call('cases.list', { offset: 0, limit: 50 })).rows.map((r) => r.birthDate)).toEqual(['1980']);
    expect(damagedAudits(t)).toEqual([{ channel: 'cases.get', entityId: String(a), table: 'residents', username: ADMIN.username }]);
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    expect((await t.call('cases.get', { id: caseA }, 'viewer1')).case.birthDate).toBe('1980');
  });
});

describe('the clerk’s digit search', () => {
  it('phones swapped with their masks and tail indexes (so the search follows them): the search refuses instead of listing B under A’s number', async () => {
    const { a, b } = await office();
    offline(t, (db) => swapColumns(db, 'residents', ['phone_sealed', 'phone_masked', 'phone_tail_index'], a, b));
    await unlockAdmin();
    await expectDamaged('residents.list', { filter: { q: A_PHONE.slice(-7) }, offset: 0, limit: 50 });
    // Four digits open nothing to compare, but the hit is still confirmed from its checked row.
    await expectDamaged('residents.list', { filter: { q: A_PHONE.slice(-4) }, offset: 0, limit: 50 });
    await expectDamaged('cases.list', { filter: { q: A_PHONE.slice(-6) }, offset: 0, limit: 50 });
    expect(damagedAudits(t).map((r) => [r.channel, r.table])).toEqual([
      ['residents.list', 'residents'],
      ['residents.list', 'residents'],
      ['cases.list', 'residents'],
    ]);
    // A search by name opens nothing and is not refused.
    expect((await t.call('residents.list', { filter: { q: '王' }, offset: 0, limit: 50 })).total).toBe(1);
  });

  it('only the tail indexes moved (not in the row MAC): the search leaves B out instead of listing B for A’s last four digits', async () => {
    const { a, b } = await office();
    offline(t, (db) => swapColumns(db, 'residents', ['phone_tail_index'], a, b));
    await unlockAdmin();
    const listed = await t.call('residents.list', { filter: { q: A_PHONE.slice(-4) }, offset: 0, limit: 50 });
    expect(listed.rows.map((r) => r.name)).toEqual([]);
    expect(damagedAudits(t)).toEqual([]);
  });

  it('a whole ID number: its index moved onto B leaves B out; moved with the sealed number, the search refuses', async () => {
    const { a, b } = await office();
    offline(t, (db) => swapColumns(db, 'residents', ['id_number_index'], a, b));
    await unlockAdmin();
    expect((await t.call('residents.list', { filter: { q: A_ID }, offset: 0, limit: 50 })).rows).toEqual([]);
    await t.call('auth.lock', {});
    offline(t, (db) => swapColumns(db, 'residents', ['id_number_sealed', 'id_number_masked', 'id_number_tail_index'], a, b));
    await unlockAdmin();
    await expectDamaged('residents.list', { filter: { q: A_ID }, offset: 0, limit: 50 });
    await expectDamaged('cases.list', { filter: { q: B_ID }, offset: 0, limit: 50 });
  });

  it('a resident saved by ID number with that number’s index moved onto B: refused, B is not overwritten with A', async () => {
    const { a, b, community } = await office();
    offline(t, (db) => swapColumns(db, 'residents', ['id_number_index'], a, b));
    await unlockAdmin();
    await expectDamaged('residents.save', { communityId: community, name: '王小明', idNumber: A_ID, phone: '13800000000' });
    const names = t.core.services.ledger.handle().prepare(`SELECT name FROM residents WHERE id = ?`).pluck();
    expect([names.get(a), names.get(b)]).toEqual(['王小明', '李小红']);
  });
});

describe('an import’s case sheet, finding the resident by name and phone', () => {
  it('two namesakes’ phones swapped: the preview refuses instead of hanging A’s case on B', async () => {
    const { a, b } = await office(true);
    offline(t, (db) => swapColumns(db, 'residents', ['phone_sealed', 'phone_masked', 'phone_tail_index'], a, b));
    await unlockAdmin();
    const path = writeCsv(
      join(scratch(), '个案.csv'),
      [
        ['姓名', '联系电话', '人员类别', '开始日期'],
        ['王小明', A_PHONE, '返程人员', '2020-02-15'],
      ],
      'utf-8',
    );
    const e = await t.fail('import.preview', { path, target: 'cases', mapping: ['name', 'phone', 'category', 'startOn'] });
    expect(e.code).toBe('LEDGER_DAMAGED');
    expect(damagedAudits(t).map((r) => [r.channel, r.table])).toEqual([['import.preview', 'residents']]);
  });

  it('A’s ID number index moved onto a namesake (the name check cannot tell them apart): the preview refuses instead of hanging A’s case on B', async () => {
    const { a, b } = await office(true);
    offline(t, (db) => swapColumns(db, 'residents', ['id_number_index'], a, b));
    await unlockAdmin();
    const path = writeCsv(
      join(scratch(), '个案.csv'),
      [
        ['姓名', '身份证号', '人员类别', '开始日期'],
        ['王小明', A_ID, '返程人员', '2020-02-15'],
      ],
      'utf-8',
    );
    const e = await t.fail('import.preview', { path, target: 'cases', mapping: ['name', 'idNumber', 'category', 'startOn'] });
    expect(e.code).toBe('LEDGER_DAMAGED');
    expect(damagedAudits(t)).toEqual([{ channel: 'import.preview', entityId: String(b), table: 'residents', username: ADMIN.username }]);
  });
});
