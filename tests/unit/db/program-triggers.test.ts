/**
 * Only the program's own triggers (db/program-triggers.ts): the list is what the migrations make, and a ledger holding
 * a trigger put in outside the program, or one of the program's with other SQL, is not opened, for any role.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index';
import { openEncrypted } from '../../../electron/core/db/open';
import { PROGRAM_TRIGGERS, triggerHash } from '../../../electron/core/db/program-triggers';
import { ADMIN, openTestLedger, PASSWORD, type TestLedger } from '../../helpers/ledger';
import { offline } from '../security/swap-helpers';

let t: TestLedger | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

const FOREIGN = /台账文件里有不是本程序建立的触发器（keep_off）.*请从备份恢复/;

describe('the program’s triggers', () => {
  it('are exactly those a freshly migrated ledger holds, by name and SQL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-triggers-'));
    const db = openEncrypted(join(dir, 'l.db'), randomBytes(32));
    try {
      migrate(db, '2020-02-01T00:00:00.000Z');
      const made = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all() as Array<{ name: string; sql: string }>;
      expect(Object.fromEntries(made.map((r) => [r.name, triggerHash(r.sql)]))).toEqual(PROGRAM_TRIGGERS);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never had other SQL in any earlier schema (a backup copy is checked before it is migrated)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-triggers-'));
    const db = openEncrypted(join(dir, 'l.db'), randomBytes(32));
    const seen = new Map<string, Set<string>>();
    try {
      for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
        migrate(
          db,
          '2020-02-01T00:00:00.000Z',
          MIGRATIONS.filter((x) => x.version <= m.version),
        );
        for (const r of db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as Array<{ name: string; sql: string }>)
          seen.set(r.name, (seen.get(r.name) ?? new Set()).add(triggerHash(r.sql)));
      }
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(Object.fromEntries([...seen].map(([name, hashes]) => [name, [...hashes]]))).toEqual(
      Object.fromEntries(Object.entries(PROGRAM_TRIGGERS).map(([name, hash]) => [name, [hash]])),
    );
  });
});

describe('a ledger holding a trigger the program did not make (S33-A7)', () => {
  async function withTrigger(sql: string): Promise<void> {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    await t.call('auth.lock', {}, 'viewer1');
    await t.call('auth.lock', {});
    offline(t, (db) => db.exec(sql));
  }

  it('one added: every unlock refused LEDGER_DAMAGED naming it, no session in any window', async () => {
    await withTrigger(`CREATE TRIGGER keep_off BEFORE INSERT ON meta WHEN NEW.key = 'rows_bound' BEGIN SELECT RAISE(ABORT, 'no'); END`);
    for (const [username, password, window] of [
      [ADMIN.username, ADMIN.password, 'admin'],
      ['viewer1', PASSWORD, 'viewer1'],
    ] as const) {
      const refused = await t!.fail('auth.unlock', { username, password }, window);
      expect(refused.code).toBe('LEDGER_DAMAGED');
      expect(refused.message).toMatch(FOREIGN);
      expect((await t!.fail('residents.list', {}, window)).code).toBe('UNAUTHENTICATED');
    }
  });

  it('one of the program’s rewritten (the audit log’s guard made to let a deletion through): refused, naming it', async () => {
    await withTrigger(
      `DROP TRIGGER audit_log_no_delete; CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log WHEN 0 BEGIN SELECT RAISE(ABORT, 'x'); END`,
    );
    const refused = await t!.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(refused).toMatchObject({ code: 'LEDGER_DAMAGED', message: expect.stringContaining('（audit_log_no_delete）') });
  });
});
