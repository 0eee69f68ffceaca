/**
 * Eleventh attack run (session 25, docs/security/attack-run-session25.md), phase 2: CR1-U's fix (auth/coordinator-upgrade.ts).
 * The upgrade makes the coordinator key only with the recovery key, for the first table coordinator; the others are
 * confirmed on 设置 › 用户. Attacked as the clerk with the files (they hold the database and sensitive keys: the users
 * table, the role seals and the keyring are theirs to write) and as a compromised renderer calling the channels.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { vouchRole } from '../../../electron/core/auth/vouched-roles';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import {
  findSlot,
  newRecoveryKey,
  normaliseRecoveryKey,
  openSlotKeys,
  readKeyring,
  RECOVERY_SLOT,
  replaceSlot,
  writeKeyring,
} from '../../../electron/core/db/keyring';
import { isV2, makeSlot, openSlot, sealKeyToSlot, type KeySlot } from '../../../electron/core/db/keyslot';
import { vouchSlotKey } from '../../../electron/core/auth/slot-keys';
import { openEncrypted } from '../../../electron/core/db/open';
import { makeSealer } from '../../../electron/core/db/sealer';
import { asWriteDb } from '../../../electron/core/db/types';
import { ADMIN, PASSWORD, openTestLedger, rotating, TEST_KDF, type TestLedger } from '../../helpers/ledger';

/** This file's coordinator-key mode, given to every core it makes: `make` false while a ledger is made as the version before coordinator keys did. */
const keyMode = { make: true, rolesAsFound: false };

let t: TestLedger;
/** The recovery slot of the office's sheet, as it was before the clerk replaced it (clerkPreparedBeforeUpgrade). */
let officeRecoverySlot: KeySlot;
afterEach(() => {
  keyMode.make = true;
  t?.close();
});

const keyringPath = () => join(t.dir, 'taizhang.keyring.json');
const unlock = (username: string, password = PASSWORD) => t.call('auth.unlock', { username, password }, username === ADMIN.username ? 'admin' : username);
const idOf = (username: string) => getUserByName(t.core.services.ledger.handle(), username)!.id;

/**
 * A ledger made before coordinator keys with a clerk 'clerk1' and a viewer; offline with their own password the clerk
 * writes 'coordinator' into their row (role seal re-made) and, when `ownRecovery`, puts a recovery slot of a recovery
 * key of their own in the keyring (the keys of the day in it). Returns that recovery key.
 */
async function clerkPreparedBeforeUpgrade(ownRecovery: boolean): Promise<string> {
  keyMode.make = false;
  t = await openTestLedger({ core: { coordinatorKeys: keyMode } });
  await t.sessionAs('clerk', 'clerk1');
  await t.sessionAs('viewer', 'viewer1');
  for (const s of ['admin', 'clerk1', 'viewer1']) await t.call('auth.lock', {}, s);
  const keyring = readKeyring(keyringPath());
  const keys = openSlotKeys(keyring.ledgerId, findSlot(keyring, 'clerk1')!, PASSWORD)!;
  const db = openEncrypted(join(t.dir, 'taizhang.db'), keys.dbKey);
  db.prepare(`UPDATE users SET role = 'coordinator' WHERE username = 'clerk1'`).run();
  vouchRole(asWriteDb(db), makeSealer(keys.sensitiveKey!), getUserByName(db, 'clerk1')!);
  db.close();
  const mine = newRecoveryKey();
  if (ownRecovery) {
    officeRecoverySlot = findSlot(keyring, RECOVERY_SLOT)!;
    const slot = makeSlot(keyring.ledgerId, RECOVERY_SLOT, normaliseRecoveryKey(mine), { dbKey: keys.dbKey, sensitiveKey: keys.sensitiveKey }, TEST_KDF);
    writeKeyring(keyringPath(), replaceSlot(keyring, slot));
  }
  keyMode.make = true;
  return mine;
}

describe('CR1-U’s fix (eleventh run): the first coordinator confirmed with the recovery key', () => {
  it('the clerk’s forged role: signs in as 录入员, a made-up recovery key refused; the real coordinator confirms, a replay and the clerk after it refused', async () => {
    await clerkPreparedBeforeUpgrade(false);
    expect(await unlock('clerk1')).toMatchObject({ user: { role: 'clerk' }, keyNotice: { case: 'confirm' } });
    expect((await t.fail('auth.confirmCoordinator', { recoveryKey: newRecoveryKey(), password: PASSWORD }, 'clerk1')).code).toBe('WRONG_PASSWORD');
    await unlock(ADMIN.username, ADMIN.password);
    await t.call('auth.confirmCoordinator', { recoveryKey: t.recoveryKey, password: ADMIN.password });
    expect((await t.fail('auth.confirmCoordinator', { recoveryKey: t.recoveryKey, password: ADMIN.password })).code).toBe('CONFLICT');
    // Even with the real sheet (taken from the drawer), once the key exists the clerk is refused; the admin is asked about them.
    expect((await t.fail('auth.confirmCoordinator', { recoveryKey: t.recoveryKey, password: PASSWORD }, 'clerk1')).code).toBe('CONFLICT');
    expect((await t.call('users.keyStatus', {})).unconfirmedCoordinators).toEqual([{ id: idOf('clerk1'), name: '测试clerk' }]);
  });

  it('a compromised renderer: a clerk or a viewer calling users.confirmCoordinator, a viewer auth.confirmCoordinator', async () => {
    await clerkPreparedBeforeUpgrade(false);
    await unlock('clerk1');
    await unlock('viewer1');
    for (const s of ['clerk1', 'viewer1']) expect((await t.fail('users.confirmCoordinator', { id: idOf('clerk1'), confirm: true }, s)).code).toBe('FORBIDDEN');
    expect((await t.fail('auth.confirmCoordinator', { recoveryKey: t.recoveryKey, password: PASSWORD }, 'viewer1')).code).toBe('FORBIDDEN');
  });

  // CR1-U2, FOUND on CR1-U's fix (auth/coordinator-upgrade.ts). The fix's stated limit: a clerk who put a recovery
  // slot of their own in the keyring before anyone confirmed confirms themselves, and "the real coordinator then sees
  // it: their sheet no longer opens the recovery slot, and their notice names who is listed". But the clerk, now the
  // listed coordinator, confirmed the real one on 设置 › 用户 (sealed: true): the real coordinator's next sign-in was
  // 统筹负责人 with no notice at all, and the list named both. Since c3adaad (CR1-U3's fix) a confirmation gives the
  // confirmed user a new initial password: the real coordinator's own password stops opening the ledger, which is
  // the tell (plain `it`). Closed by w42-cr1u2 (auth/confirmed-notice.ts, recovery-sheet-check.ts): signed in with the
  // clerk's initial password they are told who confirmed first and who is listed, and the office's sheet, checked on
  // that screen, does not pass (it was `it.fails`, red as plain `it` before: keyNotice null, nothing else said).
  async function clerkConfirmsBoth(): Promise<void> {
    const mine = await clerkPreparedBeforeUpgrade(true);
    await unlock('clerk1');
    expect((await t.call('auth.confirmCoordinator', { recoveryKey: mine, password: PASSWORD }, 'clerk1')).user.role).toBe('coordinator');
    await t.call('users.confirmCoordinator', { id: idOf(ADMIN.username), confirm: true, initialPassword: 'from-clerk-123' }, 'clerk1');
    await t.call('auth.lock', {}, 'clerk1');
  }

  it('the stated limit: after the clerk confirms themselves and then the real coordinator, the real coordinator’s own password no longer opens (CR1-U2, loud since c3adaad)', async () => {
    await clerkConfirmsBoth();
    expect((await t.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).code).toBe('WRONG_PASSWORD');
  });

  it('the stated limit: signed in with the initial password the clerk gave, the real coordinator is told who confirmed first, and the office’s sheet does not pass (CR1-U2, closed)', async () => {
    await clerkConfirmsBoth();
    const admin = await unlock(ADMIN.username, 'from-clerk-123');
    // Before: role 'coordinator', keyNotice null and nothing else; users.list: admin and clerk1 both 统筹负责人.
    expect(admin.confirmedBy).toMatchObject({
      by: { username: 'clerk1' },
      first: { name: '测试clerk', username: 'clerk1' },
      coordinators: expect.arrayContaining([{ name: '测试clerk', notAsCoordinator: true }]),
    });
    expect(admin.confirmedBy!.message).toContain('本台账第一位确认的统筹负责人是测试clerk（账号 clerk1）');
    expect(admin.confirmedBy!.message).toContain('测试clerk（操作日志里最后记下的角色不是统筹负责人）');
    const check = await t.call('auth.checkRecoveryKey', { recoveryKey: t.recoveryKey });
    expect(check).toMatchObject({ opens: false });
    expect(check.message).toContain('有人用另一张恢复密钥把自己确认成了统筹负责人');
  });

  it('the clerk, holding every key after CR1-U2, puts the office’s old recovery slot back with the coordinator key sealed in by public key: the sheet still does not pass', async () => {
    await clerkConfirmsBoth();
    const original = officeRecoverySlot;
    const keyring = readKeyring(keyringPath());
    const own = openSlot(keyring.ledgerId, findSlot(keyring, 'clerk1')!, PASSWORD)!;
    expect(own.coordinatorKey).toBeTruthy();
    const putBack = isV2(original) ? sealKeyToSlot(keyring.ledgerId, original, 'coordinator', own.coordinatorKey!) : original;
    writeKeyring(keyringPath(), replaceSlot(keyring, putBack));
    // The office's sheet opens that slot (the database key of the day), but the slot pins no coordinator key.
    expect(openSlotKeys(keyring.ledgerId, putBack, normaliseRecoveryKey(t.recoveryKey))).not.toBeNull();
    await unlock(ADMIN.username, 'from-clerk-123');
    expect((await t.call('auth.checkRecoveryKey', { recoveryKey: t.recoveryKey })).opens).toBe(false);
  });

  it('a ledger that lost its sheet: the table coordinator stays 录入员 and is told so (the fix’s stated choice)', async () => {
    keyMode.make = false;
    t = await openTestLedger({ core: { coordinatorKeys: keyMode } });
    await t.call('auth.lock', {});
    keyMode.make = true;
    const info = await unlock(ADMIN.username, ADMIN.password);
    expect(info).toMatchObject({ user: { role: 'clerk' }, keyNotice: { case: 'confirm' } });
    expect(info.keyNotice!.message).toContain('找不到恢复密钥时');
    expect((await t.fail('users.list', {})).code).toBe('FORBIDDEN');
    expect((await t.fail('users.rotateKeys', rotating())).code).toBe('FORBIDDEN');
  });

  // CR1-U3, FOUND and left (auth/coordinator-upgrade.ts confirmedCoordinator, w41-cr1u's; the lead told). A table
  // coordinator of before the upgrade waits to be confirmed on 设置 › 用户. The clerk, offline, replaces that user's
  // slot with one of a password the clerk chose and vouches its public key with the sensitive key they hold (nothing
  // in users.keyStatus flags it). The real coordinator confirms the colleague they know: the key is sealed to the
  // clerk's slot by public key (sealed: true). The clerk signs in as that user, 统筹负责人 with no notice, and resets
  // the real coordinator's password. The only tell: the colleague's own password fails, whenever they next sign in.
  // Fixed by w41-cr1u: the confirmation makes the slot anew with an initial password the coordinator gives in person.
  it('a pending coordinator’s slot swapped by the clerk before the confirmation: the confirmation does not hand the clerk the key (CR1-U3, fixed)', async () => {
    keyMode.make = false;
    t = await openTestLedger({ core: { coordinatorKeys: keyMode } });
    await t.sessionAs('coordinator', 'deputy');
    await t.sessionAs('clerk', 'clerk1');
    for (const s of ['admin', 'deputy', 'clerk1']) await t.call('auth.lock', {}, s);
    keyMode.make = true;
    await unlock(ADMIN.username, ADMIN.password);
    await t.call('auth.confirmCoordinator', { recoveryKey: t.recoveryKey, password: ADMIN.password });
    await t.call('auth.lock', {});
    const keyring = readKeyring(keyringPath());
    const keys = openSlotKeys(keyring.ledgerId, findSlot(keyring, 'clerk1')!, PASSWORD)!;
    const swapped = makeSlot(keyring.ledgerId, 'deputy', 'clerk-knows-1', { dbKey: keys.dbKey, sensitiveKey: keys.sensitiveKey }, TEST_KDF);
    writeKeyring(keyringPath(), replaceSlot(keyring, swapped));
    const db = openEncrypted(join(t.dir, 'taizhang.db'), keys.dbKey);
    vouchSlotKey(asWriteDb(db), makeSealer(keys.sensitiveKey!), swapped);
    db.close();
    await unlock(ADMIN.username, ADMIN.password);
    await t.call('users.confirmCoordinator', { id: idOf('deputy'), confirm: true, initialPassword: 'confirmed-init-1' });
    await t.call('auth.lock', {});
    const asDeputy = await t.raw('auth.unlock', { username: 'deputy', password: 'clerk-knows-1' }, 'deputy');
    // Before the fix: ok, 统筹负责人, keyNotice null; users.resetPassword of the admin then answered ok.
    expect(asDeputy.ok === true && (asDeputy.value as { user: { role: string } }).user.role).not.toBe('coordinator');
  });
});
