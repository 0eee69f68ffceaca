/**
 * 重设密码 (users.resetPassword): a coordinator gives a user who forgot their password a new initial one; the user
 * sets their own at the next unlock (migration 047). Its scrypt runs (the password-history checks, up to MAX_RETIRED + 1,
 * and the new slot's key) are on libuv's thread pool, so the core answers other windows meanwhile. What they were judged
 * on is looked at again after the last of them, before anything is written: the ledger open under the same handle,
 * this window's session, the user's row and slot as read (a rotation, another reset, a recovery, 停用 meanwhile:
 * CONFLICT, nothing written). Then one write: the rows, the audit row, the keyring last (remakeSlot). Never awaited
 * inside the transaction.
 */
import { AppError } from '../errors';
import { deriveNewSecret } from '../db/slot-wrap';
import type { HandlersOf } from '../handler-types';
import type { authContract } from './contract';
import * as q from './user-queries';
import { refuseUsedPasswordAsync } from './password-reuse';
import { endSessionsAfterReset, remakeSlot } from './user-handlers';
import { keyringLastIn } from './slot-row';
import { sameUser, stillAsJudged } from './as-judged';

const CHANGED_MEANWHILE = '重设密码期间台账在另一个窗口被锁定或改动了，密码没有重设。请重新输入。';

export const passwordResetHandlers: Pick<HandlersOf<typeof authContract>, 'users.resetPassword'> = {
  'users.resetPassword': async (input, ctx) => {
    const ledger = ctx.services.ledger;
    const before = q.getUser(ctx.read, input.id);
    if (!before) throw new AppError('NOT_FOUND', '找不到这个用户。');
    if (before.disabled) throw new AppError('CONFLICT', '这个账号已停用，不能重设密码。需要时请为他另建账号。');
    if (before.id === ctx.session.userId) throw new AppError('CONFLICT', '自己的密码请在「设置 › 我的账号」修改。');
    // Not one the user had (issue 19, R1b), from the keyring as it is: the coordinator cannot open the user's slot.
    const judged = ledger.keyring();
    const retired = await refuseUsedPasswordAsync(judged, before.username, input.password, {
      field: 'password',
      label: '新的初始密码',
      whose: '这个账号',
    });
    const secret = await deriveNewSecret(input.password, ledger.kdf);
    try {
      // After the last await: the ledger, the window, the user and their slot as they were judged.
      if (!stillAsJudged(ctx, judged, [before.username])) throw new AppError('CONFLICT', CHANGED_MEANWHILE);
      // A failure at the commit, after the keyring was saved, puts the keyring back (slot-row.ts).
      const after = keyringLastIn(ledger, () =>
        ctx.write((db, audit) => {
          const user = q.getUser(db, input.id);
          if (!sameUser(user, before)) throw new AppError('CONFLICT', CHANGED_MEANWHILE);
          audit({ entity: 'user', entityId: before.id, after: { passwordReset: true, mustChangePassword: true } });
          // The slot last, once its rows are written: a reset whose rows fail leaves the old password (fourth attack run).
          remakeSlot(db, ctx, user!, secret, user!.role, retired);
          return q.getUser(db, before.id)!;
        }),
      );
      endSessionsAfterReset(ctx.services, before.id, 'coordinator');
      return after;
    } finally {
      secret.wrapKey.fill(0);
    }
  },
};
