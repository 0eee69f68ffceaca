/**
 * The auth area's handlers: setup, sign-in, lock and who is signed in here; a recovery (recover.ts), one's own
 * password (password-change.ts) and the coordinator's 设置 › 用户 channels (user-handlers.ts) spread in.
 */
import { appendAudit } from '../audit/audit-log';
import { AppError } from '../errors';
import { asWriteDb } from '../db/types';
import { ledgerPaths } from '../db/ledger-files';
import { requireRegularFiles } from '../fs-guard';
import { newRecoveryKey } from '../db/keyring';
import type { HandlersOf } from '../handler-types';
import { writeSetting } from '../settings/queries';
import type { authContract } from './contract';
import * as q from './user-queries';
import { vouchRole } from './vouched-roles';
import { stagesOf, writeBindingMarker } from '../db/row-binding';
import { anchorNewKey } from '../audit/anchor-unlock';
import { settleStoppedRotation } from './stopped-rotation';
import { audited, checkFileAfterJudging, sessionInfo, settleFailures, settleUnlock, startSession, throttled, wrong } from './session-start';
import { dueRotationHandlers } from './due-rotation';
import { keyJudge } from './key-fits';
import { vouchSlotKey } from './slot-keys';
import { userHandlers } from './user-handlers';
import { confirmHandlers } from './confirm-handlers';
import { writeCoordinators } from './coordinator-vouch';
import { UNVOUCHED_ROTATION } from './key-notice';
import { endSession, signingIn } from './signing-in';
import { recoverHandlers } from './recover';
import { passwordChangeHandlers } from './password-change';
import { passwordResetHandlers } from './password-reset';
import { slotNotWritten, slotRowMissing } from './slot-row';

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
      const user = q.getUserByName(opened.db, input.username);
      // A slot whose audit row never committed (slot-row.ts): a right password, so not counted; it opens nothing.
      if (user && slotRowMissing(opened.db, opened.slot, user.id)) {
        ledger.dropSlot(opened);
        if (ctx.services.sessions.size() === 0) ledger.close();
        throw slotNotWritten();
      }
      if (user) return { ok: opened };
      ledger.dropSlot(opened);
      if (ctx.services.sessions.size() === 0) ledger.close();
      return wrong(ctx, input.username, '用户名或密码');
    });
    const opened = await ledger.judgeKey(found, keyJudge(ctx.services.sealedColumns));
    checkFileAfterJudging(ctx, opened.sensitive);
    const db = opened.db;
    // Read again after the judging: a coordinator may have disabled the account meanwhile. Users are never deleted.
    const user = q.getUserByName(db, input.username)!;
    // A rotation stopped right after its switch: settled before this unlock's own rows (S33-A3).
    if (opened.sensitive && !user.disabled && user.role !== 'viewer')
      settleStoppedRotation(ctx.services, { userId: user.id, username: user.username }, ctx.clock.nowIso());
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
    return settleUnlock(ctx, db, user, input.username, sensitive ? { ownSlot: user.username, legacyLayout } : null, info);
  }),

  'auth.lock': (_input, ctx) => {
    endSession(ctx);
    return { locked: true };
  },

  'auth.whoami': (_input, ctx) => {
    if (!ctx.session || !ctx.services.ledger.isOpen()) return null;
    const db = ctx.services.ledger.handle();
    const user = q.getUser(db, ctx.session.userId);
    if (!user) return null;
    return sessionInfo(ctx, db, { ...user, role: ctx.session.role }, ctx.session.keyNotice ?? null);
  },

  ...recoverHandlers,
  ...passwordChangeHandlers,
  ...passwordResetHandlers,
  ...dueRotationHandlers,
  ...userHandlers,
  ...confirmHandlers,
};
