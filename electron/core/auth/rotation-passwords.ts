/**
 * The passwords every key rotation asks (停用, 改为只读查看, 更换密钥, and a rotation left due, at sign-in): the
 * coordinator's own, to confirm it, and a new one, twice. The rotation makes their slot anew for the new one
 * (keys/rotation.ts): a keyring put back from a leaver's copy holds the slot as it was before, which the new
 * password does not open (session 21 attack run, R1). All checked before anything is written, every scrypt run on
 * libuv's thread pool (as a promotion's confirmation of the own password, auth/promotion.ts); the rekey itself, after
 * them and in the same turn, stays on the core thread (keys/rotation.ts).
 */
import { findSlot, type Keyring } from '../db/keyring';
import { openSlotKeysAsync } from '../db/keyslot-open';
import { AppError } from '../errors';
import type { CoreServices, TaskContext } from '../handler-types';
import { sleep } from '../unlock-throttle';
import { refuseUsedPasswordAsync } from './password-reuse';
import { stillAsJudged } from './as-judged';

/** The coordinator's own password and the new one, as the rotation takes them. */
export interface RotationPasswords {
  password: string;
  newPassword: string;
}

/** As typed in the dialog (the contract checked lengths; on 改为只读查看 they are optional, needed only by a demotion). */
export interface TypedRotationPasswords {
  password?: string | undefined;
  newPassword?: string | undefined;
  newPasswordAgain?: string | undefined;
}

/** The keyring as read, when `secret` opens `username`'s slot in it (one scrypt run, on libuv's pool), else null. */
async function opensOwnSlot(services: CoreServices, username: string, secret: string): Promise<Keyring | null> {
  const keyring = services.ledger.keyring();
  const slot = findSlot(keyring, username);
  const keys = slot ? await openSlotKeysAsync(keyring.ledgerId, slot, secret) : null;
  for (const b of [keys?.dbKey, keys?.sensitiveKey, keys?.coordinatorKey]) b?.fill(0);
  return keys ? keyring : null;
}

/**
 * The coordinator's own password (also a promotion's confirmation), checked in the unlock throttle's queue under their
 * name: a wrong one counts as a wrong sign-in (delayed, audited at the next unlock), so a window left open is no
 * faster way to guess it than the unlock screen. Returns the keyring it was checked on.
 */
export async function confirmOwnPassword(services: CoreServices, username: string, password: string | undefined): Promise<Keyring> {
  if (!password) throw new AppError('WRONG_PASSWORD', '「您的密码」请输入：更换密钥要用它确认。', { fields: ['password'] });
  const { throttle, clock } = services;
  const opened = await throttle.attempt(username, async () => (await opensOwnSlot(services, username, password)) ?? throttle.fail(username, clock.nowIso()));
  if (typeof opened !== 'number') return opened;
  await sleep(opened);
  throw new AppError('WRONG_PASSWORD', '「您的密码」不正确，没有做任何改动。', { fields: ['password'] });
}

/**
 * Both passwords, or the first thing wrong with them, naming its field: the new one missing or typed differently
 * twice (no scrypt run), the own one wrong, the new one opening the slot the own one opens (the same password) or a
 * check of one the slot had before (auth/password-reuse.ts). Every scrypt run on libuv's pool; after the last one, the
 * ledger, this window's session, the keys and the coordinator's slot as they were judged (auth/as-judged.ts), else
 * CONFLICT naming `action` (停用, 更换密钥…), nothing written. The caller rotates in the same turn (no await after).
 */
export async function confirmRotationPasswords(ctx: TaskContext, typed: TypedRotationPasswords, action: string): Promise<RotationPasswords> {
  const { services } = ctx;
  const username = ctx.session.username;
  const { newPassword } = typed;
  if (!newPassword) throw new AppError('BAD_INPUT', '「新密码」请输入：更换密钥后您要用新密码登录。', { fields: ['newPassword'] });
  if (typed.newPasswordAgain !== newPassword)
    throw new AppError('BAD_INPUT', '「再次输入新密码」与「新密码」不一致，没有做任何改动。', { fields: ['newPasswordAgain'] });
  const judged = await confirmOwnPassword(services, username, typed.password);
  // Nor one they had before (issue 19, R1b): the slot the leaver's copy holds opens with it. The rotation carries the history on (keys/rotation.ts).
  await refuseUsedPasswordAsync(judged, username, newPassword, {
    field: 'newPassword',
    label: '新密码',
    sameAsCurrent: '新密码不能与现在的密码相同：「新密码」请另设一个。没有做任何改动。',
  });
  if (!stillAsJudged(ctx, judged, [username])) throw new AppError('CONFLICT', `${action}期间台账在另一个窗口被锁定或改动了，没有做任何改动。请重新输入。`);
  return { password: typed.password!, newPassword };
}
