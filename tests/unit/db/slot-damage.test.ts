/**
 * One account's key slot damaged (db/slot-damage.ts): before, that user's sign-in answered LEDGER_DAMAGED and the unlock
 * screen said 台账无法打开 as if the ledger were lost. Now the reply is ACCOUNT_KEY_DAMAGED naming the account and the way
 * back, the others sign in, and the way named works. Only a keyring with no sound slot left is the ledger's fault.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { accountKeyWayOf } from '../../../electron/core/contract';
import { findSlot, readKeyring, RECOVERY_SLOT, replaceSlot, writeKeyring } from '../../../electron/core/db/keyring';
import type { KeySlot } from '../../../electron/core/db/keyslot';
import { slotLooksSound } from '../../../electron/core/db/slot-damage';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

/** A changed scrypt parameter (N not a power of two): the slot opens under no password. */
const broken = (slot: KeySlot): KeySlot => ({ ...slot, kdf: { ...slot.kdf, N: 1000 } });

/** Every window locked (the core holds the file while one is in), then `names`' slots damaged in the keyring file. */
async function damage(sessions: string[], names: string[]): Promise<void> {
  for (const s of sessions) await t.call('auth.lock', {}, s);
  const path = join(t.dir, 'taizhang.keyring.json');
  let keyring = readKeyring(path);
  for (const n of names) keyring = replaceSlot(keyring, broken(findSlot(keyring, n)!));
  writeKeyring(path, keyring);
}

describe("one account's damaged key slot", () => {
  it("a clerk's: ACCOUNT_KEY_DAMAGED naming them, a coordinator's reset is the way, the others sign in", async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await t.sessionAs('viewer', 'viewer1');
    await damage(['admin', 'clerk1', 'viewer1'], ['clerk1']);
    // Before: LEDGER_DAMAGED, which the unlock screen shows as 台账无法打开.
    const e = await t.fail('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    expect(e.code).toBe('ACCOUNT_KEY_DAMAGED');
    expect(accountKeyWayOf(e)).toBe('reset');
    expect(e.message).toContain('「clerk1」那一项已损坏');
    expect(e.message).toContain('其他用户仍可正常解锁');
    expect(e.message).toContain('设置 › 用户');
    expect((await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1')).user.role).toBe('viewer');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const id = getUserByName(t.core.services.ledger.handle(), 'clerk1')!.id;
    await t.call('users.resetPassword', { id, password: 'new-initial-1' });
    const s = await t.call('auth.unlock', { username: 'clerk1', password: 'new-initial-1' }, 'clerk1');
    expect(s.user.role).toBe('clerk');
  });

  it("the only coordinator's: the recovery key is the way, and it opens the ledger", async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await damage(['admin', 'clerk1'], [ADMIN.username]);
    const e = await t.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(e.code).toBe('ACCOUNT_KEY_DAMAGED');
    expect(accountKeyWayOf(e)).toBe('recovery');
    expect(e.message).toContain('唯一的统筹负责人');
    expect(e.message).toContain('恢复密钥');
    expect((await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1')).user.role).toBe('clerk');
    await t.call('auth.lock', {}, 'clerk1');
    const s = await t.call('auth.recover', { username: ADMIN.username, recoveryKey: t.recoveryKey, newPassword: 'after-recovery-1' });
    expect(s.user.role).toBe('coordinator');
    await t.call('auth.lock', {});
    expect((await t.call('auth.unlock', { username: ADMIN.username, password: 'after-recovery-1' })).user.role).toBe('coordinator');
  });

  it("a coordinator's when another coordinator exists: the other's reset is the way", async () => {
    t = await openTestLedger();
    await t.sessionAs('coordinator', 'coord2');
    await damage(['admin', 'coord2'], ['coord2']);
    const e = await t.fail('auth.unlock', { username: 'coord2', password: PASSWORD }, 'coord2');
    expect(accountKeyWayOf(e)).toBe('reset');
    expect(e.message).toContain('另一位统筹负责人');
  });

  it("the recovery key's own slot: a new recovery key is the way; passwords still open", async () => {
    t = await openTestLedger();
    await damage(['admin'], [RECOVERY_SLOT]);
    const e = await t.fail('auth.recover', { username: ADMIN.username, recoveryKey: t.recoveryKey, newPassword: 'after-recovery-1' });
    expect(e.code).toBe('ACCOUNT_KEY_DAMAGED');
    expect(accountKeyWayOf(e)).toBe('newRecoveryKey');
    expect(e.message).not.toContain(RECOVERY_SLOT);
    expect((await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).user.role).toBe('coordinator');
  });

  it('every slot damaged: the ledger cannot be opened by anyone, said as LEDGER_DAMAGED', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    await damage(['admin', 'viewer1'], [ADMIN.username, 'viewer1', RECOVERY_SLOT]);
    const e = await t.fail('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    expect(e.code).toBe('LEDGER_DAMAGED');
    expect(e.message).toContain('每个账号和恢复密钥的那一项都已损坏');
    expect(accountKeyWayOf(e)).toBeNull();
  });

  it('an unknown name when the first slot is damaged: a wrong name, not that slot named as damaged', async () => {
    t = await openTestLedger();
    await damage(['admin'], [readKeyring(join(t.dir, 'taizhang.keyring.json')).slots[0]!.name]);
    const e = await t.fail('auth.unlock', { username: 'nobody', password: PASSWORD }, 'x');
    expect(e.code).toBe('WRONG_PASSWORD');
  });

  it('a slot as this program writes it looks sound; one without its public key does not', async () => {
    t = await openTestLedger();
    const slot = findSlot(t.core.services.ledger.keyring(), ADMIN.username)!;
    expect(slotLooksSound(slot)).toBe(true);
    const { publicKey: _gone, ...rest } = slot as KeySlot & { publicKey: string };
    expect(slotLooksSound(rest)).toBe(false);
    expect(slotLooksSound(broken(slot))).toBe(false);
  });
});
