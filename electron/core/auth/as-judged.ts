/**
 * The one re-check after a slot write's last scrypt run on libuv's pool (重设密码, 新建, a promotion, a new recovery key,
 * a rotation's password checks): the core answered other windows meanwhile, so before anything is written the ledger
 * is open under the same handle, this window is signed in with the same session, the keys are the same (keyring id:
 * no rotation) and each named slot is the one the runs were judged on (a reset, a recovery, a password change, 停用
 * meanwhile). Any of them changed: the caller writes nothing and answers CONFLICT.
 */
import { findSlot, sameSlot, type Keyring } from '../db/keyring';
import type { TaskContext } from '../handler-types';
import type { UserInfo } from './types.shared';

export function stillAsJudged(ctx: TaskContext, judged: Keyring, slotNames: readonly string[]): boolean {
  const ledger = ctx.services.ledger;
  if (!ledger.isOpen() || ledger.handle() !== ctx.read) return false;
  if (ctx.services.sessions.get(ctx.session.sessionId) !== ctx.session) return false;
  const now = ledger.keyring();
  return now.keyId === judged.keyId && slotNames.every((name) => sameSlot(findSlot(now, name), findSlot(judged, name)));
}

/** The same account as read before the runs: not re-roled, renamed or disabled meanwhile. */
export const sameUser = (a: UserInfo | undefined, b: UserInfo): boolean =>
  a !== undefined && a.username === b.username && a.role === b.role && a.disabled === b.disabled;
