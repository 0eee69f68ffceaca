/**
 * Second attack run, issue 19: someone holding only the database key (a
 * viewer's password, offline with the files) swaps what two rows hold: their
 * sealed numbers (the additional data names the column, not the row, so both
 * open), or their clear names or ids. Each row carries a MAC over its id, its
 * identifying columns and its sealed values (db/row-binding.ts): a clerk's or
 * coordinator's session refuses to open, export or sign such a row, says so in
 * Chinese, and the audit log records the finding. Viewers are not refused.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { seedSmallOffice, PERIOD, ZIP_PASSWORD } from '../export/fixture';
import { memorialFields } from '../honours/helpers';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { damagedAudits, DAMAGED, offline, swapColumns } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

const A_ID = makeIdNumber('410102', '1980-01-01', 77);
const B_ID = makeIdNumber('410102', '1990-02-02', 82);
const C_ID = makeIdNumber('410102', '1975-03-03', 91);

async function threeResidents(): Promise<{ a: number; b: number; c: number }> {
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  const community = await t.call('org.communities.save', { name: '东风社区' });
  const h = await t.call('households.save', { communityId: community.id, addressText: '路1号' });
  const a = await t.call('residents.save', { householdId: h.id, name: '王小明', idNumber: A_ID, phone: '13803711002' });
  const b = await t.call('residents.save', { householdId: h.id, name: '李小红', idNumber: B_ID, phone: '13903722003' });
  const c = await t.call('residents.save', { householdId: h.id, name: '赵大勇', idNumber: C_ID, phone: '13703733004' });
  await lockEveryone();
  return { a: a.id, b: b.id, c: c.id };
}

async function lockEveryone(): Promise<void> {
  await t.call('auth.lock', {}, 'viewer1');
  await t.call('auth.lock', {});
}

const unlockAdmin = () => t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });

async function expectRefused(channel: 'residents.reveal', input: { residentId: number; field: 'idNumber' | 'phone' }): Promise<void> {
  const e = await t.fail(channel, input);
  expect(e.code).toBe('LEDGER_DAMAGED');
  expect(e.message).toMatch(DAMAGED);
}

describe('residents: sealed numbers, names and ids swapped between two rows with the database key only', () => {
  it('phones swapped: neither opens as the other’s, the drawer refuses, the third resident still opens, and the audit log says so', async () => {
    const { a, b, c } = await threeResidents();
    offline(t, (db) => swapColumns(db, 'residents', ['phone_sealed', 'phone_masked', 'phone_tail_index'], a, b));
    await unlockAdmin();
    await expectRefused('residents.reveal', { residentId: a, field: 'phone' });
    await expectRefused('residents.reveal', { residentId: b, field: 'idNumber' });
    expect((await t.fail('residents.get', { id: a })).code).toBe('LEDGER_DAMAGED');
    expect(await t.call('residents.reveal', { residentId: c, field: 'phone' })).toEqual({ value: '13703733004' });
    expect(damagedAudits(t)).toEqual([
      { channel: 'residents.reveal', entityId: String(a), table: 'residents', username: ADMIN.username },
      { channel: 'residents.reveal', entityId: String(b), table: 'residents', username: ADMIN.username },
      { channel: 'residents.get', entityId: String(a), table: 'residents', username: ADMIN.username },
    ]);
    // The finding reads as a sentence in 操作日志.
    const log = await t.call('audit.list', { offset: 0, limit: 50 });
    expect(log.rows.map((r) => r.summary).join('\n')).toContain('在本程序之外被改动过');
  });

  it('a viewer is not refused: lists and the drawer show the masks as stored', async () => {
    const { a, b } = await threeResidents();
    offline(t, (db) => swapColumns(db, 'residents', ['phone_sealed'], a, b));
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    const listed = await t.call('residents.list', { offset: 0, limit: 50 }, 'viewer1');
    expect(listed.total).toBe(3);
    expect((await t.call('residents.get', { id: a }, 'viewer1')).name).toBe('王小明');
  });

  it('ID numbers swapped with their keyed indexes (so a search follows them): neither opens', async () => {
    const { a, b } = await threeResidents();
    offline(t, (db) =>
      swapColumns(db, 'residents', ['id_number_sealed', 'id_number_masked', 'id_number_index', 'id_number_tail_index', 'birth_date_sealed'], a, b),
    );
    await unlockAdmin();
    await expectRefused('residents.reveal', { residentId: a, field: 'idNumber' });
    await expectRefused('residents.reveal', { residentId: b, field: 'idNumber' });
  });

  it('the clear names swapped instead: refused', async () => {
    const { a, b } = await threeResidents();
    offline(t, (db) => swapColumns(db, 'residents', ['name'], a, b));
    await unlockAdmin();
    await expectRefused('residents.reveal', { residentId: a, field: 'phone' });
    await expectRefused('residents.reveal', { residentId: b, field: 'phone' });
  });

  it('the ids swapped instead (every case and visit of A now points at B’s numbers): refused', async () => {
    const { a, b } = await threeResidents();
    offline(t, (db) => {
      db.pragma('foreign_keys = OFF');
      const swap = db.prepare(`UPDATE residents SET id = @to WHERE id = @from`);
      swap.run({ from: a, to: -1 });
      swap.run({ from: b, to: a });
      swap.run({ from: -1, to: b });
    });
    await unlockAdmin();
    await expectRefused('residents.reveal', { residentId: a, field: 'phone' });
    await expectRefused('residents.reveal', { residentId: b, field: 'idNumber' });
  });

  it('a clerk’s edit of a swapped row is refused too, so saving cannot make it look as written', async () => {
    const { a, b } = await threeResidents();
    offline(t, (db) => swapColumns(db, 'residents', ['phone_sealed'], a, b));
    await unlockAdmin();
    const e = await t.fail('residents.save', { id: a, householdId: 1, name: '王小明', idNumber: A_ID, phone: '13803711002' });
    expect(e.code).toBe('LEDGER_DAMAGED');
    await expectRefused('residents.reveal', { residentId: a, field: 'phone' });
  });
});

describe('exports and signed packages', () => {
  it('phones swapped between an observed resident and another: the roster is not exported, nothing is signed or written, the audit says why', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    seedSmallOffice(t);
    const ids = t.core.services.ledger.handle().prepare(`SELECT id FROM residents ORDER BY id`).all() as Array<{ id: number }>;
    await lockEveryone();
    offline(t, (db) => swapColumns(db, 'residents', ['phone_sealed', 'phone_masked'], ids[0]!.id, ids[1]!.id));
    await unlockAdmin();
    const stick = mkdtempSync(join(tmpdir(), 'taizhang-swap-export-'));
    try {
      const e = await t.fail('export.write', { ...PERIOD, formIds: ['observation-roster'], folder: stick, password: ZIP_PASSWORD, numbersReason: '核对' });
      expect(e.code).toBe('LEDGER_DAMAGED');
      expect(e.message).toMatch(DAMAGED);
      expect(readdirSync(stick)).toEqual([]);
      expect(damagedAudits(t)).toEqual([expect.objectContaining({ channel: 'export.write', table: 'residents' })]);
    } finally {
      rmSync(stick, { recursive: true, force: true });
    }
  });
});

describe('staff numbers and memorial records', () => {
  it('two members’ ID numbers swapped: the register refuses to reveal either', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    const id1 = makeIdNumber('410105', '1985-03-12', 17);
    const id2 = makeIdNumber('410105', '1979-11-02', 33);
    const zhang = (await t.call('rota.staff.save', { name: '张医生', kind: 'medical', idNumber: id1, phone: '13800000001' })).id;
    const li = (await t.call('rota.staff.save', { name: '李护士', kind: 'medical', idNumber: id2, phone: '13800000002' })).id;
    await lockEveryone();
    offline(t, (db) => swapColumns(db, 'staff', ['id_number_sealed', 'id_number_masked', 'id_number_index'], zhang, li));
    await unlockAdmin();
    for (const id of [zhang, li]) {
      const e = await t.fail('rota.staff.reveal', { id });
      expect(e.code).toBe('LEDGER_DAMAGED');
      expect(e.message).toContain('工作人员');
    }
    expect(damagedAudits(t).map((r) => r.table)).toEqual(['staff', 'staff']);
  });

  it('two memorial records’ sealed records swapped: neither opens as the other', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    const m1 = await t.call('honours.memorials.save', memorialFields());
    const m2 = await t.call('honours.memorials.save', memorialFields({ name: '周卫国', cause: '交通事故' }));
    await lockEveryone();
    offline(t, (db) => swapColumns(db, 'honours_memorials', ['personal_sealed'], m1.id, m2.id));
    await unlockAdmin();
    for (const id of [m1.id, m2.id]) {
      const e = await t.fail('honours.memorials.get', { id });
      expect(e.code).toBe('LEDGER_DAMAGED');
      expect(e.message).toContain('牺牲人员记录');
    }
  });
});
