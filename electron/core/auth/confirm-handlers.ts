/**
 * The two confirmations of the upgrade to coordinator keys (auth/coordinator-upgrade.ts; issue 19, CR1-U): the first
 * coordinator's own, with the recovery key, from the sign-in notice; and each other table coordinator's, by a
 * listed coordinator on 设置 › 用户.
 */
import { AppError } from '../errors';
import { RECOVERY_SLOT } from '../db/keyring';
import type { HandlersOf } from '../handler-types';
import type { authContract } from './contract';
import { confirmedCoordinator, confirmFirstCoordinator, dropFirstConfirmation, openFirstConfirmation, unconfirmedCoordinators } from './coordinator-upgrade';
import { audited, sessionInfo, settleFailures, throttled, wrong } from './session-start';
import * as q from './user-queries';
import { endSessionsAfterReset, endSessionsOf, remakeSlot, usedPasswordsOf } from './user-handlers';
import { unacknowledgedConfirmation } from './confirmed-notice';
import { checkRecoverySheet } from './recovery-sheet-check';
import { dueRotationAtUnlock } from './keys';
import { refuseKeyNotFromPin } from './coordinator-key';

type ConfirmChannels = Pick<
  typeof authContract,
  'auth.confirmCoordinator' | 'users.confirmCoordinator' | 'auth.checkRecoveryKey' | 'auth.acknowledgeConfirmation'
>;

export const confirmHandlers: HandlersOf<ConfirmChannels> = {
  // In the recovery key's throttle queue: the form is one more place to try recovery keys, so it waits as auth.recover does.
  // Its scrypt runs (auth/coordinator-upgrade.ts openFirstConfirmation) are on libuv's thread pool, in that turn.
  'auth.confirmCoordinator': (input, ctx) =>
    throttled(ctx, RECOVERY_SLOT, async () => {
      const session = ctx.session!;
      const ledger = ctx.services.ledger;
      const db = ledger.handle();
      const user = q.getUser(db, session.userId);
      if (!user || !session.sensitive || session.keyNotice?.case !== 'confirm') throw new AppError('CONFLICT', '这次登录不需要用恢复密钥确认统筹负责人身份。');
      const opened = await openFirstConfirmation(ledger, db, user, input.recoveryKey, input.password);
      if ('refused' in opened) return wrong(ctx, RECOVERY_SLOT, opened.refused === 'recovery' ? '恢复密钥' : '您的密码');
      // After the last await: this window still signed in as it was (the ledger and the slots: confirmFirstCoordinator).
      if (ctx.services.sessions.get(ctx.sessionId) !== session) {
        dropFirstConfirmation(opened.ready);
        throw new AppError('CONFLICT', '确认期间这个窗口已锁定，没有确认。请重新登录后再确认。');
      }
      const key = confirmFirstCoordinator(ledger, db, opened.ready, ctx.clock.nowIso());
      ledger.holdCoordinatorKey(key);
      key.fill(0);
      // This session is the coordinator's from now on; other windows of table coordinators sign in again.
      session.role = 'coordinator';
      session.keyNotice = null;
      audited(db, ctx, user, 'auth.confirmCoordinator', 'user', { coordinatorConfirmed: true, by: 'recovery-key' });
      settleFailures(ctx, db, user, RECOVERY_SLOT);
      // A rotation left due (e.g. marked by restoring a backup from before the upgrade) is asked for now, as at a
      // coordinator's sign-in (session 25's closing note): the session stops at 设置新密码 (auth.finishRotation).
      session.rotationDue = dueRotationAtUnlock(ctx.services, session);
      return { ok: sessionInfo(ctx, db, user, null) };
    }),

  'users.confirmCoordinator': (db, input, ctx) => {
    const user = q.getUser(db, input.id);
    const ledger = ctx.services.ledger;
    const pending = unconfirmedCoordinators(db, ledger.keyring().ledgerId, ledger.coordinatorKey());
    if (!user || !pending.some((u) => u.id === user.id)) throw new AppError('CONFLICT', '这个账号不在「待确认的统筹负责人」里，无需确认。');
    if (input.confirm && !input.initialPassword)
      throw new AppError('BAD_INPUT', '「新的初始密码」请输入：确认为统筹负责人时要为他重设密码，他用这个密码登录一次后再设自己的密码。', {
        fields: ['initialPassword'],
      });
    const retired = input.confirm ? usedPasswordsOf(ctx, user, input.initialPassword!, 'initialPassword') : [];
    // Before confirmedCoordinator writes the list: remakeSlot checks it again, after.
    if (input.confirm) refuseKeyNotFromPin(ledger.keyring(), user, ledger.coordinatorKey(), { db, sealer: ctx.sealer });
    confirmedCoordinator(db, ledger, user, input.confirm, ctx.clock.nowIso());
    ctx.audit({
      entity: 'user',
      entityId: user.id,
      after: input.confirm ? { coordinatorConfirmed: true, passwordReset: true } : { role: 'clerk', coordinatorNotConfirmed: true },
    });
    // The slot as found may be one a clerk swapped in (CR1-U3): made anew with the password the coordinator gives them in person.
    if (input.confirm) remakeSlot(db, ctx, user, input.initialPassword!, 'coordinator', retired);
    if (input.confirm) endSessionsAfterReset(ctx.services, user.id, 'coordinator');
    else endSessionsOf(ctx.services, user.id, 'role-changed');
    return { sealed: input.confirm };
  },

  // CR1-U2: the confirmed coordinator's own check of the office's sheet, and their acknowledgement of the notice.
  'auth.checkRecoveryKey': (input, ctx) => checkRecoverySheet(ctx, input.recoveryKey),

  'auth.acknowledgeConfirmation': (db, _input, ctx) => {
    if (!unacknowledgedConfirmation(db, ctx.session.userId)) throw new AppError('CONFLICT', '没有需要您确认看过的统筹负责人确认提示。');
    ctx.audit({ entity: 'user', entityId: ctx.session.userId, after: { confirmationSeen: true, recoverySheet: ctx.session.recoverySheet ?? 'not-checked' } });
    return { acknowledged: true };
  },
};
