/**
 * A ledger made by the version before migration 019 (numbers in clear, with
 * their reversed copies), opened by this one: a viewer sees the masks and
 * birth years at once; the first coordinator unlock seals every number, and
 * each opens back to what was stored; the clear columns are empty. Then a
 * viewer's scan of every caseload table finds no full number or birth date.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../../electron/core/core';
import { asWriteDb, type Database } from '../../../electron/core/db/types';
import { makeIdNumber, maskIdNumber, maskPhone } from '../../../electron/core/people/id-number';
import { ADMIN, MADE_BEFORE_BINDING, openTestLedger, PASSWORD, type TestLedger } from '../../helpers/ledger';
import { householdPhone, RESIDENT_COLUMNS_019, residentsOf } from '../../helpers/sealed-residents';

let t: TestLedger;
afterEach(() => t?.close());

const PEOPLE = Array.from({ length: 30 }, (_, i) => ({
  name: `居民${i}`,
  id: makeIdNumber('410102', `19${50 + i}-0${1 + (i % 9)}-1${i % 10}`, 100 + i),
  phone: `1380371${String(1000 + i)}`,
}));
const HOUSEHOLD_PHONE = '03716688123';
const birthOf = (id: string) => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
const reversed = (s: string) => [...s].reverse().join('');

/** Takes a ledger of this version back to the shape before migration 019 (what the current main makes), holding rows as its code wrote them. */
function asBefore019(db: Database, communityId: number): void {
  db.exec(
    `DROP INDEX residents_by_id_number_index; DROP INDEX residents_by_id_number_tail; DROP INDEX residents_by_phone_tail; DROP INDEX residents_by_birth_year;`,
  );
  for (const c of RESIDENT_COLUMNS_019) db.exec(`ALTER TABLE residents DROP COLUMN ${c}`);
  db.exec(`ALTER TABLE households DROP COLUMN phone_sealed; ALTER TABLE households DROP COLUMN phone_masked;`);
  db.exec(`CREATE INDEX residents_by_id_rev ON residents (id_rev); CREATE INDEX residents_by_phone_rev ON residents (phone_rev);`);
  db.exec(`DELETE FROM schema_migrations WHERE version = 19`);
  const now = '2020-02-01T00:00:00.000Z';
  const h = db
    .prepare(
      `INSERT INTO households (community_id, address_key, address_text, head_name, phone, screening_status, created_at, updated_at)
       VALUES (@communityId, '幸福路1号', '幸福路1号', '王桂英', @phone, 'unscreened', @now, @now)`,
    )
    .run({ communityId, phone: HOUSEHOLD_PHONE, now }).lastInsertRowid;
  const insert = db.prepare(
    `INSERT INTO residents (household_id, community_id, name, id_number, id_rev, sex, birth_date, phone, phone_rev, tags, created_at, updated_at)
     VALUES (@h, @communityId, @name, @id, @idRev, 'M', @birth, @phone, @phoneRev, '[]', @now, @now)`,
  );
  for (const p of PEOPLE)
    insert.run({ h, communityId, name: p.name, id: p.id, idRev: reversed(p.id), birth: birthOf(p.id), phone: p.phone, phoneRev: reversed(p.phone), now });
}

async function ledgerFromBefore(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-sealed-upgrade-'));
  t = await openTestLedger({ dir, ...MADE_BEFORE_BINDING });
  const c = await t.call('org.communities.save', { name: '幸福社区' });
  await t.sessionAs('viewer', 'viewer1');
  await t.call('auth.lock', {}, 'viewer1');
  asBefore019(t.core.services.ledger.handle(), c.id);
  await t.call('auth.lock', {});
  t.core.close();
  const core = new Core({ dataDir: dir, clock: t.clock, kdf: { N: 1 << 10, r: 8, p: 1 }, failureDelayBaseMs: 5 });
  const unwrap = <T>(r: { ok: unknown; value?: T; error?: unknown }): T => {
    if (r.ok !== true) throw new Error(JSON.stringify(r.error));
    return r.value as T;
  };
  t = { ...t, core, call: (channel, input, sessionId = 'admin') => core.call(sessionId, channel, input).then(unwrap) } as TestLedger;
}

/** Every TEXT and BLOB value of the caseload's tables, as a viewer's connection reads them. */
function everyValue(db: Database): Array<{ table: string; value: string | Buffer }> {
  const tables = (
    db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND (name IN ('households', 'residents', 'cases', 'health_checks', 'zero_reports') OR name LIKE 'care_%')`,
      )
      .all() as Array<{
      name: string;
    }>
  ).map((r) => r.name);
  expect(tables).toEqual(expect.arrayContaining(['households', 'residents', 'cases', 'care_tasks', 'care_visits']));
  return tables.flatMap((table) =>
    (db.prepare(`SELECT * FROM ${table}`).all() as Array<Record<string, unknown>>).flatMap((row) =>
      Object.values(row)
        .filter((v): v is string | Buffer => typeof v === 'string' || Buffer.isBuffer(v))
        .map((value) => ({ table, value })),
    ),
  );
}

const secrets = (): string[] => [
  ...PEOPLE.flatMap((p) => [p.id, p.phone, birthOf(p.id), p.id.slice(6, 14)]),
  HOUSEHOLD_PHONE,
  ...PEOPLE.map((p) => reversed(p.id)),
];

describe('sealing residents and households on a ledger from before', () => {
  it('shows viewers masks and birth years at once, before anyone could seal', async () => {
    await ledgerFromBefore();
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    const page = await t.call('residents.list', { offset: 0, limit: 100 }, 'viewer1');
    expect(page.total).toBe(PEOPLE.length);
    for (const p of PEOPLE) {
      const row = page.rows.find((r) => r.name === p.name)!;
      expect([row.idNumber, row.phone, row.birthDate]).toEqual([maskIdNumber(p.id), maskPhone(p.phone), p.id.slice(6, 10)]);
    }
    expect((await t.call('households.list', { offset: 0, limit: 10 }, 'viewer1')).rows[0]!.phone).toBe(maskPhone(HOUSEHOLD_PHONE));
    // Still clear until a clerk or coordinator unlocks: the viewer has no key to seal with.
    const clear = t.core.services.ledger.handle().prepare(`SELECT count(*) AS n FROM residents WHERE id_number IS NOT NULL`).get() as { n: number };
    expect(clear.n).toBe(PEOPLE.length);
  });

  it('seals at the coordinator unlock: every value opens back, the clear columns are empty, and a viewer scan finds nothing', async () => {
    await ledgerFromBefore();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const db = t.core.services.ledger.handle();
    expect(
      db
        .prepare(
          `SELECT count(*) AS n FROM residents WHERE id_number IS NOT NULL OR phone IS NOT NULL OR birth_date IS NOT NULL OR id_rev IS NOT NULL OR phone_rev IS NOT NULL`,
        )
        .get(),
    ).toEqual({
      n: 0,
    });
    expect(db.prepare(`SELECT count(*) AS n FROM households WHERE phone IS NOT NULL`).get()).toEqual({ n: 0 });
    const opened = residentsOf(t);
    expect(opened.map((r) => [r.name, r.id_number, r.phone, r.birth_date])).toEqual(PEOPLE.map((p) => [p.name, p.id, p.phone, birthOf(p.id)]));
    expect(householdPhone(t, opened[0]!.household_id!)).toBe(HOUSEHOLD_PHONE);
    const audit = db.prepare(`SELECT after_json FROM audit_log WHERE channel = 'auth.unlock' AND after_json LIKE '%sealed%'`).all() as Array<{
      after_json: string;
    }>;
    expect(audit.map((a) => JSON.parse(a.after_json) as unknown)).toEqual(
      expect.arrayContaining([
        { sealed: 'residents.id_number+phone+birth_date', rows: PEOPLE.length },
        { sealed: 'households.phone', rows: 1 },
      ]),
    );
    // The channels work on the sealed values: reveal, clerk search, the same ID found again on save.
    const first = PEOPLE[0]!;
    const id = opened[0]!.id;
    expect((await t.call('residents.reveal', { residentId: id, field: 'idNumber' })).value).toBe(first.id);
    expect((await t.call('residents.reveal', { residentId: id, field: 'phone' })).value).toBe(first.phone);
    expect((await t.call('residents.list', { filter: { q: first.id }, offset: 0, limit: 10 })).rows.map((r) => r.name)).toEqual([first.name]);
    expect((await t.call('residents.save', { householdId: opened[0]!.household_id, name: first.name, idNumber: first.id, phone: '13900000000' })).id).toBe(id);

    // A viewer's connection: every text and blob of the caseload tables, searched for the numbers and birth dates.
    await t.call('auth.lock', {});
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    const values = everyValue(asWriteDb(t.core.services.ledger.handle()));
    const found = secrets().flatMap((s) =>
      values.filter((v) => (typeof v.value === 'string' ? v.value.includes(s) : v.value.includes(Buffer.from(s)))).map((v) => `${v.table}: ${s}`),
    );
    expect(found).toEqual([]);
  });
});
