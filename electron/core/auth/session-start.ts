/**
 * What every way into a session does (auth/handlers.ts: setup, unlock, recovery): the role the session runs with,
 * its words about the keys, what an unlock holding the sensitive key settles, and the unlock throttle's turn and
 * its audit. Handlers elsewhere call these; nothing here is a channel.
 */
import { appendAudit } from '../audit/audit-log';
import { AppError } from '../errors';
import { asWriteDb, type Database, type WriteDb } from '../db/types';
import { readMeta, writeMeta } from '../db/ledger-files';
import { keyedKeyring, type KeySlot } from '../db/keyring';
import type { Sealer } from '../db/sealer';
import type { SessionContext } from '../handler-types';
import { readSettings } from '../settings/queries';
import type { KeyHistoryFinding, SessionInfo, UserInfo } from './types.shared';
import { sleep, throttleKeyOf, THROTTLE_EPOCH } from '../unlock-throttle';
import { runSealUpgrades } from '../db/seal-upgrades';
import { anchorAtUnlock, anchorFinding } from '../audit/anchor-unlock';
import { sealedValueFinder } from '../audit/audit-seal';
import { keyNoticeFor, type NoticeCause } from './key-notice';
import type { KeyNotice } from '../contract';
import { unvouchedCoordinatorNotice } from './coordinator-notice';
import { dueRotationAtUnlock } from './keys';
import { settleKeysAtUnlock } from './key-grants';
import { forgetSlotKey, vouchSlotKey } from './slot-keys';
import { coordinatorCounts } from './coordinator-key';
import { confirmedByNotice } from './confirmed-notice';
import { endSession } from './signing-in';
import { signInRecoveryNotice } from './unseen-recovery-sheet';
import { keyHistoryAtUnlock, keyHistoryFinding } from '../keys/key-history-finding';

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

export function startSession(
  ctx: SessionContext,
  db: Database,
  tableUser: UserInfo,
  sensitive: boolean,
  cause: NoticeCause | null = null,
  coordinatorKey: Buffer | null = null,
): SessionInfo {
  if (tableUser.disabled) {
    if (ctx.services.sessions.size() === 0) ctx.services.ledger.close();
    throw new AppError('FORBIDDEN', '这个账号已停用，请联系统筹负责人。');
  }
  let user = roleBackedByKey(ctx, tableUser, sensitive);
  // 统筹负责人 only when the coordinator key this slot opened vouches for it (issue 19, CR1): else 录入员, said and audited.
  // Before the ledger has the key, until confirmed with the recovery key (CR1-U, coordinator-upgrade.ts).
  const unvouched =
    user.role === 'coordinator' && !coordinatorCounts(db, ctx.services.ledger.keyring(), user, coordinatorKey, ctx.services.ledger.coordinatorKeys);
  if (unvouched) {
    user = { ...user, role: 'clerk' };
    audited(db, ctx, user, 'auth.unlock', 'user', { coordinatorRoleRefused: true });
  } else if (user.role === 'coordinator' && coordinatorKey) ctx.services.ledger.holdCoordinatorKey(coordinatorKey);
  coordinatorKey?.fill(0);
  const keyNotice = unvouched
    ? unvouchedCoordinatorNotice(db, ctx.services.ledger.keyring())
    : keyNoticeFor(db, tableUser, sensitive, ctx.services.ledger.keyring(), cause);
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
export function sessionInfo(ctx: SessionContext, db: Database, user: UserInfo, keyNotice: KeyNotice | null): SessionInfo {
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
    confirmedBy: user.role === 'coordinator' ? confirmedByNotice(db, ctx.services.ledger, user, ctx.clock) : null,
    keyHistory: user.role === 'coordinator' ? unlockKeyHistory(ctx, db) : null,
    recoverySheetUnseen: user.role === 'coordinator' ? signInRecoveryNotice(db, ctx.clock, ctx.services.ledger.sealer(), ctx.services.ledger.keyring()) : null,
  };
}

/** The key history as this unlock finds it (keys/key-history-finding.ts). */
const unlockKeyHistory = (ctx: SessionContext, db: Database): KeyHistoryFinding | null =>
  keyHistoryFinding(db, ctx.services.ledger.sealer(), ctx.clock, sealedValueFinder(ctx.services.sealedRecordAuditPurposes));

/**
 * After an unlock with the sensitive key: seal what an older version left in clear (db/seal-upgrades.ts). `info`: what
 * the sign-in said; its key history finding (a coordinator's) is logged as it is, not counted a second time (S39-A3).
 */
function sealLeftovers(ctx: SessionContext, db: Database, user: UserInfo, info: SessionInfo): void {
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
  // The retired keys' list junked or deleted offline (S34-A5): logged once, by whoever's unlock first finds it.
  const keyHistory = info.user.role === 'coordinator' ? info.keyHistory : unlockKeyHistory(ctx, db);
  keyHistoryAtUnlock(db, keyHistory, (after) => audited(db, ctx, user, 'auth.unlock', 'ledger', after));
}

/**
 * Everything an unlock or recovery does after its session started: the throttle's failures settled and, when the
 * session holds the sensitive key, afterKeyedUnlock. If any of it throws (a sealing upgrade refused, or a write the
 * file refuses: a trigger someone put in it, S33-A7; an expression index or a CHECK that fails the throttle's own
 * write, S34-A4), the window gets no session, never one in which a row the upgrades would have refused opens.
 */
/**
 * Right after a sign-in's key is judged, before anything it writes or reads by a lookup that decides who or how much:
 * a file touched outside the program may hold indexes that lie (S35-A1/A2; db/ledger-contents.ts). Checked once per
 * open, by the first sign-in holding the sensitive key; a file refused is closed unless another window holds it.
 */
export function checkFileAfterJudging(ctx: SessionContext, sensitive: boolean): void {
  if (!sensitive) return;
  try {
    ctx.services.ledger.checkContents();
  } catch (e) {
    if (ctx.services.sessions.size() === 0) ctx.services.ledger.close();
    throw e;
  }
}

export function settleUnlock(
  ctx: SessionContext,
  db: Database,
  user: UserInfo,
  throttleName: string,
  keyed: { ownSlot: string; legacyLayout: boolean } | null,
  info: SessionInfo,
): SessionInfo {
  try {
    settleFailures(ctx, db, user, throttleName);
    return keyed ? afterKeyedUnlock(ctx, db, user, keyed.ownSlot, keyed.legacyLayout, info) : info;
  } catch (e) {
    endSession(ctx);
    throw e;
  }
}

/**
 * After an unlock whose session holds the sensitive key: seal leftovers, vouch
 * for the slot it opened (`ownSlot`), give the key to slots that should hold
 * it, and run a rotation left due. `legacyLayout`: that slot was sealed by an
 * older version (the upgrade to vouched slot keys runs; auth/slot-keys.ts). A rotation due waits for the
 * coordinator's new password (auth/due-rotation.ts): the session is held to that and `info` says so.
 * Called only through settleUnlock, which ends the session if it throws.
 */
function afterKeyedUnlock(ctx: SessionContext, db: Database, user: UserInfo, ownSlot: string, legacyLayout: boolean, info: SessionInfo): SessionInfo {
  sealLeftovers(ctx, db, user, info);
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
export function slotKeyMade(w: WriteDb, sealer: Sealer | null, slot: KeySlot): void {
  if (sealer) vouchSlotKey(w, sealer, slot);
  else forgetSlotKey(w, slot.name);
}

export function audited(db: Database, ctx: SessionContext, user: UserInfo, channel: string, entity: string, after: unknown): void {
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

export const wrong = (ctx: SessionContext, name: string, what: string): Attempt<never> => ({
  waitMs: ctx.services.throttle.fail(name, ctx.clock.nowIso()),
  what,
});

/** Runs an unlock or recovery attempt in the throttle's queue (its turn lasts till `run`'s scrypt is done); the wrong-password reply waits outside it. */
export async function throttled<T>(ctx: SessionContext, name: string, run: () => Attempt<T> | Promise<Attempt<T>>): Promise<T> {
  const r = await ctx.services.throttle.attempt(name, run);
  if ('ok' in r) return r.ok;
  await sleep(r.waitMs);
  throw new AppError('WRONG_PASSWORD', `${r.what}不正确，请重新输入。连续输错会让等待时间越来越长。`);
}

/** After a successful unlock: failures since the last one (any name) and a tampered failure file go into the audit log. */
export function settleFailures(ctx: SessionContext, db: Database, user: UserInfo, name: string): void {
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
