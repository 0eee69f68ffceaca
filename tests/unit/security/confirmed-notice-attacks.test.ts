/**
 * Twelfth attack run (session 26, docs/security/attack-run-session26.md), phase 2 on CR1-U2's fix (bf97f2f: a coordinator
 * confirmed on 设置 › 用户 by someone else is told once who confirmed them and who first, auth/confirmed-notice.ts, and
 * can check the office's recovery sheet, auth/recovery-sheet-check.ts). Setup as coordinator-confirm-attacks.test.ts:
 * a ledger made before coordinator keys; the clerk wrote 'coordinator' into their row and put a recovery slot of a
 * recovery key of their own in the keyring before the upgrade, then confirmed themselves with it (the stated limit).
 * From there the clerk is a listed coordinator holding every key. Can they keep the real coordinator (admin) from
 * being told, or from the tell?
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../../electron/core/audit/audit-log';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import { vouchRole } from '../../../electron/core/auth/vouched-roles';
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
import { makeSlot } from '../../../electron/core/db/keyslot';
import { openEncrypted } from '../../../electron/core/db/open';
import { makeSealer } from '../../../electron/core/db/sealer';
import { asWriteDb } from '../../../electron/core/db/types';
import { ADMIN, PASSWORD, openTestLedger, TEST_KDF, type TestLedger } from '../../helpers/ledger';

/** This file's coordinator-key mode, given to every core it makes: `make` false while a ledger is made as the version before coordinator keys did. */
const keyMode = { make: true, rolesAsFound: false };

let t: TestLedger;
afterEach(() => {
  keyMode.make = true;
  t?.close();
});

const keyringPath = () => join(t.dir, 'taizhang.keyring.json');
const unlock = (username: string, password = PASSWORD) => t.call('auth.unlock', { username, password }, username === ADMIN.username ? 'admin' : username);
const idOf = (username: string) => getUserByName(t.core.services.ledger.handle(), username)!.id;

/** The clerk's preparation before the upgrade and their own confirmation after it; returns their recovery key. */
async function clerkConfirmedThemselves(): Promise<string> {
  keyMode.make = false;
  t = await openTestLedger({ core: { coordinatorKeys: keyMode } });
  await t.sessionAs('clerk', 'clerk1');
  for (const s of ['admin', 'clerk1']) await t.call('auth.lock', {}, s);
  const keyring = readKeyring(keyringPath());
  const keys = openSlotKeys(keyring.ledgerId, findSlot(keyring, 'clerk1')!, PASSWORD)!;
  const db = openEncrypted(join(t.dir, 'taizhang.db'), keys.dbKey);
  db.prepare(`UPDATE users SET role = 'coordinator' WHERE username = 'clerk1'`).run();
  vouchRole(asWriteDb(db), makeSealer(keys.sensitiveKey!), getUserByName(db, 'clerk1')!);
  db.close();
  const mine = newRecoveryKey();
  const slot = makeSlot(keyring.ledgerId, RECOVERY_SLOT, normaliseRecoveryKey(mine), { dbKey: keys.dbKey, sensitiveKey: keys.sensitiveKey }, TEST_KDF);
  writeKeyring(keyringPath(), replaceSlot(keyring, slot));
  keyMode.make = true;
  await unlock('clerk1');
  expect((await t.call('auth.confirmCoordinator', { recoveryKey: mine, password: PASSWORD }, 'clerk1')).user.role).toBe('coordinator');
  return mine;
}

describe('CR1-U2’s notice, attacked by the clerk who confirmed themselves', () => {
  it('a 重设密码 instead of the confirmation: admin runs as 录入员 and is told the list names only the clerk (held, loud)', async () => {
    await clerkConfirmedThemselves();
    await t.call('users.resetPassword', { id: idOf(ADMIN.username), password: 'from-clerk-123' }, 'clerk1');
    await t.call('auth.lock', {}, 'clerk1');
    const admin = await unlock(ADMIN.username, 'from-clerk-123');
    expect(admin.user.role).toBe('clerk');
    expect(admin.keyNotice).toMatchObject({ case: 'unvouched' });
    expect(admin.keyNotice!.message).toContain('名单上现在的统筹负责人是：测试clerk');
  });

  // CR1-U2b, FOUND: the notice is keyed on users.confirmCoordinator's audit row. The clerk, a listed coordinator,
  // makes the pending admin 录入员 and then 统筹负责人 again on 设置 › 用户 (users.update twice): the promotion seals
  // the clerk's coordinator key to admin's real slot, whose password is admin's own. admin signs in with their own
  // password as 统筹负责人: keyNotice null, confirmedBy null; the only words are a rotation due 「王建国不再是统筹负责人」
  // (the demotion's), which admin finishes. Red as plain it: confirmedBy null.
  it('CR1-U2b: a demotion and promotion instead of the confirmation: admin is told who confirmed first (closed by w42-cr1u2, 79dc511)', async () => {
    await clerkConfirmedThemselves();
    await t.call('users.update', { id: idOf(ADMIN.username), role: 'clerk' }, 'clerk1');
    await t.call('users.update', { id: idOf(ADMIN.username), role: 'coordinator' }, 'clerk1');
    await t.call('auth.lock', {}, 'clerk1');
    const admin = await unlock(ADMIN.username, ADMIN.password);
    expect([admin.user.role, admin.keyNotice]).toEqual(['coordinator', null]);
    expect(admin.confirmedBy).not.toBeNull();
  });

  // CR1-U2c, FOUND: the clerk set admin's initial password, so the clerk can be admin until admin first signs in:
  // signed in with it, the clerk checks the sheet with their own recovery key (opens: it is the sheet of the key in
  // use), sets a password, acknowledges the notice (audited recoverySheet 'opens'), then gives admin a 重设密码 ("the
  // first one I gave you was mistyped"). admin signs in with it: 统筹负责人, keyNotice null, confirmedBy null. Red as
  // plain it: confirmedBy null. A fix: an acknowledgement counts only when no 重设密码 of that user came after it.
  it('CR1-U2c: the clerk acknowledges the notice as admin with the initial password they set, then resets it: admin is still told (closed by w42-cr1u2, 79dc511)', async () => {
    const mine = await clerkConfirmedThemselves();
    await t.call('users.confirmCoordinator', { id: idOf(ADMIN.username), confirm: true, initialPassword: 'from-clerk-123' }, 'clerk1');
    await unlock(ADMIN.username, 'from-clerk-123');
    expect(await t.call('auth.checkRecoveryKey', { recoveryKey: mine })).toMatchObject({ opens: true });
    await t.call('auth.changePassword', { oldPassword: 'from-clerk-123', newPassword: 'clerk-chose-9' });
    await t.call('auth.acknowledgeConfirmation', {});
    await t.call('auth.lock', {});
    await t.call('users.resetPassword', { id: idOf(ADMIN.username), password: 'second-init-1' }, 'clerk1');
    await t.call('auth.lock', {}, 'clerk1');
    const admin = await unlock(ADMIN.username, 'second-init-1');
    expect([admin.user.role, admin.keyNotice]).toEqual(['coordinator', null]);
    expect(admin.confirmedBy).not.toBeNull();
  });

  // CR1-U2d, FOUND (stated in confirmed-notice.ts: the words rest on rows a key holder can write): offline, with the
  // database key every clerk holds, one audit row auth.acknowledgeConfirmation for admin appended to the hash chain
  // (unkeyed: appendAudit recomputes it). admin signs in with the initial password: confirmedBy null. Red as plain
  // it: confirmedBy null. The notice's being shown at all rests on those rows; the sheet check is never offered.
  it('CR1-U2d: an acknowledgement row appended offline: admin is still told (closed for this row by w42-cr1u2, 79dc511: an acknowledgement counts only after the user set their own password)', async () => {
    await clerkConfirmedThemselves();
    await t.call('users.confirmCoordinator', { id: idOf(ADMIN.username), confirm: true, initialPassword: 'from-clerk-123' }, 'clerk1');
    const adminId = idOf(ADMIN.username);
    const at = t.clock.nowIso();
    await t.call('auth.lock', {}, 'clerk1');
    const keyring = readKeyring(keyringPath());
    const keys = openSlotKeys(keyring.ledgerId, findSlot(keyring, 'clerk1')!, PASSWORD)!;
    const db = openEncrypted(join(t.dir, 'taizhang.db'), keys.dbKey);
    const entry = { at, userId: adminId, username: 'admin', channel: 'auth.acknowledgeConfirmation', entity: 'user', entityId: adminId };
    appendAudit(asWriteDb(db), { ...entry, after: { confirmationSeen: true, recoverySheet: 'opens' } }, makeSealer(keys.sensitiveKey!));
    db.close();
    const admin = await unlock(ADMIN.username, 'from-clerk-123');
    expect([admin.user.role, admin.anchorFinding]).toEqual(['coordinator', null]);
    expect(admin.confirmedBy).not.toBeNull();
  });
});
