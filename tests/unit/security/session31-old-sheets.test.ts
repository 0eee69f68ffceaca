/**
 * Seventeenth attack run (session 31): an older keyring put back, or read offline, after the change that was meant to
 * void what it holds (docs/security/attack-run-session31.md).
 *
 * S31-A1: 生成新的恢复密钥 (users.newRecoveryKey, auth/recovery-key-new.ts) replaces the recovery slot in the keyring
 * file and nothing else: the database key and the sensitive key stay (auth/keys.ts newRecoveryKeyFor). 设置 › 密钥
 * says 「生成后旧的恢复密钥立即作废」. But every copy of the keyring made before (each backup folder carries one, the
 * daily backups, the USB stick) still holds the old sheet's slot, and it opens with the old sheet to today's keys.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, normaliseRecoveryKey, readKeyring, RECOVERY_SLOT } from '../../../electron/core/db/keyring';
import { openSlotKeys } from '../../../electron/core/db/keyslot';
import { openEncrypted } from '../../../electron/core/db/open';
import { makeSealer } from '../../../electron/core/db/sealer';
import { ADMIN, openTestLedger, PASSWORD, rotating, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
let stick: string;
afterEach(() => {
  t?.close();
  rmSync(stick, { recursive: true, force: true });
});

const LATER_ID = '410105198502021232';

/**
 * A ledger with a backup on the stick, then 生成新的恢复密钥 (the old sheet is to be void), then a resident saved
 * under the keys of today. Returns the old sheet, the backup's folder and the later resident's id; every window locked.
 */
async function newSheetAfterBackup(): Promise<{ oldSheet: string; backup: string; laterId: number }> {
  stick = mkdtempSync(join(tmpdir(), 'taizhang-s31-sheet-'));
  t = await openTestLedger();
  const c = await t.call('org.communities.save', { name: '幸福社区' });
  await t.call('residents.save', { communityId: c.id, name: '老住户', idNumber: '410105199001011233', phone: '13912345678' });
  const b = await t.call('backup.create', { folder: await t.choose('folder', stick) });
  const oldSheet = t.recoveryKey;
  const { recoveryKey } = await t.call('users.newRecoveryKey', {});
  expect(recoveryKey).not.toBe(oldSheet);
  const later = await t.call('residents.save', { communityId: c.id, name: '新住户', idNumber: LATER_ID, phone: '13800001111' });
  await t.call('auth.lock', {});
  return { oldSheet, backup: b.path, laterId: later.id };
}

describe('S31-A1: the recovery sheet 生成新的恢复密钥 was meant to void', () => {
  // S31-A1 (left): the backup's keyring and the old sheet open today's ledger offline, every ID number with it.
  it.fails('offline: the backup’s keyring with the old sheet opens nothing saved after the new sheet', async () => {
    const { oldSheet, backup, laterId } = await newSheetAfterBackup();
    const old = readKeyring(join(backup, 'taizhang.keyring.json'));
    const keys = openSlotKeys(old.ledgerId, findSlot(old, RECOVERY_SLOT)!, normaliseRecoveryKey(oldSheet));
    let opened: string | null = null;
    if (keys?.sensitiveKey) {
      try {
        const db = openEncrypted(join(t.dir, 'taizhang.db'), keys.dbKey);
        const row = db.prepare(`SELECT id_number_sealed AS s FROM residents WHERE id = ?`).get(laterId) as { s: Buffer };
        opened = makeSealer(keys.sensitiveKey).open('residents.id_number', row.s);
        db.close();
      } catch {
        opened = null;
      }
    }
    // Red today: '410105198502021232', the ID number saved after the new sheet, read with the void one.
    expect(opened).toBeNull();
  });

  // S31-A1 (left), online: the backup's keyring copied back beside today's database (a file copy; a viewer can), the
  // old sheet through 忘记密码: RK1's checks (auth/put-back.ts) see no rotation and a key that opens every value (it is
  // today's key), so the recovery goes through: the coordinator's account taken with a password of the attacker's.
  it.fails('online: the backup’s keyring put back, the old sheet does not take the coordinator’s account', async () => {
    const { oldSheet, backup } = await newSheetAfterBackup();
    copyFileSync(join(backup, 'taizhang.keyring.json'), join(t.dir, 'taizhang.keyring.json'));
    const r = await t.raw('auth.recover', { username: ADMIN.username, recoveryKey: oldSheet, newPassword: 'taken-over-77' });
    // Red today: ok, role coordinator, the sensitive key held, no notice.
    expect(r.ok).toBe(false);
  });

  it('the control: the new sheet, read against the keyring of today, is the one that opens', async () => {
    const { backup } = await newSheetAfterBackup();
    const now = readKeyring(join(t.dir, 'taizhang.keyring.json'));
    const old = readKeyring(join(backup, 'taizhang.keyring.json'));
    expect(now.keyId).toBe(old.keyId);
    expect(JSON.stringify(findSlot(now, RECOVERY_SLOT))).not.toBe(JSON.stringify(findSlot(old, RECOVERY_SLOT)));
  });
});

describe('held: an older keyring after a 停用 (the keys rotated)', () => {
  it('the keyring of before the 停用 put back beside today’s database: the leaver’s password opens nothing; the coordinator gets no session with it either', async () => {
    stick = mkdtempSync(join(tmpdir(), 'taizhang-s31-sheet-'));
    t = await openTestLedger();
    await t.sessionAs('clerk', 'leaver');
    await t.call('residents.save', {
      communityId: (await t.call('org.communities.save', { name: '幸福社区' })).id,
      name: '老住户',
      idNumber: '410105199001011233',
    });
    const kept = join(stick, 'keyring-before.json');
    copyFileSync(join(t.dir, 'taizhang.keyring.json'), kept);
    const leaver = (await t.call('users.list', {})).find((u) => u.username === 'leaver')!;
    await t.call('users.disable', { id: leaver.id, ...rotating() });
    await t.call('auth.lock', {});
    await t.call('auth.lock', {}, 'leaver');
    copyFileSync(kept, join(t.dir, 'taizhang.keyring.json'));
    const asLeaver = await t.raw('auth.unlock', { username: 'leaver', password: PASSWORD }, 'leaver');
    expect(asLeaver.ok).toBe(false);
    const asAdmin = await t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(asAdmin.ok).toBe(false);
    // Offline too: the old slots wrap the retired database key, which the rekeyed file refuses.
    const old = readKeyring(kept);
    const keys = openSlotKeys(old.ledgerId, findSlot(old, 'leaver')!, PASSWORD)!;
    expect(() => openEncrypted(join(t.dir, 'taizhang.db'), keys.dbKey).prepare('SELECT count(*) FROM residents').get()).toThrow();
  });
});
