/**
 * Seventeenth attack run (session 31): an older keyring put back, or read offline, after the change that was meant to
 * void what it holds (docs/security/attack-run-session31.md).
 *
 * S31-A1: 生成新的恢复密钥 replaced the recovery slot in the keyring file and nothing else (users.newRecoveryKey, gone):
 * the database key and the sensitive key stayed. 设置 › 密钥 said 「生成后旧的恢复密钥立即作废」. But every copy of the
 * keyring made before (each backup folder carries one, the daily backups, the USB stick) still held the old sheet's
 * slot, and it opened with the old sheet to today's keys. Fixed (w50-keys): 生成新的恢复密钥 is a door into 更换密钥's
 * rotation (users.rotateKeys: new keys, every sealed column re-sealed, the file rekeyed, a new sheet; the same
 * passwords asked), so the old sheet opens only the retired keys. Both tests below were it.fails before.
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
 * under the keys of today. Returns both sheets, the backup's folder and the later resident's id; every window locked.
 */
async function newSheetAfterBackup(): Promise<{ oldSheet: string; newSheet: string; backup: string; laterId: number }> {
  stick = mkdtempSync(join(tmpdir(), 'taizhang-s31-sheet-'));
  t = await openTestLedger();
  const c = await t.call('org.communities.save', { name: '幸福社区' });
  await t.call('residents.save', { communityId: c.id, name: '老住户', idNumber: '410105199001011233', phone: '13912345678' });
  const b = await t.call('backup.create', { folder: await t.choose('folder', stick) });
  const oldSheet = t.recoveryKey;
  // 设置 › 用户 › 密钥 › 生成新的恢复密钥: the dialog asks what 更换密钥's asks, and runs its rotation.
  const { recoveryKey } = await t.call('users.rotateKeys', rotating());
  expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
  expect(recoveryKey).not.toBe(oldSheet);
  const later = await t.call('residents.save', { communityId: c.id, name: '新住户', idNumber: LATER_ID, phone: '13800001111' });
  await t.call('auth.lock', {});
  return { oldSheet, newSheet: recoveryKey!, backup: b.path, laterId: later.id };
}

describe('S31-A1: the recovery sheet 生成新的恢复密钥 was meant to void', () => {
  // S31-A1: the backup's keyring and the old sheet opened today's ledger offline, every ID number with it.
  it('offline: the backup’s keyring with the old sheet opens nothing saved after the new sheet', async () => {
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
    // Red before the fix: '410105198502021232', the ID number saved after the new sheet, read with the void one.
    expect(opened).toBeNull();
  });

  // S31-A1, online: the backup's keyring copied back beside today's database (a file copy; a viewer can), the old sheet
  // through 忘记密码: RK1's checks (auth/put-back.ts) saw no rotation and a key that opened every value (it was today's
  // key), so the recovery went through: the coordinator's account taken with a password of the attacker's. Now the
  // keyring's database key is the retired one, which the rekeyed file refuses.
  it('online: the backup’s keyring put back, the old sheet does not take the coordinator’s account', async () => {
    const { oldSheet, backup } = await newSheetAfterBackup();
    copyFileSync(join(backup, 'taizhang.keyring.json'), join(t.dir, 'taizhang.keyring.json'));
    const r = await t.raw('auth.recover', { username: ADMIN.username, recoveryKey: oldSheet, newPassword: 'taken-over-77' });
    // Red before the fix: ok, role coordinator, the sensitive key held, no notice.
    expect(r.ok).toBe(false);
  });

  it('the control: the new sheet, with today’s keyring, opens today’s ledger and the ID number saved after it', async () => {
    const { oldSheet, newSheet, backup, laterId } = await newSheetAfterBackup();
    const now = readKeyring(join(t.dir, 'taizhang.keyring.json'));
    expect(now.keyId).not.toBe(readKeyring(join(backup, 'taizhang.keyring.json')).keyId);
    expect(openSlotKeys(now.ledgerId, findSlot(now, RECOVERY_SLOT)!, normaliseRecoveryKey(oldSheet))).toBeNull();
    const keys = openSlotKeys(now.ledgerId, findSlot(now, RECOVERY_SLOT)!, normaliseRecoveryKey(newSheet))!;
    const db = openEncrypted(join(t.dir, 'taizhang.db'), keys.dbKey);
    const row = db.prepare(`SELECT id_number_sealed AS s FROM residents WHERE id = ?`).get(laterId) as { s: Buffer };
    expect(makeSealer(keys.sensitiveKey!).open('residents.id_number', row.s)).toBe(LATER_ID);
    db.close();
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
