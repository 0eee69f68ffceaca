/**
 * Only the program's own indexes, triggers and views (db/program-schema.ts): what the migrations make, and a ledger
 * holding one put in outside the program, or one of the program's with other SQL, is not opened, for any role.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index';
import { openEncrypted } from '../../../electron/core/db/open';
import { programSchema, schemaHash, schemaOf } from '../../../electron/core/db/program-schema';
import type { Database } from '../../../electron/core/db/types';
import { ADMIN, openTestLedger, PASSWORD, type TestLedger } from '../../helpers/ledger';
import { offline } from '../security/swap-helpers';

let t: TestLedger | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

const FOREIGN = /台账文件里有不是本程序建立的触发器（keep_off）.*请从备份恢复/;

describe('the program’s schema', () => {
  it('is what a ledger made by the program holds, by name and SQL', async () => {
    t = await openTestLedger();
    const made = schemaOf(t.core.services.ledger.handle());
    expect(made).toEqual(programSchema());
    expect([...made.trigger.keys()]).toContain('audit_log_no_delete');
    expect([...made.index.keys()]).toContain('residents_by_community');
  });

  it('never held a trigger with other SQL in any earlier schema (a backup copy is checked before it is migrated)', () => {
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
          seen.set(r.name, (seen.get(r.name) ?? new Set()).add(schemaHash(r.sql)));
      }
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(Object.fromEntries([...seen].map(([name, hashes]) => [name, [...hashes]]))).toEqual(
      Object.fromEntries([...programSchema().trigger].map(([name, hash]) => [name, [hash]])),
    );
  });
});

describe('a ledger holding a trigger the program did not make (S33-A7)', () => {
  async function withTrigger(sql: string | ((db: Database) => void)): Promise<void> {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    await t.call('auth.lock', {}, 'viewer1');
    await t.call('auth.lock', {});
    offline(t, (db) => (typeof sql === 'string' ? db.exec(sql) : sql(db)));
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

  it('an expression index whose expression throws on a write (S34-A4): refused at the open, naming it as an index', async () => {
    await withTrigger(
      `DELETE FROM meta WHERE key = 'throttle_epoch'; CREATE INDEX meta_keep_off ON meta (json(CASE WHEN key = 'throttle_epoch' THEN 'x' ELSE '1' END))`,
    );
    const refused = await t!.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(refused).toMatchObject({ code: 'LEDGER_DAMAGED', message: expect.stringContaining('不是本程序建立的索引（meta_keep_off）') });
    expect((await t!.fail('residents.list', {})).code).toBe('UNAUTHENTICATED');
  });

  it('a view, and a schema row typed TRIGGER that `type = ’trigger’` would not see (S34-A1): refused, each named', async () => {
    await withTrigger((db) => {
      db.exec(`CREATE VIEW who AS SELECT username FROM users`);
      db.unsafeMode(true);
      db.pragma('writable_schema = ON');
      db.prepare(`INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES ('TRIGGER', 'keep_off', 'meta', 0, ?)`).run(
        `CREATE TRIGGER keep_off AFTER INSERT ON meta WHEN NEW.key = 'rows_bound' BEGIN DELETE FROM meta WHERE key = 'rows_bound'; END`,
      );
      db.pragma('writable_schema = OFF');
    });
    const refused = await t!.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(refused.code).toBe('LEDGER_DAMAGED');
    expect(refused.message).toContain('触发器（keep_off）');
    expect(refused.message).toContain('视图（who）');
  });

  it('one of the program’s indexes dropped: opened (only the grid is slower; nothing is altered)', async () => {
    await withTrigger(`DROP INDEX residents_by_name`);
    expect((await t!.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).user.username).toBe(ADMIN.username);
  });
});
