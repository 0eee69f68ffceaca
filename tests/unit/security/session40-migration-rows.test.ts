/**
 * The twenty-sixth attack run (session 40): what else in the file steers the program at the open, now that planner
 * statistics are dropped (S39-A4). `schema_migrations` says which migrations a ledger has (by membership: db/migrate.ts),
 * and the database key rewrites it (a viewer's password, offline). A row deleted makes the next open run that migration
 * again on today's tables. Most begin with DDL that fails on them (a column or table already there) and roll back;
 * migration 040 rebuilds `residents` to its own columns (the 049 `relation` column is not among them) and would lose it if
 * it ran through; migration 022 is pure data (the mark of the audit payloads' sealing upgrade, meta
 * `audit_clear_before`: S32-A1 already covers a mark written by hand).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { offline } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

const admin = { username: ADMIN.username, password: ADMIN.password };
const fileHash = (): string =>
  createHash('sha256')
    .update(readFileSync(join(t.dir, 'taizhang.db')))
    .digest('hex');

/** A ledger with two residents of one household (their 与户主关系 given), viewer1's slot, every window locked. */
async function withResidents(): Promise<void> {
  t = await openTestLedger();
  const c = (await t.call('org.communities.save', { name: '东风社区' })).id;
  const h = (await t.call('households.save', { communityId: c, addressText: '幸福路1号' })).id;
  await t.call('residents.save', { householdId: h, name: '张伟', idNumber: null, phone: null, relation: '户主' });
  await t.call('residents.save', { householdId: h, name: '刘芳', idNumber: null, phone: null, relation: '配偶' });
  await t.sessionAs('viewer', 'viewer1');
  for (const who of ['viewer1', 'admin']) await t.call('auth.lock', {}, who);
}

const forget = (version: number) => offline(t, (db) => db.prepare(`DELETE FROM schema_migrations WHERE version = ?`).run(version));

describe('a migration row deleted offline', () => {
  it("held (denial only): 040 (the residents rebuild) runs again and fails on an index it drops: every sign-in refused in words naming the file's state, the file untouched, nothing lost", async () => {
    await withResidents();
    forget(40);
    const before = fileHash();
    // Session 41 (lead): named as the file's state, with what was kept and what to do (it was INTERNAL's 「…请重试」,
    // which fails the same way at every try).
    for (let i = 0; i < 2; i++)
      expect(await t.raw('auth.unlock', admin)).toMatchObject({
        ok: false,
        error: {
          code: 'LEDGER_DAMAGED',
          message: expect.stringMatching(/数据升级 40「import_write_indexes」.*在本程序之外被改动过。升级已撤销，台账没有改动。请从备份恢复/),
        },
      });
    expect(fileHash()).toBe(before);
    offline(t, (db) => {
      expect(db.prepare(`SELECT name, relation FROM residents ORDER BY id`).all()).toEqual([
        { name: '张伟', relation: '户主' },
        { name: '刘芳', relation: '配偶' },
      ]);
      db.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (40, 'import_write_indexes', '2020-02-17T00:00:00.000Z')`).run();
    });
    expect(await t.raw('auth.unlock', admin)).toMatchObject({ ok: true });
    expect((await t.call('residents.list', {})).rows.map((r) => r.relation).sort()).toEqual(['户主', '配偶'].sort());
  }, 60_000);

  it('held: 022 (the audit sealing mark) runs again: the sign-in goes on, nothing is re-chained, the log and its anchor hold', async () => {
    await withResidents();
    let head = '';
    offline(t, (db) => (head = db.prepare(`SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`).pluck().get() as string));
    forget(22);
    expect(await t.raw('auth.unlock', admin)).toMatchObject({ ok: true });
    const db = t.core.services.ledger.handle();
    // The rows up to the old head keep their hashes: nothing was rewritten (no clear value to seal).
    expect(db.prepare(`SELECT count(*) FROM audit_log WHERE hash = ?`).pluck().get(head)).toBe(1);
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true, anchor: { state: 'ok' } });
  }, 60_000);
});
