import { appendAudit } from '../audit/audit-log';
import { AppError } from '../errors';
import { asWriteDb } from '../db/types';
import { ledgerPaths } from '../db/ledger-files';
import { requireRegularFiles } from '../fs-guard';
import { findSlot, newRecoveryKey, normaliseRecoveryKey, openSlotKeys, replaceSlot, RECOVERY_SLOT, sameBytes, sameSlot } from '../db/keyring';
import { deriveNewSecret } from '../db/slot-wrap';
import { CHANGED_MEANWHILE } from '../db/ledger-pins';
import type { HandlersOf } from '../handler-types';
import { writeSetting } from '../settings/queries';
import type { authContract } from './contract';
import * as q from './user-queries';
import { vouchRole } from './vouched-roles';
import { stagesOf, writeBindingMarker } from '../db/row-binding';
import { anchorNewKey } from '../audit/anchor-unlock';
import { afterKeyedUnlock, audited, sessionInfo, settleFailures, slotKeyMade, startSession, throttled, wrong } from './session-start';
import { dueRotationHandlers } from './due-rotation';
import { keyJudge } from './key-fits';
import { vouchSlotKey } from './slot-keys';
import { userHandlers } from './user-handlers';
import { refuseUsedPassword, refuseUsedPasswordAsync } from './password-reuse';
import { coordinatorCounts, refuseKeyNotFromPin } from './coordinator-key';
import { confirmFirstCoordinator, mayConfirmFirst } from './coordinator-upgrade';
import { confirmHandlers } from './confirm-handlers';
import { writeCoordinators } from './coordinator-vouch';
import { putBackRefusal, putBackSign, releaseAfterPutBack } from './put-back';
import type { RetiredPassword } from '../db/password-history';
import { UNVOUCHED_ROTATION } from './key-notice';
import { closeIfNobodyIn, signingIn } from './signing-in';

export const authHandlers: HandlersOf<typeof authContract> = {
  'setup.status': (_input, ctx) => ({
    initialized: ctx.services.ledger.isInitialized(),
    dataDir: ctx.services.ledger.paths.dir,
    problem: ctx.services.ledger.problem(),
  }),

  'setup.init': (input, ctx) => {
    const recoveryKey = newRecoveryKey();
    const now = ctx.clock.nowIso();
    const db = ctx.services.ledger.create(input.admin.username, input.admin.password, recoveryKey, now);
    const w = asWriteDb(db);
    const user = w.transaction(() => {
      // The setup wizard's coordinator chose this password: not forced to change it.
      const id = q.insertUser(w, { username: input.admin.username, displayName: input.admin.displayName, role: 'coordinator', mustChangePassword: false }, now);
      writeSetting(w, 'officeName', input.office.name);
      const u = q.getUser(w, id)!;
      vouchRole(w, ctx.services.ledger.sealer(), u);
      const coordinatorKey = ctx.services.ledger.coordinatorKey();
      if (coordinatorKey) writeCoordinators(w, ctx.services.ledger.keyring().ledgerId, coordinatorKey, [u]);
      for (const slot of ctx.services.ledger.keyring().slots) vouchSlotKey(w, ctx.services.ledger.sealer(), slot);
      // A new ledger's rows are bound from the first one (db/row-binding.ts): no binding upgrade will ever be due,
      // and the audit row says so, which keeps a deleted marker from having rows bound again (rowBindingUpgrade).
      const sealer = ctx.services.rowBindings.length > 0 ? ctx.services.ledger.sealer() : null;
      const stages = sealer ? stagesOf(ctx.services.rowBindings) : [];
      if (sealer) for (const stage of stages) writeBindingMarker(w, sealer, stage);
      appendAudit(
        w,
        {
          at: now,
          userId: id,
          username: u.username,
          channel: 'setup.init',
          entity: 'ledger',
          entityId: null,
          after: { office: input.office.name, admin: u.username, ...Object.fromEntries(stages.map((s) => [s.setupFlag, true])) },
        },
        null,
      );
      return u;
    })();
    const held = ctx.services.ledger.coordinatorKey();
    startSession(ctx, db, user, true, null, held ? Buffer.from(held) : null);
    // The unlock throttle's first epoch: from now on a missing failure file is noticed.
    settleFailures(ctx, db, user, user.username);
    // The sensitive key is new: so is the anchor, and from now on the keyring says there must be one (audit/anchor.ts).
    anchorNewKey(db, ctx.services.ledger.sealer()!, now);
    return { recoveryKey };
  },

  'setup.openLedger': (input, ctx) => {
    // Only while nobody is unlocked: switching folders under an open session would mix two ledgers.
    if (ctx.services.sessions.size() > 0 || ctx.services.ledger.isOpen()) throw new AppError('CONFLICT', '请先锁定当前台账，再打开另一个台账。');
    // Nor while a sign-in's scrypt runs (the file not open yet): it would go on in the folder left.
    if (ctx.services.ledger.isUnlocking()) throw new AppError('CONFLICT', '当前台账正在解锁，请等解锁完成并锁定后，再打开另一个台账。');
    const dir = ctx.files.openFolder(input.path);
    // Before anything reads them: a FIFO named like a ledger file would block the core thread (second attack run, issue 19).
    const own = ledgerPaths(dir);
    requireRegularFiles([own.db, own.keyring, own.stagedKeyring, own.throttle, own.anchor], '这个文件夹');
    const next = ctx.services.openLedgerAt(dir);
    if (!next.isInitialized()) throw new AppError('NOT_A_LEDGER', '这个文件夹里没有台账（缺少 taizhang.db 和 taizhang.keyring.json）。');
    ctx.services.ledger = next;
    return { initialized: true, dataDir: next.paths.dir, problem: next.problem() };
  },

  'auth.unlock': signingIn(async (input, ctx) => {
    const ledger = ctx.services.ledger;
    // The password in the throttle's turn; the key the slot opened judged after it (db/ledger-unlock.ts): a scan of
    // the sealed data answers other channels, another user's unlock too, between its steps.
    const found = await throttled(ctx, input.username, async () => {
      const opened = await ledger.openSlot(input.username, input.password, ctx.clock.nowIso());
      if (!opened) return wrong(ctx, input.username, '用户名或密码');
      if (q.getUserByName(opened.db, input.username)) return { ok: opened };
      ledger.dropSlot(opened);
      if (ctx.services.sessions.size() === 0) ledger.close();
      return wrong(ctx, input.username, '用户名或密码');
    });
    const opened = await ledger.judgeKey(found, keyJudge(ctx.services.sealedColumns));
    const db = opened.db;
    // Read again after the judging: a coordinator may have disabled the account meanwhile. Users are never deleted.
    const user = q.getUserByName(db, input.username)!;
    let sensitive = opened.sensitive;
    // A key made just now: nothing was ever vouched with it, so the keyring's public keys are taken as they are.
    let legacyLayout = opened.legacyLayout;
    if (!sensitive && !user.disabled && user.role !== 'viewer' && ctx.services.ledger.adoptSensitiveKey(user.username, input.password)) {
      sensitive = true;
      legacyLayout = true;
      audited(db, ctx, user, 'auth.unlock', 'ledger', { sensitiveKeyCreated: true });
      // With the key comes the first anchor: a ledger from before sealing is the only one anchored afresh (audit/anchor.ts).
      anchorNewKey(db, ctx.services.ledger.sealer()!, ctx.clock.nowIso());
      // The key is new: the roles in the table are as trusted as they were before it existed; from now on only its holders set them.
      const w = asWriteDb(db);
      w.transaction(() => {
        for (const u of q.listUsers(w)) if (!u.disabled) vouchRole(w, ctx.services.ledger.sealer(), u);
      })();
    }
    if (opened.keyRefused) audited(db, ctx, user, 'auth.unlock', 'user', { sensitiveKeyRefused: opened.keyRefused });
    // A ledger from before coordinator keys gets one only from the recovery key, never at an unlock (coordinator-upgrade.ts).
    const coordinatorKey = sensitive ? opened.coordinatorKey : null;
    // A pin naming no key: no grant will help, a reset will (auth/key-notice.ts 'promoted'); audited only when a key was refused.
    // A coordinator key sealed to a coordinator's slot that no coordinator's rotation leads to (CR1-Q): said, audited.
    const forgedRotation = user.role === 'coordinator' && opened.coordinatorRotation === 'unvouched';
    if (forgedRotation) audited(db, ctx, user, 'auth.unlock', 'user', { coordinatorRotationRefused: true });
    const cause = forgedRotation ? UNVOUCHED_ROTATION : (opened.keyRefused ?? (opened.pinsNoKey ? 'unpinned' : null));
    const info = startSession(ctx, db, user, sensitive, cause, coordinatorKey);
    settleFailures(ctx, db, user, input.username);
    return sensitive ? afterKeyedUnlock(ctx, db, user, user.username, legacyLayout, info) : info;
  }),

  'auth.lock': (_input, ctx) => {
    ctx.services.sessions.delete(ctx.sessionId);
    ctx.services.grants.dropSession(ctx.sessionId);
    // Not under a sign-in still being judged (W2-R2): closed when it ends without a session (signing-in.ts).
    closeIfNobodyIn(ctx.services, ctx.clock.nowIso());
    return { locked: true };
  },

  'auth.whoami': (_input, ctx) => {
    if (!ctx.session || !ctx.services.ledger.isOpen()) return null;
    const db = ctx.services.ledger.handle();
    const user = q.getUser(db, ctx.session.userId);
    if (!user) return null;
    return sessionInfo(ctx, db, { ...user, role: ctx.session.role }, ctx.session.keyNotice ?? null);
  },

  'auth.recover': signingIn(async (input, ctx) => {
    const ledger = ctx.services.ledger;
    // As auth.unlock: the recovery key in the throttle's turn, the key its slot opened judged after it.
    const found = await throttled(ctx, RECOVERY_SLOT, async () => {
      const opened = await ledger.openSlot(RECOVERY_SLOT, normaliseRecoveryKey(input.recoveryKey), ctx.clock.nowIso());
      return opened ? { ok: opened } : wrong(ctx, RECOVERY_SLOT, '恢复密钥');
    });
    // The recovery slot is pinned only once the recovery goes ahead: a refused one writes nothing.
    const opened = await ledger.judgeKey(found, keyJudge(ctx.services.sealedColumns), false);
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
        refuseKeyNotFromPin(ledger.keyring(), user, opened.coordinatorKey);
    } catch (e) {
      return refuse(e as AppError);
    }
    const secret = await deriveNewSecret(input.newPassword, ledger.kdf);
    try {
      if (!asJudged(user.username) || !asJudged(RECOVERY_SLOT)) throw new AppError('CONFLICT', CHANGED_MEANWHILE);
      // Its own check after its run: the recovery slot as judged, else CONFLICT; it is the only write, and the last await.
      await ledger.pinSlotToHeldKey(RECOVERY_SLOT, normaliseRecoveryKey(input.recoveryKey));
      if (!asJudged(user.username)) throw new AppError('CONFLICT', CHANGED_MEANWHILE);
    } catch (e) {
      secret.wrapKey.fill(0);
      return refuse(e as AppError);
    }
    // The coordinator key only for a coordinator the recovery slot's key vouches for (issue 19, CR1). A ledger without
    // one: the recovery key is the confirmation the upgrade asks for (CR1-U), so it makes the key, for this user alone.
    const keyring = ledger.keyring();
    const first =
      role === 'coordinator' && opened.sensitive && mayConfirmFirst(ledger, db, user)
        ? confirmFirstCoordinator(ledger, db, user, input.recoveryKey, null, ctx.clock.nowIso())
        : null;
    const made = first && 'key' in first ? first.key : null;
    const coordinatorKey =
      made ?? (role === 'coordinator' && coordinatorCounts(db, keyring, user, opened.coordinatorKey, ledger.coordinatorKeys) ? opened.coordinatorKey : null);
    const slot = ledger.slotFor(user.username, secret, role, retired, coordinatorKey);
    ledger.saveKeyring(replaceSlot(ledger.keyring(), slot));
    // Vouched only when the recovery slot held the sensitive key: a slot a viewer made opens with a key they chose, and
    // another window's sealer must not vouch for what it made.
    asWriteDb(db).transaction(() => slotKeyMade(asWriteDb(db), opened.sensitive ? ledger.sealer() : null, slot))();
    // The user chose this password: a first-login change still due is done by it.
    const chose = asWriteDb(db).transaction(() => q.clearMustChangePassword(asWriteDb(db), user.id, ctx.clock.nowIso()))();
    audited(db, ctx, user, 'auth.recover', 'user', {
      passwordReset: true,
      by: 'recovery-key',
      ...(chose ? { initialPasswordReplaced: true } : {}),
      ...(opened.keyRefused ? { sensitiveKeyRefused: opened.keyRefused } : {}),
      // Read by 设置 → 用户 → 密钥 (keyStatus.recoveryGaveNoKey) until a new recovery key is made.
      ...(opened.sensitive ? {} : { recoveryGaveNoKey: true }),
    });
    // Without the key, the notice says the recovery slot gave none, and why (auth/key-notice.ts 'recovered').
    const info = startSession(
      ctx,
      db,
      { ...user, mustChangePassword: false },
      sensitive !== null,
      { recovered: opened.keyRefused },
      made ?? opened.coordinatorKey,
    );
    settleFailures(ctx, db, user, RECOVERY_SLOT);
    return sensitive ? afterKeyedUnlock(ctx, db, user, RECOVERY_SLOT, opened.legacyLayout, info) : info;
  }),

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

  ...dueRotationHandlers,
  ...userHandlers,
  ...confirmHandlers,
};
