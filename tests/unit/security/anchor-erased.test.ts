/**
 * Session 15's AU1 and AU2, replayed with a viewer's password and the files only: the audit log
 * shortened, the anchor file and its meta mark deleted (and, for a backup, backup.json rewritten
 * as a version-1 manifest). "Has had an anchor" now rests on the keyring holding a sensitive key
 * (audit/anchor.ts anchorExpected), which a viewer cannot remove without losing every sealed value:
 * the next unlock and audit.verify say the anchor is missing, never write a fresh one; inspect and
 * restore refuse such a backup. The honest paths: a ledger from before sealing (its keyring has no
 * sensitive key) is anchored once at the first key holder's unlock; a real version-1 backup made
 * before sealing still restores.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readAnchorFile, type AuditAnchor } from '../../../electron/core/audit/anchor';
import { findSlot, openSlotKeys, readKeyring, RECOVERY_SLOT } from '../../../electron/core/db/keyring';
import { makeSlotV1 } from '../../../electron/core/db/keyslot';
import { lockedLedgerWithHistory, rechain, type OfflineDb } from '../../helpers/attacker';
import { openEncrypted } from '../../../electron/core/db/open';
import { ADMIN, PASSWORD, TEST_KDF, openTestLedger, type TestLedger, ROLES_AS_FOUND } from '../../helpers/ledger';
import { keyringBeforeSealing, testSecrets } from '../../helpers/before-sealing';
import { manifestOf, openBackupDb, resign, rewrite, sha256 } from '../backup/tamper';

// These ledgers predate coordinator keys; the coordinator's role counts as it did then (the recovery key's
// confirmation, CR1-U's fix, is tested in tests/unit/auth/coordinator-upgrade.test.ts).

let t: TestLedger;
let stick: string;
afterEach(() => {
  t?.close();
  if (stick) rmSync(stick, { recursive: true, force: true });
});

const anchorPath = (dir = t.dir) => join(dir, 'taizhang.anchor.json');
const adminUnlock = () => t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });

/** AU1's steps on an opened copy: the tail after `keep` deleted, the meta mark deleted. */
function cutTailAndMark(db: OfflineDb, keep: number): void {
  db.prepare(`DELETE FROM audit_log WHERE id > @keep`).run({ keep });
  db.prepare(`DELETE FROM meta WHERE key = 'audit_anchor'`).run();
}

/** The log's guards as a database opened with the key: dropped for `change`, put back after, as AU1 did. */
function withGuardsDropped(db: OfflineDb, change: () => void): void {
  const guards = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'`).all() as Array<{ sql: string }>;
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  change();
  for (const { sql } of guards) db.exec(sql);
}

/** The ledger's database opened offline with the viewer's own password (the sensitive key stays sealed). */
const openViewerDb = (dir: string): OfflineDb => openEncrypted(join(dir, 'taizhang.db'), viewerDbKey(join(dir, 'taizhang.keyring.json')));

/** The database key as the viewer's own slot in a keyring unwraps it (never the sensitive key). */
function viewerDbKey(keyringPath: string): Buffer {
  const k = readKeyring(keyringPath);
  const keys = openSlotKeys(k.ledgerId, findSlot(k, 'viewer1')!, PASSWORD)!;
  expect(keys.sensitiveKey).toBeNull();
  return keys.dbKey;
}

/** backup.json as a version-1 manifest (no MAC, what it tells in clear), listing the files in the folder. */
function asVersion1Manifest(dir: string, about = { officeName: '东风街道办事处', createdBy: '管理员', counts: {} }): void {
  const meta = manifestOf(dir);
  const names = ['taizhang.db', 'taizhang.keyring.json', 'taizhang.anchor.json'].filter((n) => existsSync(join(dir, n)));
  const files = names.map((name) => ({ name, sha256: sha256(join(dir, name)), bytes: statSync(join(dir, name)).size }));
  rewrite(dir, {
    format: 'taizhang-backup',
    version: 1,
    ledgerId: meta.ledgerId,
    createdAt: meta.createdAt,
    schemaVersion: meta.schemaVersion,
    files,
    ...about,
  });
}

describe('AU1: the anchor and its mark deleted on the ledger, the tail cut', () => {
  it('the next coordinator unlock writes no fresh anchor; audit.verify says the anchor is missing; the finding is audited', async () => {
    t = await lockedLedgerWithHistory(ROLES_AS_FOUND);
    const lastId = (readAnchorFile(anchorPath()) as AuditAnchor).lastId;
    const db = openViewerDb(t.dir);
    withGuardsDropped(db, () => cutTailAndMark(db, lastId - 3));
    db.close();
    rmSync(anchorPath());

    await adminUnlock();
    expect(existsSync(anchorPath())).toBe(false);
    const v = await t.call('audit.verify', {});
    expect(v.intact).toBe(false);
    expect(v.anchor).toMatchObject({ state: 'missing' });
    expect(v.anchor!.message).toContain('操作日志的锚点不见了');
    expect(v.anchor!.message).toContain('日志可能被删短');
    // The office keeps working: a write goes in, and still no anchor is made over the finding.
    await t.call('org.communities.save', { name: '友谊社区' });
    expect(existsSync(anchorPath())).toBe(false);
    expect((await t.call('audit.verify', {})).anchor).toMatchObject({ state: 'missing' });
    const seen = await t.call('audit.list', { filter: { channel: 'auth.unlock' }, offset: 0, limit: 20 });
    expect(JSON.stringify(seen)).toContain('操作日志的锚点不见了');
  });

  it('a clerk unlock is told the same: no fresh anchor', async () => {
    t = await lockedLedgerWithHistory(ROLES_AS_FOUND);
    await adminUnlock();
    await t.sessionAs('clerk', 'clerk1');
    await t.call('auth.lock', {}, 'clerk1');
    await t.call('auth.lock', {});
    const db = openViewerDb(t.dir);
    withGuardsDropped(db, () => cutTailAndMark(db, 4));
    db.close();
    rmSync(anchorPath());
    await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    expect(existsSync(anchorPath())).toBe(false);
    await adminUnlock();
    expect((await t.call('audit.verify', {})).anchor).toMatchObject({ state: 'missing' });
  });

  it('a ledger from before sealing (no sensitive key in its keyring, no anchor, no mark) is anchored once, silently', async () => {
    t = await lockedLedgerWithHistory(ROLES_AS_FOUND);
    // As the version before issue 19 left it: no slot holds a sensitive key, there is no anchor and no mark.
    const keyringPath = join(t.dir, 'taizhang.keyring.json');
    keyringBeforeSealing(keyringPath, testSecrets(t.recoveryKey));
    rmSync(anchorPath());
    const db = openViewerDb(t.dir);
    db.prepare(`DELETE FROM meta WHERE key = 'audit_anchor'`).run();
    db.close();
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    expect(existsSync(anchorPath())).toBe(false);
    await t.call('auth.lock', {}, 'viewer1');
    await adminUnlock();
    expect(existsSync(anchorPath())).toBe(true);
    const v = await t.call('audit.verify', {});
    expect(v, JSON.stringify(v)).toMatchObject({ intact: true, anchor: { state: 'ok' } });
    const log = await t.call('audit.list', { filter: { channel: 'auth.unlock' }, offset: 0, limit: 20 });
    expect(JSON.stringify(log)).toContain('sensitiveKeyCreated');
    expect(JSON.stringify(log)).not.toContain('auditAnchor');
  });

  it('a new ledger is anchored from its setup on, and its keyring says so', async () => {
    t = await openTestLedger(ROLES_AS_FOUND);
    expect(existsSync(anchorPath())).toBe(true);
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true, anchor: { state: 'ok' } });
  });
});

describe('AU2: a real backup shortened, its anchor and mark removed', () => {
  async function shortenedBackup(): Promise<{ path: string; dbKey: Buffer }> {
    t = await lockedLedgerWithHistory(ROLES_AS_FOUND);
    await adminUnlock();
    stick = mkdtempSync(join(tmpdir(), 'taizhang-stick-'));
    const b = await t.call('backup.create', { folder: stick });
    const dbKey = viewerDbKey(join(b.path, 'taizhang.keyring.json'));
    const copy = openBackupDb(b.path, dbKey) as unknown as OfflineDb;
    withGuardsDropped(copy, () => {
      copy.prepare(`DELETE FROM audit_log WHERE channel = 'org.communities.save' AND after_json LIKE '%和平社区%'`).run();
      rechain(copy);
      cutTailAndMark(copy, Number.MAX_SAFE_INTEGER);
    });
    copy.close();
    rmSync(anchorPath(b.path));
    return { path: b.path, dbKey };
  }

  it('rewritten as a version-1 manifest: inspect and restore refuse it, the ledger is untouched', async () => {
    const b = await shortenedBackup();
    asVersion1Manifest(b.path);
    const e = await t.fail('backup.inspect', { path: b.path });
    expect(e.code).toBe('LEDGER_DAMAGED');
    expect(e.message).toContain('旧版本的格式');
    const before = (await t.call('org.communities.list', {})).length;
    const r = await t.fail('backup.restore', { path: b.path, confirm: true });
    expect(r.code).toBe('LEDGER_DAMAGED');
    expect((await t.call('org.communities.list', {})).length).toBe(before);
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true, anchor: { state: 'ok' } });
  });

  it('with its manifest signed again by the database key: inspect says the anchor was taken out, restore refuses', async () => {
    const b = await shortenedBackup();
    resign(b.path, b.dbKey);
    const info = await t.call('backup.inspect', { path: b.path });
    expect(info).toMatchObject({ auditIntact: false, anchor: { state: 'missing' } });
    expect(info.anchor.message).toContain('锚点被拿掉了');
    const r = await t.fail('backup.restore', { path: b.path, confirm: true });
    expect(r.code).toBe('LEDGER_DAMAGED');
    expect(r.message).toContain('锚点被拿掉了');
  });

  it('a real version-1 backup made before sealing (no sensitive key, no anchor) still restores and is anchored after', async () => {
    t = await lockedLedgerWithHistory(ROLES_AS_FOUND);
    // The folder as the version before issue 19 wrote it: the db and a keyring without the sensitive key, backup.json version 1.
    stick = mkdtempSync(join(tmpdir(), 'taizhang-stick-'));
    const old = join(stick, '台账备份-旧版本');
    mkdirSync(old);
    copyFileSync(join(t.dir, 'taizhang.db'), join(old, 'taizhang.db'));
    // The keyring as that version wrote it: version 1, no keyId, each slot wrapping the database key only.
    const keyring = readKeyring(join(t.dir, 'taizhang.keyring.json'));
    const dbKey = viewerDbKey(join(t.dir, 'taizhang.keyring.json'));
    const secrets: Record<string, string> = { [ADMIN.username]: ADMIN.password, viewer1: PASSWORD, [RECOVERY_SLOT]: t.recoveryKey };
    const slots = keyring.slots.map((s) => makeSlotV1(s.name, secrets[s.name]!, { dbKey, sensitiveKey: null }, TEST_KDF));
    const { keyId: _none, ...rest } = keyring;
    writeFileSync(join(old, 'taizhang.keyring.json'), JSON.stringify({ ...rest, version: 1, slots }, null, 2));
    const copy = openBackupDb(old, viewerDbKey(join(old, 'taizhang.keyring.json')));
    copy.prepare(`DELETE FROM meta WHERE key = 'audit_anchor'`).run();
    copy.close();
    writeFileSync(
      join(old, 'backup.json'),
      JSON.stringify({ format: 'taizhang-backup', version: 1, ledgerId: keyring.ledgerId, createdAt: '2020-02-16T01:00:00.000Z', schemaVersion: 1, files: [] }),
    );
    asVersion1Manifest(old);

    await adminUnlock();
    const info = await t.call('backup.inspect', { path: old, password: ADMIN.password });
    expect(info, JSON.stringify(info)).toMatchObject({ auditIntact: true, anchor: { state: 'none' } });
    await t.call('backup.restore', { path: old, confirm: true, password: ADMIN.password });
    await adminUnlock();
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true, anchor: { state: 'ok' } });
  });
});
