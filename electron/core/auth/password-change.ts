/**
 * 修改密码 (auth.changePassword): a signed-in user sets their own password, proving the old one. The new slot holds
 * exactly what the old one held. Any signed-in user can send it, a viewer too, as often as they like: its scrypt runs
 * (the old slot opened, in the unlock throttle's turn; the password-history checks; the new slot's key: up to eight)
 * are on libuv's thread pool, so the core answers other channels meanwhile. What they were judged on is looked at
 * again after the last of them, before anything is written: the ledger open under the same handle, this window's
 * session, this user's slot as opened (a rotation's reseal, a reset, another change meanwhile: CONFLICT, nothing
 * written). Nothing awaited inside the transaction.
 */
import { AppError } from '../errors';
import { findSlot, replaceSlot, sameBytes, sameSlot, type Keyring, type KeySlot, type SlotKeys } from '../db/keyring';
import { openSlotKeysAsync } from '../db/keyslot-open';
import { deriveNewSecret, type NewSecret } from '../db/slot-wrap';
import type { HandlersOf } from '../handler-types';
import type { authContract } from './contract';
import * as q from './user-queries';
import { slotKeyMade } from './session-start';
import { refuseUsedPasswordAsync } from './password-reuse';
import { sleep } from '../unlock-throttle';

/** The old slot as read in the throttle's turn, and the keys 原密码 opened. */
interface Opened {
  judged: Keyring;
  slot: KeySlot;
  keys: SlotKeys;
}

const CHANGED_MEANWHILE = '修改密码期间台账在另一个窗口被锁定或改动了，密码没有修改。请重新输入。';

export const passwordChangeHandlers: Pick<HandlersOf<typeof authContract>, 'auth.changePassword'> = {
  'auth.changePassword': async (input, ctx) => {
    const ledger = ctx.services.ledger;
    const { session } = ctx;
    const { throttle } = ctx.services;
    // 原密码 in the unlock throttle's turn under the user's name, a wrong one counted as a wrong sign-in (delayed, audited
    // at the next unlock): a window left signed in is no faster way to guess it than the unlock screen (attack run 14,
    // C1; as rotation-passwords.ts confirmOwnPassword). The keyring read in the turn: the slot as it is then.
    const opened = await throttle.attempt(session.username, async (): Promise<Opened | { waitMs: number }> => {
      const keyring = ledger.keyring();
      const found = findSlot(keyring, session.username);
      const k = found ? await openSlotKeysAsync(keyring.ledgerId, found, input.oldPassword) : null;
      return k && found ? { judged: keyring, slot: found, keys: k } : { waitMs: throttle.fail(session.username, ctx.clock.nowIso()) };
    });
    if ('waitMs' in opened) {
      await sleep(opened.waitMs);
      throw new AppError('WRONG_PASSWORD', '原密码不正确，密码没有修改。连续输错会让等待时间越来越长。', { fields: ['oldPassword'] });
    }
    const { judged, slot, keys } = opened;
    keys.dbKey.fill(0);
    let secret: NewSecret | null = null;
    try {
      // Nor one this slot had before (issue 19, R1b; the first password after a reset too): checked before anything is written.
      const retired = await refuseUsedPasswordAsync(judged, session.username, input.newPassword, {
        field: 'newPassword',
        label: '新密码',
        sameAsCurrent: '「新密码」与原密码相同，请设置一个不同的新密码。',
      });
      secret = await deriveNewSecret(input.newPassword, ledger.kdf);
      // After the last await: the ledger, the window and the slot as they were when the old password opened it.
      const asJudged =
        ledger.isOpen() &&
        ledger.handle() === ctx.read &&
        ctx.services.sessions.get(session.sessionId) === session &&
        sameSlot(findSlot(ledger.keyring(), session.username), slot);
      if (!asJudged) throw new AppError('CONFLICT', CHANGED_MEANWHILE);
      // The new slot holds exactly what the old one held: a password change never grants or drops the sensitive key. It
      // pins that key only when it is the one the ledger holds (the unlock counted it); else the next unlock judges it.
      const held = ledger.heldKeys().sensitiveKey;
      const pinned = keys.sensitiveKey && held && sameBytes(held, keys.sensitiveKey) ? keys.sensitiveKey : null;
      // The coordinator key goes on (and is pinned) only when it is the one this coordinator's sign-in counted.
      const heldCoordinator = session.role === 'coordinator' ? ledger.coordinatorKey() : null;
      const coordinatorKey = keys.coordinatorKey && heldCoordinator && sameBytes(heldCoordinator, keys.coordinatorKey) ? keys.coordinatorKey : null;
      const made = secret;
      secret = null; // the slot made with it overwrites its key
      ctx.write((db, audit) => {
        // The first-login change (migration 047): from now on the password is one only this user knows.
        const initialReplaced = q.clearMustChangePassword(db, session.userId, ctx.clock.nowIso());
        audit({ entity: 'user', entityId: session.userId, after: { passwordChanged: true, ...(initialReplaced ? { initialPasswordReplaced: true } : {}) } });
        const next = ledger.slotHolding(
          session.username,
          made,
          { dbKey: ledger.currentKey(), sensitiveKey: keys.sensitiveKey, coordinatorKey },
          pinned,
          retired,
        );
        // Vouched only when the old slot held the sensitive key (so it was the program's, not one a viewer wrote for this name).
        slotKeyMade(db, keys.sensitiveKey ? ledger.sealer() : null, next);
        ledger.saveKeyring(replaceSlot(ledger.keyring(), next));
      });
    } finally {
      secret?.wrapKey.fill(0);
      keys.sensitiveKey?.fill(0);
      keys.coordinatorKey?.fill(0);
    }
    ctx.services.sessions.passwordChanged(session.userId);
    return { changed: true };
  },
};
