/**
 * 用恢复密钥设置新密码 (auth.recover): a sign-in with the recovery key that sets the user's password. The recovery key
 * in the throttle's turn and the key its slot opened judged after it, as auth.unlock (handlers.ts); the scrypt runs
 * after the verdict on libuv's thread pool, what they were judged on looked at again after them.
 */
import { AppError } from '../errors';
import { asWriteDb } from '../db/types';
import { deleteMeta } from '../db/ledger-files';
import { RECOVERY_SHEET_SHOWN } from './unseen-recovery-sheet';
import { findSlot, normaliseRecoveryKey, replaceSlot, RECOVERY_SLOT, sameSlot } from '../db/keyring';
import { deriveNewSecret } from '../db/slot-wrap';
import { CHANGED_MEANWHILE } from '../db/ledger-pins';
import type { RetiredPassword } from '../db/password-history';
import type { HandlersOf } from '../handler-types';
import type { authContract } from './contract';
import * as q from './user-queries';
import { audited, checkFileAfterJudging, settleUnlock, slotKeyMade, startSession, throttled, wrong } from './session-start';
import { keyJudge } from './key-fits';
import { refuseUsedPasswordAsync } from './password-reuse';
import { coordinatorCounts, refuseKeyNotFromPin } from './coordinator-key';
import { dropFirstConfirmation, firstCoordinatorRows, mayConfirmFirst, openFirstConfirmation, type FirstConfirmation } from './coordinator-upgrade';
import { putBackRefusal, putBackSign, releaseAfterPutBack } from './put-back';
import { signingIn } from './signing-in';
import { endSessionsAfterReset } from './user-handlers';
import { keyringLastIn, markedWithRow } from './slot-row';

export const recoverHandlers: Pick<HandlersOf<typeof authContract>, 'auth.recover'> = {
  'auth.recover': signingIn(async (input, ctx) => {
    const ledger = ctx.services.ledger;
    // As auth.unlock: the recovery key in the throttle's turn, the key its slot opened judged after it.
    const found = await throttled(ctx, RECOVERY_SLOT, async () => {
      const opened = await ledger.openSlot(RECOVERY_SLOT, normaliseRecoveryKey(input.recoveryKey), ctx.clock.nowIso());
      return opened ? { ok: opened } : wrong(ctx, RECOVERY_SLOT, '恢复密钥');
    });
    // The recovery slot is pinned only once the recovery goes ahead: a refused one writes nothing.
    const opened = await ledger.judgeKey(found, keyJudge(ctx.services.sealedColumns), false);
    checkFileAfterJudging(ctx, opened.sensitive);
    const db = opened.db;
    const user = q.getUserByName(db, input.username);
    const refuse = (e: AppError): never => {
      if (ctx.services.sessions.size() === 0) ctx.services.ledger.close();
      throw e;
    };
    if (!user) return refuse(new AppError('NOT_FOUND', `没有名为「${input.username}」的用户。`));
    // Checked before any slot is written: a disabled user's password must never open the ledger again.
    if (user.disabled) return refuse(new AppError('FORBIDDEN', '这个账号已停用，不能用恢复密钥为它设置新密码。请联系统筹负责人。'));
    // A put-back copy's old recovery slot (ninth attack run, RK1): refused before anything else is written, audited.
    const putBack = opened.sensitive ? putBackSign(ctx.services, db) : null;
    if (putBack) {
      audited(db, ctx, user, 'auth.recover', 'ledger', { recoveryRefused: 'put-back', sign: putBack });
      releaseAfterPutBack(ctx.services);
      return refuse(putBackRefusal(putBack));
    }
    // The sensitive key only when the recovery slot itself held it: the ledger may hold it for another window
    // while the recovery slot is one a viewer wrote (with a key they chose).
    const role = opened.sensitive ? user.role : 'viewer';
    const sensitive = ledger.sensitiveKeyForRole(role);
    // Not a password this user had before (issue 19, R1b), checked before anything is written; the history carried on.
    // These checks, the new slot's key and the recovery slot opened again to pin it run scrypt on libuv's thread pool
    // (up to eight runs): the core answers other channels meanwhile, so what they were judged on is looked at again
    // after them, before anything is written (the ledger open, this user's slot and the recovery slot as judged).
    const judged = ledger.keyring();
    const asJudged = (name: string): boolean => ledger.isOpen() && ledger.handle() === db && sameSlot(findSlot(ledger.keyring(), name), findSlot(judged, name));
    let retired: RetiredPassword[];
    try {
      retired = await refuseUsedPasswordAsync(judged, user.username, input.newPassword, { field: 'newPassword', label: '新密码' });
    } catch (e) {
      return refuse(e as AppError);
    }
    // Nor a coordinator key the rotations do not lead to from the one this user's slot is pinned to (CR1-Q's remainder:
    // the clerk's own recovery sheet, made by their rotation, setting the real coordinator's password).
    try {
      if (role === 'coordinator' && opened.sensitive && coordinatorCounts(db, ledger.keyring(), user, opened.coordinatorKey))
        refuseKeyNotFromPin(ledger.keyring(), user, opened.coordinatorKey, { db, sealer: ledger.sealer() });
    } catch (e) {
      return refuse(e as AppError);
    }
    const secret = await deriveNewSecret(input.newPassword, ledger.kdf);
    // The coordinator key only for a coordinator the recovery slot's key vouches for (issue 19, CR1). A ledger without
    // one: the recovery key is the confirmation the upgrade asks for (CR1-U), so it makes the key, for this user alone;
    // its scrypt runs on the pool too, before the checks below.
    let first: FirstConfirmation | null = null;
    let made: Buffer | null = null;
    try {
      if (!asJudged(user.username) || !asJudged(RECOVERY_SLOT)) throw new AppError('CONFLICT', CHANGED_MEANWHILE);
      // The recovery slot pinned to the key held (its own check after its run: as judged, else CONFLICT); written below.
      const pinnedRecovery = await ledger.slotPinnedToHeldKey(RECOVERY_SLOT, normaliseRecoveryKey(input.recoveryKey));
      const confirming = role === 'coordinator' && opened.sensitive && mayConfirmFirst(ledger, db, user);
      const o = confirming ? await openFirstConfirmation(ledger, db, user, input.recoveryKey, null) : null;
      first = o && 'ready' in o ? o.ready : null;
      // After the last await, one write (as 重设密码's): the confirmation's rows, this user's, the audit row, then the
      // keyring last in the same transaction, so a failure anywhere leaves the old password, the old slots and no row.
      if (!asJudged(user.username) || !asJudged(RECOVERY_SLOT)) throw new AppError('CONFLICT', CHANGED_MEANWHILE);
      const w = asWriteDb(db);
      const confirmed = first;
      first = null; // the rows below overwrite what it opened, whatever happens
      keyringLastIn(ledger, () =>
        w.transaction(() => {
          const confirmation = confirmed ? firstCoordinatorRows(ledger, db, confirmed, ctx.clock.nowIso()) : null;
          made = confirmation?.key ?? null;
          const base = confirmation?.keyring ?? (pinnedRecovery ? replaceSlot(ledger.keyring(), pinnedRecovery) : ledger.keyring());
          const coordinatorKey =
            made ?? (role === 'coordinator' && coordinatorCounts(db, base, user, opened.coordinatorKey, ledger.coordinatorKeys) ? opened.coordinatorKey : null);
          const slot = ledger.slotFor(user.username, secret, role, retired, coordinatorKey);
          // Vouched only when the recovery slot held the sensitive key: a slot a viewer made opens with a key they chose, and
          // another window's sealer must not vouch for what it made.
          slotKeyMade(w, opened.sensitive ? ledger.sealer() : null, slot);
          // The user chose this password: a first-login change still due is done by it.
          const cleared = q.clearMustChangePassword(w, user.id, ctx.clock.nowIso());
          audited(db, ctx, user, 'auth.recover', 'user', {
            passwordReset: true,
            by: 'recovery-key',
            ...(cleared ? { initialPasswordReplaced: true } : {}),
            ...(opened.keyRefused ? { sensitiveKeyRefused: opened.keyRefused } : {}),
            // Read by 设置 → 用户 → 密钥 (keyStatus.recoveryGaveNoKey) until a new recovery key is made.
            ...(opened.sensitive ? {} : { recoveryGaveNoKey: true }),
          });
          // The recovery slot gave no key: a note that a reply showed it (written before someone sealed another key into it)
          // must not end 密钥's notice (keys.ts recoveryGaveNoKey; S37-A2). Deleting the note is always the safe side.
          if (!opened.sensitive) deleteMeta(w, RECOVERY_SHEET_SHOWN);
          ledger.saveKeyring(replaceSlot(base, markedWithRow(w, slot, user.id)));
        })(),
      );
    } catch (e) {
      secret.wrapKey.fill(0);
      (made as Buffer | null)?.fill(0); // made in the transaction that failed
      if (first) dropFirstConfirmation(first);
      return refuse(e as AppError);
    }
    // As after 重设密码: the user's other windows, open with the password just replaced, are locked.
    endSessionsAfterReset(ctx.services, user.id, 'recovery-key');
    // Without the key, the notice says the recovery slot gave none, and why (auth/key-notice.ts 'recovered').
    const info = startSession(
      ctx,
      db,
      { ...user, mustChangePassword: false },
      sensitive !== null,
      { recovered: opened.keyRefused },
      made ?? opened.coordinatorKey,
    );
    return settleUnlock(ctx, db, user, RECOVERY_SLOT, sensitive ? { ownSlot: RECOVERY_SLOT, legacyLayout: opened.legacyLayout } : null, info);
  }),
};
