import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openEncrypted } from '../../../electron/core/db/open';
import { HEAD_VERSION, currentVersion, migrate } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index';
import { ADMIN, openTestLedger } from '../../helpers/ledger';

describe('migrations', () => {
  it('take an empty encrypted ledger to head, one recorded row per migration', () => {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-mig-'));
    const db = openEncrypted(join(dir, 'l.db'), randomBytes(32));
    expect(currentVersion(db)).toBe(0);
    expect(migrate(db, '2020-02-17T00:00:00.000Z')).toEqual(MIGRATIONS.map((m) => m.version));
    expect(currentVersion(db)).toBe(HEAD_VERSION);
    const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(recorded).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    for (const table of ['users', 'audit_log', 'communities', 'grids', 'staff', 'settings']) {
      expect(db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = @table`).get({ table })).toBeTruthy();
    }
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(migrate(db, '2020-02-18T00:00:00.000Z')).toEqual([]); // idempotent
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('apply a migration numbered below one already applied (numbers are reserved per area and land out of order)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-mig-'));
    const db = openEncrypted(join(dir, 'l.db'), randomBytes(32));
    const late = MIGRATIONS.filter((m) => m.version !== 11);
    expect(migrate(db, '2020-02-17T00:00:00.000Z', late)).not.toContain(11);
    expect(migrate(db, '2020-02-18T00:00:00.000Z')).toEqual([11]);
    expect(db.prepare(`SELECT 1 FROM pragma_table_info('cases') WHERE name = 'origin'`).get()).toBeTruthy();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('apply each migration in one transaction: a failing one leaves no trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-mig-'));
    const db = openEncrypted(join(dir, 'l.db'), randomBytes(32));
    const bad = [...MIGRATIONS, { version: 999, name: 'broken', sql: 'CREATE TABLE half_done (a); SELECT * FROM no_such_table;' }];
    // SQL failing on the file's own tables is named as the file's state (LEDGER_DAMAGED), not 「程序内部出错…请重试」.
    expect(() => migrate(db, '2020-02-17T00:00:00.000Z', bad)).toThrow(
      expect.objectContaining({ code: 'LEDGER_DAMAGED', details: expect.objectContaining({ migration: 999 }) }),
    );
    expect(currentVersion(db)).toBe(HEAD_VERSION);
    expect(db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'half_done'`).get()).toBeUndefined();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keep an error that is not SQL failing on the tables (the disk, the program) as it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-mig-'));
    const db = openEncrypted(join(dir, 'l.db'), randomBytes(32));
    const failing = {
      version: 999,
      name: 'failing',
      sql: 'CREATE TABLE half_done (a);',
      changes: () => {
        throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
      },
    };
    expect(() => migrate(db, '2020-02-17T00:00:00.000Z', [...MIGRATIONS, failing])).toThrow(expect.objectContaining({ code: 'SQLITE_IOERR' }));
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('run a table rebuild with foreign keys off, and roll it back when it breaks a reference it found whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-mig-'));
    const db = openEncrypted(join(dir, 'l.db'), randomBytes(32));
    migrate(db, '2020-02-17T00:00:00.000Z');
    db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id));`);
    db.exec(`INSERT INTO parent (id) VALUES (1), (2); INSERT INTO child (id, parent_id) VALUES (7, 2);`);
    // Dropping a parent table with rows pointing at it: refused with foreign keys on, allowed in a rebuild as long as it comes back whole.
    const rebuild = (version: number, keep: string) => ({
      version,
      name: 'rebuild',
      rebuildsTables: true as const,
      sql: `CREATE TABLE parent_new (id INTEGER PRIMARY KEY); INSERT INTO parent_new SELECT id FROM parent WHERE ${keep};
            DROP TABLE parent; ALTER TABLE parent_new RENAME TO parent;`,
    });
    expect(() => migrate(db, '2020-02-18T00:00:00.000Z', [...MIGRATIONS, rebuild(998, 'id = 1')])).toThrow(/child 第 7 行引用的 parent 记录不见了/);
    expect(currentVersion(db)).toBe(HEAD_VERSION);
    expect(db.prepare(`SELECT id FROM parent`).all()).toEqual([{ id: 1 }, { id: 2 }]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(migrate(db, '2020-02-18T00:00:00.000Z', [...MIGRATIONS, rebuild(999, 'id > 0')])).toEqual([999]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuse a ledger written by a newer program, changing nothing', async () => {
    const t = await openTestLedger();
    t.core.services.ledger
      .handle()
      .prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, 'future', 'x')`)
      .run({ v: HEAD_VERSION + 5 });
    await t.call('auth.lock', {});
    const e = await t.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(e.code).toBe('LEDGER_TOO_NEW');
    expect(e.message).toContain('新版');
    expect(t.core.services.ledger.isOpen()).toBe(false);
    t.close();
  });
});
