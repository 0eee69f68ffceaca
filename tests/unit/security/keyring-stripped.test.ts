/**
 * Session 17's attack run (docs/security/attack-run-session17.md, S1): offline, with the files and a viewer's
 * password only, the sensitive key is removed from every slot of taizhang.keyring.json. The keyring then looks
 * like one from before sealing, so the table's roles count again (auth/handlers.ts roleBackedByKey), the next
 * clerk's or coordinator's unlock makes a fresh sensitive key (db/ledger.ts adoptSensitiveKey), vouches every
 * role and public key as found (trust on first use) and writes a fresh anchor (audit/anchor.ts anchorExpected).
 *
 * FOUND → fixed (session 17): a keyring with any version-2 slot was written by a version that had the sensitive
 * key (db/keyring.ts keyedKeyring), so none of the three happens; a viewer cannot turn a holder's version-2 slot
 * back into a version-1 one without that holder's password. Ledgers from before sealing (version-1 slots, no
 * key) still get their key at the first holder's unlock (tests/helpers/before-sealing.ts builds one).
 */
import { newRawPair } from '../../../electron/core/db/x25519';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readKeyring, RECOVERY_SLOT, withoutSensitive, writeKeyring } from '../../../electron/core/db/keyring';
import { isV2, slotHoldsSensitive, type KeySlotV2 } from '../../../electron/core/db/keyslot';
import { openAsViewerOffline, rechain } from '../../helpers/attacker';
import { keyringBeforeSealing, testSecrets } from '../../helpers/before-sealing';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger, ROLES_AS_FOUND } from '../../helpers/ledger';
import { openBackupDb, resign } from '../backup/tamper';

// These ledgers predate coordinator keys; the coordinator's role counts as it did then (the recovery key's
// confirmation, CR1-U's fix, is tested in tests/unit/auth/coordinator-upgrade.test.ts).

let t: TestLedger;
afterEach(() => t?.close());

const keyringPath = () => join(t.dir, 'taizhang.keyring.json');
const anchorPath = () => join(t.dir, 'taizhang.anchor.json');

async function ledgerWithThree(): Promise<number> {
  t = await openTestLedger(ROLES_AS_FOUND);
  await t.sessionAs('clerk', 'clerk1');
  await t.sessionAs('viewer', 'viewer1');
  const c = await t.call('org.communities.save', { name: '幸福社区' });
  const r = await t.call('residents.save', { communityId: c.id, name: '张伟', phone: '13803711001' });
  for (const name of ['和平社区', '建设社区', '光明社区']) await t.call('org.communities.save', { name });
  for (const s of ['clerk1', 'viewer1', 'admin']) await t.call('auth.lock', {}, s);
  return r.id;
}

/** The viewer's offline steps: `edit` on the db; then every slot's sensitive key removed (the recovery slot's public key swapped when `swapRecovery`). */
function stripKeyring(edit: (db: ReturnType<typeof openAsViewerOffline>) => void, swapRecovery?: Buffer): void {
  const db = openAsViewerOffline(t.dir);
  try {
    edit(db);
  } finally {
    db.close();
  }
  const k = readKeyring(keyringPath());
  for (const s of k.slots as KeySlotV2[]) {
    delete s.keys.sensitive;
    if (swapRecovery && s.name === RECOVERY_SLOT) s.publicKey = swapRecovery.toString('hex');
  }
  writeKeyring(keyringPath(), k);
}

describe('a keyring whose sensitive key a viewer removed from every slot', () => {
  it('the viewer alone, with their own row set to coordinator, gets no coordinator session', async () => {
    await ledgerWithThree();
    stripKeyring((db) => db.prepare(`UPDATE users SET role = 'coordinator' WHERE username = 'viewer1'`).run());
    // Before the fix: ok, role coordinator, with a sensitive key made just now; resetPassword on the real coordinator succeeded.
    const unlocked = await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    expect(unlocked.user.role).toBe('viewer');
    expect((await t.fail('users.resetPassword', { id: 1, password: 'attacker-pass-1' }, 'viewer1')).code).toBe('FORBIDDEN');
  });

  it('the coordinator next unlocks: no fresh key or anchor, the swapped recovery slot and the forged role get nothing; the cut log is found once the keyring is put back', async () => {
    await ledgerWithThree();
    const genuine = readFileSync(keyringPath());
    const attacker = newRawPair();
    stripKeyring((db) => {
      const last = (db.prepare(`SELECT max(id) AS id FROM audit_log`).get() as { id: number }).id;
      db.prepare(`DELETE FROM audit_log WHERE id > @keep`).run({ keep: last - 3 });
      rechain(db);
      db.prepare(`DELETE FROM meta WHERE key = 'audit_anchor'`).run();
      db.prepare(`UPDATE users SET role = 'coordinator' WHERE username = 'viewer1'`).run();
    }, attacker.pub);
    rmSync(anchorPath());
    // Before the fix: a fresh key, given to the attacker's recovery key and the forged coordinator; a fresh anchor;
    // audit.verify intact, 「锚点一致」.
    const admin = await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(admin.user.role).toBe('viewer');
    // Told why, and the only way back (restoring in the app needs a coordinator who holds the key).
    expect(admin.keyNotice).toMatchObject({ case: 'lost', role: 'coordinator' });
    expect(admin.keyNotice?.message).toContain('最近一次备份文件夹里的 taizhang.db、taizhang.keyring.json 和 taizhang.anchor.json 复制回台账文件夹');
    expect((await t.fail('users.resetPassword', { id: 2, password: 'another-pass-1' })).details).toMatchObject({ noSensitiveKey: 'lost' });
    expect(readKeyring(keyringPath()).slots.some(slotHoldsSensitive)).toBe(false);
    expect(existsSync(anchorPath())).toBe(false);
    expect((await t.fail('audit.verify', {})).code).toBe('FORBIDDEN');
    expect((await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1')).user.role).toBe('viewer');
    for (const s of ['viewer1', 'admin']) await t.call('auth.lock', {}, s);
    // The office puts its keyring back (from a backup): nothing was re-anchored over the cut, so it is found.
    writeFileSync(keyringPath(), genuine);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const verify = await t.call('audit.verify', {});
    expect(verify.intact).toBe(false);
    expect(verify.anchor?.state).toBe('missing');
  });

  it('a ledger from before sealing: a viewer who unlocks and changes their password first leaves it one, the coordinator still makes the key', async () => {
    await ledgerWithThree();
    keyringBeforeSealing(keyringPath(), testSecrets(t.recoveryKey));
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    await t.call('auth.changePassword', { oldPassword: PASSWORD, newPassword: 'viewer-own-pass-1' }, 'viewer1');
    await t.call('auth.lock', {}, 'viewer1');
    expect(readKeyring(keyringPath()).slots.some(isV2)).toBe(false);
    const admin = await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(admin.user.role).toBe('coordinator');
    expect(t.core.services.sessions.get('admin')!.sensitive).toBe(true);
    expect((await t.call('auth.unlock', { username: 'viewer1', password: 'viewer-own-pass-1' }, 'viewer1')).user.role).toBe('viewer');
  });

  it('a backup so treated (key removed from every slot, anchor and mark gone, log cut, manifest signed again) is refused', async () => {
    await ledgerWithThree();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const stick = mkdtempSync(join(tmpdir(), 'taizhang-stick-'));
    try {
      const b = await t.call('backup.create', { folder: stick });
      const dbKey = Buffer.from(t.core.services.ledger.currentKey());
      rmSync(join(b.path, 'taizhang.anchor.json'));
      const k = readKeyring(join(b.path, 'taizhang.keyring.json'));
      writeKeyring(join(b.path, 'taizhang.keyring.json'), { ...k, slots: k.slots.map(withoutSensitive) });
      const copy = openBackupDb(b.path, dbKey);
      copy.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
      const last = (copy.prepare(`SELECT max(id) AS id FROM audit_log`).get() as { id: number }).id;
      copy.prepare(`DELETE FROM audit_log WHERE id > @keep`).run({ keep: last - 3 });
      copy.prepare(`DELETE FROM meta WHERE key = 'audit_anchor'`).run();
      copy.close();
      resign(b.path, dbKey);
      // Before the fix: inspect said auditIntact, anchor 'none' (「没有带操作日志锚点」), and the restore went through.
      const info = await t.call('backup.inspect', { path: b.path, password: ADMIN.password });
      expect(info.auditIntact).toBe(false);
      expect((await t.fail('backup.restore', { path: b.path, confirm: true, password: ADMIN.password })).code).toBe('LEDGER_DAMAGED');
    } finally {
      rmSync(stick, { recursive: true, force: true });
    }
  });
});
