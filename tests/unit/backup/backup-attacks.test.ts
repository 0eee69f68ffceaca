/**
 * The attacks on backups, replayed: a byte changed with its hash recomputed,
 * an empty or partial file list, a copy that fails the integrity check, and
 * what backup.json tells someone who only has the stick.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealManifest, type BackupMeta } from '../../../electron/core/io/backup/manifest';
import { manifestOf, openBackupDb, resign, rewrite, sha256 } from './tamper';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { seedSmallOffice } from '../export/fixture';

let t: TestLedger;
let stick: string;
beforeEach(async () => {
  t = await openTestLedger();
  seedSmallOffice(t);
  stick = mkdtempSync(join(tmpdir(), 'taizhang-stick-'));
});
afterEach(() => {
  t.close();
  rmSync(stick, { recursive: true, force: true });
});

describe('backups you can trust', () => {
  it('a byte changed in a file, with its hash recomputed in backup.json, is refused by inspect and restore', async () => {
    const b = await t.call('backup.create', { folder: stick });
    const keyring = join(b.path, 'taizhang.keyring.json');
    writeFileSync(keyring, readFileSync(keyring, 'utf8').replace('"version": 1', '"version": 1 '));
    const meta = manifestOf(b.path);
    rewrite(b.path, {
      ...meta,
      files: meta.files.map((f) => (f.name === 'taizhang.keyring.json' ? { ...f, sha256: sha256(keyring), bytes: f.bytes + 1 } : f)),
    });
    for (const e of [await t.fail('backup.inspect', { path: b.path }), await t.fail('backup.restore', { path: b.path, confirm: true })]) {
      expect(e.code).toBe('LEDGER_DAMAGED');
      expect(e.message).toContain('被改动过');
    }
    expect((await t.call('auth.whoami', {}))?.user.username).toBe(ADMIN.username);
  });

  it('an empty or partial file list is refused, not skipped', async () => {
    const b = await t.call('backup.create', { folder: stick });
    const meta = manifestOf(b.path);
    rewrite(b.path, { ...meta, files: [] });
    expect((await t.fail('backup.restore', { path: b.path, confirm: true })).message).toContain('不完整');
    rewrite(b.path, { ...meta, files: meta.files.filter((f) => f.name === 'taizhang.db') });
    expect((await t.fail('backup.inspect', { path: b.path })).message).toContain('不完整');
    const { files: _dropped, ...noList } = meta;
    rewrite(b.path, noList as BackupMeta);
    expect((await t.fail('backup.inspect', { path: b.path })).code).toBe('LEDGER_DAMAGED');
  });

  it('backup.json carries nothing personal in clear: no office, no names, no table counts', async () => {
    const b = await t.call('backup.create', { folder: stick });
    const text = readFileSync(join(b.path, 'backup.json'), 'utf8');
    for (const secret of ['东风街道办事处', ADMIN.displayName, ADMIN.username, 'residents', 'honours_memorials', 'counts'])
      expect([secret, text.includes(secret)]).toEqual([secret, false]);
    // The ledger's own key opens what is sealed.
    expect(await t.call('backup.inspect', { path: b.path })).toMatchObject({ officeName: '东风街道办事处', createdBy: ADMIN.displayName });
  });

  it('restore runs the integrity check on the copy before replacing anything', async () => {
    const b = await t.call('backup.create', { folder: stick });
    const key = t.core.services.ledger.currentKey();
    const dbPath = join(b.path, 'taizhang.db');
    // Someone holding the key stores what the schema forbids (a community with -1 households) and signs the manifest again:
    // only the copy's own integrity check can notice.
    const db = openBackupDb(b.path, key);
    db.pragma('ignore_check_constraints = ON');
    db.prepare(`UPDATE communities SET households = -1`).run();
    db.close();
    const meta = manifestOf(b.path);
    const files = meta.files.map((f) => (f.name === 'taizhang.db' ? { ...f, sha256: sha256(dbPath), bytes: readFileSync(dbPath).length } : f));
    rewrite(
      b.path,
      sealManifest(
        { ledgerId: meta.ledgerId, createdAt: meta.createdAt, schemaVersion: meta.schemaVersion, files },
        { officeName: 'x', createdBy: 'x', counts: {} },
        key,
      ),
    );
    const e = await t.fail('backup.restore', { path: b.path, confirm: true });
    expect(e.code).toBe('LEDGER_DAMAGED');
    expect(e.message).toContain('完整性检查');
    expect((await t.call('auth.whoami', {}))?.user.username).toBe(ADMIN.username);
  });

  it('a copy holding a trigger the program did not make is refused by inspect and restore before anything is swapped', async () => {
    const b = await t.call('backup.create', { folder: stick });
    const key = t.core.services.ledger.currentKey();
    // Someone holding the database key plants a trigger the restore's own audit row would run, and signs the manifest again.
    const db = openBackupDb(b.path, key);
    db.exec(
      `CREATE TABLE stolen (v TEXT); CREATE TRIGGER keep_copy BEFORE INSERT ON audit_log BEGIN INSERT INTO stolen SELECT id_number_sealed FROM residents; END`,
    );
    db.close();
    resign(b.path, key);
    const before = readFileSync(t.core.services.ledger.paths.db);
    for (const e of [await t.fail('backup.inspect', { path: b.path }), await t.fail('backup.restore', { path: b.path, confirm: true })]) {
      expect(e.code).toBe('LEDGER_DAMAGED');
      expect(e.message).toMatch(/这份备份的台账文件里有不是本程序建立的触发器（keep_copy）.*不能用它恢复/);
    }
    expect((await t.call('auth.whoami', {}))?.user.username).toBe(ADMIN.username);
    expect(readFileSync(t.core.services.ledger.paths.db).equals(before)).toBe(true);
    expect(readdirSync(dirname(t.core.services.ledger.paths.db)).filter((n) => n.startsWith('恢复前的台账') || n.startsWith('.restore-'))).toEqual([]);
  });
});
