/**
 * Staff ID numbers and phones at rest (issue 19 item 2, migration 027): a
 * register written by the version before 027 (numbers in clear) is upgraded.
 * A viewer sees the same masks at once (filled by the migration); the
 * coordinator's unlock seals and clears the numbers; clerks still reveal,
 * check duplicates and print them in full; nothing in the staff table (or
 * what new writes add to the audit log) holds a full number in clear.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../../electron/core/core';
import type { Database } from '../../../electron/core/db/types';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { staffNumbersUpgrade } from '../../../electron/core/rota/staff.repo';
import { ADMIN, MADE_BEFORE_BINDING, PASSWORD, TEST_KDF, openTestLedger, type TestLedger, callsOn } from '../../helpers/ledger';
import { findTexts } from '../honours/legacy-fixture';

let t: TestLedger;
afterEach(() => t?.close());

const ID1 = makeIdNumber('410102', '1980-01-01', 11);
const ID2 = makeIdNumber('410105', '1992-07-15', 23);
const PHONE1 = '13800138000';
const PHONE2 = '13912345678';
const SECRETS = [ID1, ID2, PHONE1, PHONE2, ID1.slice(4, 14), PHONE2.slice(3, 7)];

/** The staff table as the version before 027 left it (its added columns and index gone), with two members written the old way. */
function makeLegacy(db: Database): { zhang: number; li: number } {
  db.exec(`DROP INDEX staff_by_id_number_index`);
  for (const c of ['id_number_sealed', 'id_number_masked', 'id_number_index', 'phone_sealed', 'phone_masked']) db.exec(`ALTER TABLE staff DROP COLUMN ${c}`);
  db.exec(`CREATE INDEX staff_by_id_number ON staff (id_number)`);
  db.prepare(`DELETE FROM schema_migrations WHERE version = 27`).run();
  const now = { now: '2020-02-17T01:00:00.000Z' };
  const c = Number(db.prepare(`INSERT INTO communities (name, created_at, updated_at) VALUES ('幸福社区', @now, @now)`).run(now).lastInsertRowid);
  const insert = db.prepare(
    `INSERT INTO staff (name, kind, community_id, phone, id_number, created_at, updated_at) VALUES (@name, 'community_worker', @c, @phone, @idNumber, @now, @now)`,
  );
  return {
    zhang: Number(insert.run({ name: '张伟', c, phone: PHONE1, idNumber: ID1, ...now }).lastInsertRowid),
    li: Number(insert.run({ name: '李娜', c, phone: PHONE2, idNumber: ID2, ...now }).lastInsertRowid),
  };
}

async function legacyLedger(): Promise<{ zhang: number; li: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-staff-legacy-'));
  t = await openTestLedger({ dir, ...MADE_BEFORE_BINDING });
  await t.sessionAs('viewer', 'viewer1');
  await t.sessionAs('clerk', 'clerk1');
  const ids = makeLegacy(t.core.services.ledger.handle());
  for (const s of ['viewer1', 'clerk1', 'admin']) await t.call('auth.lock', {}, s);
  t.core.close();
  const core = new Core({ dataDir: dir, clock: t.clock, kdf: TEST_KDF, failureDelayBaseMs: 5 });
  const { call, fail } = callsOn(core);
  const close = () => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  };
  t = { ...t, core, call, fail, close } as unknown as TestLedger;
  return ids;
}

const db = () => t.core.services.ledger.handle();

describe('staff numbers sealed at rest', () => {
  it('viewer sees the same masks at once; the coordinator’s unlock seals; clerks reveal the same numbers; nothing full left in clear', async () => {
    const { zhang, li } = await legacyLedger();
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    const seen = (await t.call('rota.staff.list', {}, 'viewer1')) as Array<{ id: number; phone: string; idNumber: string }>;
    expect(seen.map((s) => [s.id, s.phone, s.idNumber])).toEqual([
      [zhang, '138****8000', `4101**********${ID1.slice(-4)}`],
      [li, '139****5678', `4101**********${ID2.slice(-4)}`],
    ]);
    expect(staffNumbersUpgrade.pending(db())).toBe(2);
    expect(findTexts(db(), ['staff'], [ID1, PHONE2])).toHaveLength(2);

    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(staffNumbersUpgrade.pending(db())).toBe(0);
    expect(findTexts(db(), ['staff'], SECRETS)).toEqual([]);
    expect(await t.call('rota.staff.list', {}, 'viewer1')).toEqual(seen);

    await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    expect(await t.call('rota.staff.reveal', { id: zhang }, 'clerk1')).toEqual({ phone: PHONE1, idNumber: ID1 });
    expect(await t.call('rota.staff.reveal', { id: li }, 'clerk1')).toEqual({ phone: PHONE2, idNumber: ID2 });
    expect((await t.fail('rota.staff.reveal', { id: li }, 'viewer1')).code).toBe('FORBIDDEN');
    // The duplicate check still finds the same person by the keyed index.
    const dup = await t.fail('rota.staff.save', { name: '张伟伟', kind: 'volunteer', idNumber: ID1 }, 'clerk1');
    expect(dup.message).toContain('张伟');
  });

  it('seals what is written from now on, in the table and in the audit log', async () => {
    t = await openTestLedger();
    const s = (await t.call('rota.staff.save', { name: '王强', kind: 'volunteer', phone: PHONE2, idNumber: ID2 })) as { id: number; phone: string };
    expect(s.phone).toBe('139****5678');
    expect(findTexts(db(), ['staff', 'audit_log'], SECRETS)).toEqual([]);
    const viewer = await t.sessionAs('viewer');
    expect((await t.fail('rota.staff.save', { id: s.id, name: '王强', kind: 'volunteer', phone: PHONE1 }, viewer)).code).toBe('FORBIDDEN');
    expect(await t.call('rota.staff.reveal', { id: s.id })).toEqual({ phone: PHONE2, idNumber: ID2 });
  });
});
