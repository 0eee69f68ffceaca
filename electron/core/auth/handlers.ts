import { appendAudit } from '../audit/audit-log';
import { AppError } from '../errors';
import { asWriteDb, type Database, type WriteDb } from '../db/types';
import { ledgerPaths, readMeta, writeMeta } from '../db/ledger-files';
import { requireRegularFiles } from '../fs-guard';
import { findSlot, keyedKeyring, newRecoveryKey, normaliseRecoveryKey, openSlotKeys, replaceSlot, RECOVERY_SLOT, sameBytes, type KeySlot } from '../db/keyring';
import type { Sealer } from '../db/sealer';
import type { HandlersOf, SessionContext } from '../handler-types';
import { readSettings, writeSetting } from '../settings/queries';
import { authContract, type SessionInfo, type UserInfo } from './contract';
import { sleep, throttleKeyOf, THROTTLE_EPOCH } from '../unlock-throttle';
import * as q from './user-queries';
import { vouchRole } from './vouched-roles';
import { runSealUpgrades } from '../db/seal-upgrades';
import { stagesOf, writeBindingMarker } from '../db/row-binding';
import { anchorAfterCommit } from '../audit/anchor';
import { anchorAtUnlock, anchorFinding, anchorNewKey } from '../audit/anchor-unlock';
import { keyNoticeFor } from './key-notice';
import type { KeyRefusal } from '../db/keyslot';
import type { KeyNotice } from '../contract';
import { dueRotationAtUnlock, settleKeysAtUnlock } from './keys';
import { dueRotationHandlers } from './due-rotation';
import { keyJudge } from './key-fits';
import { forgetSlotKey, vouchSlotKey } from './slot-keys';
import { userHandlers } from './user-handlers';
import { refuseUsedPassword } from './password-reuse';
import type { RetiredPassword } from '../db/password-history';

/**
 * The role a session runs with. `users.role` is writable by anyone whose password opens the
 * database (a viewer with the files, offline): with 'coordinator' written into their own row they
 * could reset the real coordinator's password (a slot without the sensitive key), add coordinators
 * and disable clerks (session 15 attack run). So once the ledger has a sensitive key, a role above
 * viewer counts only for an unlock that opened that key too; a ledger without one (older versions)
 * keeps the table's role until its first key holder creates the key. "Has": the keyring shows it, even with the key
 * removed from every slot (keyedKeyring; session 17 attack run, S1).
 */
function roleBackedByKey(ctx: SessionContext, user: UserInfo, sensitive: boolean): UserInfo {
  if (user.role === 'viewer' || sensitive || !keyedKeyring(ctx.services.ledger.keyring())) return user;
  return { ...user, role: 'viewer' };
}

function startSession(ctx: SessionContext, db: Database, tableUser: UserInfo, sensitive: boolean, keyRefused: KeyRefusal | null = null): SessionInfo {
  if (tableUser.disabled) {
    if (ctx.services.sessions.size() === 0) ctx.services.ledger.close();
    throw new AppError('FORBIDDEN', '这个账号已停用，请联系统筹负责人。');
  }
  const user = roleBackedByKey(ctx, tableUser, sensitive);
  const keyNotice = keyNoticeFor(db, tableUser, sensitive, ctx.services.ledger.keyring(), keyRefused);
  ctx.services.sessions.set({
    sessionId: ctx.sessionId,
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    sensitive: sensitive && user.role !== 'viewer',
    mustChangePassword: user.mustChangePassword,
    keyNotice,
    lastActivityMs: ctx.clock.now().getTime(),
  });
  return sessionInfo(ctx, db, user, keyNotice);
}

/** What the renderer needs to know about the session; also puts the clock in the ledger's time zone. */
function sessionInfo(ctx: SessionContext, db: Database, user: UserInfo, keyNotice: KeyNotice | null): SessionInfo {
  const s = readSettings(db);
  ctx.clock.setTimeZone(s.timeZone);
  return {
    user,
    officeName: s.officeName,
    idleLockMinutes: s.idleLockMinutes,
    clock: { timeZone: s.timeZone, now: ctx.clock.nowIso(), today: ctx.clock.today() },
    keyNotice,
    rotationDue: ctx.services.sessions.get(ctx.sessionId)?.rotationDue ?? null,
    anchorFinding: user.role === 'coordinator' ? anchorFinding(db, ctx.services.ledger.sealer(), ctx.services.anchorWitnesses, ctx.clock.timeZone) : null,
  };
}

/** After an unlock with the sensitive key: seal what an older version left in clear (db/seal-upgrades.ts). */
function sealLeftovers(ctx: SessionContext, db: Database, user: UserInfo): void {
  const sealer = ctx.services.ledger.sealer();
  if (!sealer || user.role === 'viewer') return;
  runSealUpgrades(db, sealer, ctx.services.sealUpgrades, (w, after) =>
    appendAudit(
      w,
      { at: ctx.clock.nowIso(), userId: user.id, username: user.username, channel: 'auth.unlock', entity: 'ledger', entityId: null, after },
      sealer,
    ),
  );
  // The unlock's own rows anchored (the first anchor came with the sensitive key); an anchor that no longer holds is audited.
  anchorAtUnlock(db, sealer, ctx.clock.nowIso(), (finding) => audited(db, ctx, user, 'auth.unlock', 'audit_log', finding));
}

/**
 * After an unlock whose session holds the sensitive key: seal leftovers, vouch
 * for the slot it opened (`ownSlot`), give the key to slots that should hold
 * it, and run a rotation left due. `legacyLayout`: that slot was sealed by an
 * older version (the upgrade to vouched slot keys runs; auth/slot-keys.ts). A rotation due waits for the
 * coordinator's new password (auth/due-rotation.ts): the session is held to that and `info` says so.
 */
function afterKeyedUnlock(ctx: SessionContext, db: Database, user: UserInfo, ownSlot: string, legacyLayout: boolean, info: SessionInfo): SessionInfo {
  sealLeftovers(ctx, db, user);
  const w = asWriteDb(db);
  const by = { userId: user.id, username: user.username };
  settleKeysAtUnlock(w, ctx.services.ledger, by, ownSlot, ctx.clock.nowIso(), legacyLayout);
  const session = ctx.services.sessions.get(ctx.sessionId);
  const due = session ? dueRotationAtUnlock(ctx.services, session) : null;
  if (!session || !due) return info;
  session.rotationDue = due;
  return { ...info, rotationDue: due };
}

/** A slot the program just made: its public key vouched when the ledger holds the sensitive key, else its old statement dropped. */
function slotKeyMade(w: WriteDb, sealer: Sealer | null, slot: KeySlot): void {
  if (sealer) vouchSlotKey(w, sealer, slot);
  else forgetSlotKey(w, slot.name);
}

function audited(db: Database, ctx: SessionContext, user: UserInfo, channel: string, entity: string, after: unknown): void {
  asWriteDb(db).transaction(() =>
    appendAudit(
      asWriteDb(db),
      { at: ctx.clock.nowIso(), userId: user.id, username: user.username, channel, entity, entityId: user.id, after },
      ctx.services.ledger.sealer(),
    ),
  )();
}

/** One attempt's outcome inside the throttle's turn: the result, or how long to wait before saying it was wrong. */
type Attempt<T> = { ok: T } | { waitMs: number; what: string };

const wrong = (ctx: SessionContext, name: string, what: string): Attempt<never> => ({ waitMs: ctx.services.throttle.fail(name, ctx.clock.nowIso()), what });

/** Runs an unlock or recovery attempt in the throttle's queue; the wrong-password reply waits outside it. */
async function throttled<T>(ctx: SessionContext, name: string, run: () => Attempt<T>): Promise<T> {
  const r = await ctx.services.throttle.attempt(name, run);
  if ('ok' in r) return r.ok;
  await sleep(r.waitMs);
  throw new AppError('WRONG_PASSWORD', `${r.what}不正确，请重新输入。连续输错会让等待时间越来越长。`);
}

/** After a successful unlock: failures since the last one (any name) and a tampered failure file go into the audit log. */
function settleFailures(ctx: SessionContext, db: Database, user: UserInfo, name: string): void {
  const macKey = throttleKeyOf(ctx.services.ledger.currentKey());
  // An empty epoch: the ledger was just restored from a backup, which knew another failure file.
  const r = ctx.services.throttle.succeed(name, macKey, readMeta(db, THROTTLE_EPOCH) || null);
  macKey.fill(0);
  const w = asWriteDb(db);
  const at = ctx.clock.nowIso();
  const entry = (after: unknown) =>
    appendAudit(
      w,
      { at, userId: user.id, username: user.username, channel: 'auth.unlock.failures', entity: 'auth', entityId: user.id, after },
      ctx.services.ledger.sealer(),
    );
  w.transaction(() => {
    writeMeta(w, THROTTLE_EPOCH, r.epoch);
    if (r.tampered) entry({ tampered: r.tampered });
    for (const f of r.unaudited)
      entry(f.name === name.toLowerCase() ? { failedAttempts: f.count, at: f.times } : { name: f.name, failedAttempts: f.count, at: f.times });
  })();
}

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
    startSession(ctx, db, user, true);
    // The unlock throttle's first epoch: from now on a missing failure file is noticed.
    settleFailures(ctx, db, user, user.username);
    // The sensitive key is new: so is the anchor, and from now on the keyring says there must be one (audit/anchor.ts).
    anchorNewKey(db, ctx.services.ledger.sealer()!, now);
    return { recoveryKey };
  },

  'setup.openLedger': (input, ctx) => {
    // Only while nobody is unlocked: switching folders under an open session would mix two ledgers.
    if (ctx.services.sessions.size() > 0 || ctx.services.ledger.isOpen()) throw new AppError('CONFLICT', '请先锁定当前台账，再打开另一个台账。');
    const dir = ctx.files.openFolder(input.path);
    // Before anything reads them: a FIFO named like a ledger file would block the core thread (second attack run, issue 19).
    const own = ledgerPaths(dir);
    requireRegularFiles([own.db, own.keyring, own.stagedKeyring, own.throttle, own.anchor], '这个文件夹');
    const next = ctx.services.openLedgerAt(dir);
    if (!next.isInitialized()) throw new AppError('NOT_A_LEDGER', '这个文件夹里没有台账（缺少 taizhang.db 和 taizhang.keyring.json）。');
    ctx.services.ledger = next;
    return { initialized: true, dataDir: next.paths.dir, problem: next.problem() };
  },

  'auth.unlock': (input, ctx) =>
    throttled(ctx, input.username, () => {
      const opened = ctx.services.ledger.unlock(input.username, input.password, ctx.clock.nowIso(), keyJudge(ctx.services.sealedColumns));
      if (!opened) return wrong(ctx, input.username, '用户名或密码');
      const db = opened.db;
      const user = q.getUserByName(db, input.username);
      if (!user) {
        if (ctx.services.sessions.size() === 0) ctx.services.ledger.close();
        return wrong(ctx, input.username, '用户名或密码');
      }
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
      // A pin naming no key: no grant will help, a reset will (auth/key-notice.ts 'promoted'); audited only when a key was refused.
      const info = startSession(ctx, db, user, sensitive, opened.keyRefused ?? (opened.pinsNoKey ? 'unpinned' : null));
      settleFailures(ctx, db, user, input.username);
      return { ok: sensitive ? afterKeyedUnlock(ctx, db, user, user.username, legacyLayout, info) : info };
    }),

  'auth.lock': (_input, ctx) => {
    ctx.services.sessions.delete(ctx.sessionId);
    ctx.services.grants.dropSession(ctx.sessionId);
    if (ctx.services.sessions.size() === 0 && ctx.services.ledger.isOpen()) {
      anchorAfterCommit(ctx.services.ledger.handle(), ctx.services.ledger.sealer(), ctx.clock.nowIso());
      ctx.services.ledger.close();
    }
    return { locked: true };
  },

  'auth.whoami': (_input, ctx) => {
    if (!ctx.session || !ctx.services.ledger.isOpen()) return null;
    const db = ctx.services.ledger.handle();
    const user = q.getUser(db, ctx.session.userId);
    if (!user) return null;
    return sessionInfo(ctx, db, { ...user, role: ctx.session.role }, ctx.session.keyNotice ?? null);
  },

  'auth.recover': (input, ctx) =>
    throttled(ctx, RECOVERY_SLOT, () => {
      // The recovery slot is pinned only once the recovery goes ahead: a refused one writes nothing.
      const opened = ctx.services.ledger.unlock(
        RECOVERY_SLOT,
        normaliseRecoveryKey(input.recoveryKey),
        ctx.clock.nowIso(),
        keyJudge(ctx.services.sealedColumns),
        false,
      );
      if (!opened) return wrong(ctx, RECOVERY_SLOT, '恢复密钥');
      const db = opened.db;
      const user = q.getUserByName(db, input.username);
      const refuse = (e: AppError): never => {
        if (ctx.services.sessions.size() === 0) ctx.services.ledger.close();
        throw e;
      };
      if (!user) return refuse(new AppError('NOT_FOUND', `没有名为「${input.username}」的用户。`));
      // Checked before any slot is written: a disabled user's password must never open the ledger again.
      if (user.disabled) return refuse(new AppError('FORBIDDEN', '这个账号已停用，不能用恢复密钥为它设置新密码。请联系统筹负责人。'));
      const ledger = ctx.services.ledger;
      // The sensitive key only when the recovery slot itself held it: the ledger may hold it for another window
      // while the recovery slot is one a viewer wrote (with a key they chose).
      const role = opened.sensitive ? user.role : 'viewer';
      const sensitive = ledger.sensitiveKeyForRole(role);
      // Not a password this user had before (issue 19, R1b), checked before anything is written; the history carried on.
      let retired: RetiredPassword[];
      try {
        retired = refuseUsedPassword(ledger.keyring(), user.username, input.newPassword, { field: 'newPassword', label: '新密码' });
      } catch (e) {
        return refuse(e as AppError);
      }
      ledger.pinSlotToHeldKey(RECOVERY_SLOT, normaliseRecoveryKey(input.recoveryKey));
      const slot = ledger.slotFor(user.username, input.newPassword, role, retired);
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
      });
      const info = startSession(ctx, db, { ...user, mustChangePassword: false }, sensitive !== null);
      settleFailures(ctx, db, user, RECOVERY_SLOT);
      return { ok: sensitive ? afterKeyedUnlock(ctx, db, user, RECOVERY_SLOT, opened.legacyLayout, info) : info };
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
    const next = ledger.slotHolding(ctx.session.username, input.newPassword, { dbKey: ledger.currentKey(), sensitiveKey: keys.sensitiveKey }, pinned, retired);
    // Vouched only when the old slot held the sensitive key (so it was the program's, not one a viewer wrote for this name).
    slotKeyMade(db, keys.sensitiveKey ? ledger.sealer() : null, next);
    ledger.saveKeyring(replaceSlot(keyring, next));
    keys.sensitiveKey?.fill(0);
    ctx.services.sessions.passwordChanged(ctx.session.userId);
    return { changed: true };
  },

  ...dueRotationHandlers,
  ...userHandlers,
};
