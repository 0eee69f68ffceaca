/**
 * 修改密码 (auth.changePassword): a signed-in user sets their own password, proving the old one. The new slot holds
 * exactly what the old one held.
 */
import { AppError } from '../errors';
import { findSlot, openSlotKeys, replaceSlot, sameBytes } from '../db/keyring';
import type { RetiredPassword } from '../db/password-history';
import type { HandlersOf } from '../handler-types';
import type { authContract } from './contract';
import * as q from './user-queries';
import { slotKeyMade } from './session-start';
import { refuseUsedPassword } from './password-reuse';

export const passwordChangeHandlers: Pick<HandlersOf<typeof authContract>, 'auth.changePassword'> = {
  'auth.changePassword': (db, input, ctx) => {
    const ledger = ctx.services.ledger;
    const keyring = ledger.keyring();
    const slot = findSlot(keyring, ctx.session.username);
    const keys = slot ? openSlotKeys(keyring.ledgerId, slot, input.oldPassword) : null;
    if (!keys) throw new AppError('WRONG_PASSWORD', '原密码不正确，密码没有修改。');
    keys.dbKey.fill(0);
    let retired: RetiredPassword[];
    try {
      // Nor one this slot had before (issue 19, R1b; the first password after a reset too): checked before anything is written.
      retired = refuseUsedPassword(keyring, ctx.session.username, input.newPassword, {
        field: 'newPassword',
        label: '新密码',
        sameAsCurrent: '「新密码」与原密码相同，请设置一个不同的新密码。',
      });
    } catch (e) {
      keys.sensitiveKey?.fill(0);
      throw e;
    }
    // The first-login change (migration 047): from now on the password is one only this user knows.
    const initialReplaced = q.clearMustChangePassword(db, ctx.session.userId, ctx.clock.nowIso());
    ctx.audit({
      entity: 'user',
      entityId: ctx.session.userId,
      after: { passwordChanged: true, ...(initialReplaced ? { initialPasswordReplaced: true } : {}) },
    });
    // The new slot holds exactly what the old one held: a password change never grants or drops the sensitive key. It
    // pins that key only when it is the one the ledger holds (the unlock counted it); else the next unlock judges it.
    const held = ledger.heldKeys().sensitiveKey;
    const pinned = keys.sensitiveKey && held && sameBytes(held, keys.sensitiveKey) ? keys.sensitiveKey : null;
    // The coordinator key goes on (and is pinned) only when it is the one this coordinator's sign-in counted.
    const heldCoordinator = ctx.session.role === 'coordinator' ? ledger.coordinatorKey() : null;
    const coordinatorKey = keys.coordinatorKey && heldCoordinator && sameBytes(heldCoordinator, keys.coordinatorKey) ? keys.coordinatorKey : null;
    const next = ledger.slotHolding(
      ctx.session.username,
      input.newPassword,
      { dbKey: ledger.currentKey(), sensitiveKey: keys.sensitiveKey, coordinatorKey },
      pinned,
      retired,
    );
    // Vouched only when the old slot held the sensitive key (so it was the program's, not one a viewer wrote for this name).
    slotKeyMade(db, keys.sensitiveKey ? ledger.sealer() : null, next);
    ledger.saveKeyring(replaceSlot(keyring, next));
    keys.sensitiveKey?.fill(0);
    keys.coordinatorKey?.fill(0);
    ctx.services.sessions.passwordChanged(ctx.session.userId);
    return { changed: true };
  },
};
