/**
 * The keys behind the users screen: giving the sensitive key to slots that
 * should hold it, rotating both keys when someone who knew them leaves (or on
 * the coordinator's 「更换密钥」), a new recovery key, and what 设置 says
 * about them. The crypto is in db/keyslot.ts and keys/rotation.ts.
 */
import { appendAudit } from '../audit/audit-log';
import { checkAnchor, reanchor } from '../audit/anchor';
import type { Ledger } from '../db/ledger';
import { deleteMeta, readMeta, writeMeta } from '../db/ledger-files';
import { findSlot, legacySlots, makeSlot, newRecoveryKey, RECOVERY_SLOT, replaceSlot, type Keyring } from '../db/keyring';
import { isV2, slotHoldsSensitive, type KeySlot } from '../db/keyslot';
import { asWriteDb, type ReadDb, type WriteDb } from '../db/types';
import { AppError } from '../errors';
import type { CoreServices } from '../handler-types';
import { rotateKeys, rotationBlockers, type RotationFaults } from '../keys/rotation';
import type { Session } from '../session';
import type { Sealer } from '../db/sealer';
import { sameUsername } from './username.shared';
import type { KeyStatus, KeysRotated } from './contract';
import * as q from './user-queries';
import { unverifiedUsers } from './unverified-users';
import { isVouched, vouchRole } from './vouched-roles';
import { anySlotKeyVouched, slotKeyVerdict, vouchSlotKey, type SlotKeyVerdict } from './slot-keys';
import type { RotationPasswords } from './rotation-passwords';

/** meta: a rotation that could not run yet (someone's slot is still in the old layout), and why. */
export const ROTATION_DUE = 'keys_rotation_due';
export const LAST_ROTATION = 'keys_last_rotation';
/** Audit channels of the rows written here (操作日志 has words for them). */
export const KEYS_ROTATE = 'keys.rotate';
export const KEYS_GRANT = 'keys.grant';
/** A slot whose public key is not the one a key holder vouched for was given nothing (auth/slot-keys.ts). */
export const KEYS_REFUSE = 'keys.refuse';
/** The upgrade to vouched slot keys took the keyring's public keys as they were (trust on first use). */
export const KEYS_VOUCH = 'keys.vouch';

/** Who is audited as doing it. */
export interface Actor {
  userId: number;
  username: string;
}

/** Test-only: make the next rotation fail at a step (keys/rotation.ts). */
export const rotationTestHooks: { faults: RotationFaults | null } = { faults: null };

const slotLabel = (name: string, displayName?: string): string => (name === RECOVERY_SLOT ? '恢复密钥' : (displayName ?? name));

function auditKeys(w: WriteDb, ledger: Ledger, by: Actor, at: string, channel: string, name: string, after: Record<string, unknown>): void {
  const user = name === RECOVERY_SLOT ? undefined : q.getUserByName(w, name);
  appendAudit(
    w,
    {
      at,
      userId: by.userId,
      username: by.username,
      channel,
      entity: name === RECOVERY_SLOT ? 'ledger' : 'user',
      entityId: user?.id ?? null,
      after: { displayName: slotLabel(name, user?.displayName), ...after, by: by.username },
    },
    ledger.sealer(),
  );
}

/**
 * Seals the sensitive key to every enabled clerk's and coordinator's slot (and
 * the recovery slot) that lacks it, if the ledger holds it; one audit row per
 * slot given it, naming by whom. Only to a slot whose public key a holder
 * vouched for (slot-keys.ts); a slot whose key was changed is refused and
 * audited. `relayout`: slots holding it already are sealed again in this
 * version's layout (the upgrade). Runs in the caller's transaction.
 */
export function grantPendingKeys(w: WriteDb, ledger: Ledger, by: Actor, at: string, opts: { relayout?: boolean } = {}): string[] {
  const sealer = ledger.sealer();
  if (!sealer) return [];
  const keyring = ledger.keyring();
  const candidates = q.listUsers(w).filter((u) => !u.disabled && u.role !== 'viewer');
  // A ledger from before roles were sealed: whoever already holds the key is vouched for as they are (nothing is given).
  // Only at the upgrade's unlock (`relayout`: roles were sealed before this version's layout): "holds" is only that the
  // slot has an entry, which a viewer can add to their own slot with a forged role (session 17 attack run, S2).
  if (opts.relayout)
    for (const u of candidates) {
      const slot = findSlot(keyring, u.username);
      if (slot && slotHoldsSensitive(slot) && !isVouched(w, sealer, u)) vouchRole(w, sealer, u);
    }
  // Only a role a key holder set: a role written into the table with the database key alone is given nothing.
  const eligible = [...candidates.filter((u) => isVouched(w, sealer, u)).map((u) => u.username), RECOVERY_SLOT];
  const give: string[] = [];
  const reseal: string[] = [];
  for (const name of eligible) {
    const slot = findSlot(keyring, name);
    if (!slot || !isV2(slot)) continue;
    const holds = slotHoldsSensitive(slot);
    const verdict = slotKeyVerdict(w, sealer, slot);
    if (verdict === 'vouched') {
      if (!holds) give.push(name);
      else if (opts.relayout) reseal.push(name);
    }
    // A changed key is always someone's doing; an unknown one matters only when the key would have been given.
    else if (verdict === 'changed' || !holds) auditKeys(w, ledger, by, at, KEYS_REFUSE, name, { sensitiveKeyRefused: verdict });
  }
  const granted = ledger.grantSensitiveKey([...give, ...reseal], { reseal });
  for (const name of granted) auditKeys(w, ledger, by, at, KEYS_GRANT, name, { sensitiveKeyGranted: true });
  return granted;
}

/**
 * The first unlock by a holder after the upgrade to vouched slot keys: no statement opens yet, so the public keys
 * the keyring holds now are vouched as they are (trust on first use: a key swapped before this unlock is taken
 * too), in one audit row naming them. Never again once one statement opens, nor from a holder's slot sealed in
 * this version's layout (db/keyslot.ts): a viewer cannot make the ledger look un-upgraded by deleting rows.
 */
function vouchKeysOnUpgrade(w: WriteDb, ledger: Ledger, sealer: Sealer, by: Actor, at: string): void {
  if (anySlotKeyVouched(w, sealer)) return;
  const slots = ledger.keyring().slots.filter(isV2);
  for (const slot of slots) vouchSlotKey(w, sealer, slot);
  const names = new Map(q.listUsers(w).map((u) => [u.username, u.displayName]));
  appendAudit(
    w,
    {
      at,
      userId: by.userId,
      username: by.username,
      channel: KEYS_VOUCH,
      entity: 'ledger',
      entityId: null,
      after: { slotKeysVouched: slots.map((s) => slotLabel(s.name, names.get(s.name))), trustOnFirstUse: true },
    },
    sealer,
  );
}

/**
 * After an unlock that opened the sensitive key (`ownSlot`: the slot the password or recovery key opened, so
 * truly this user's): the upgrade's trust on first use when that slot still had the older layout, the slot's
 * own public key vouched, then the grants. Two transactions of its own, in that order: the grants rewrite the
 * keyring file (the upgrade re-seals it in the new layout, after which the upgrade never runs again), so the
 * statements are committed first; a crash between the file and a single COMMIT left the keyring upgraded with
 * nothing vouched, and the next rotation would have dropped the recovery slot. Not inside another transaction.
 */
export function settleKeysAtUnlock(w: WriteDb, ledger: Ledger, by: Actor, ownSlot: string, at: string, legacyLayout: boolean): void {
  const sealer = ledger.sealer();
  if (!sealer) return;
  w.transaction(() => {
    if (legacyLayout) vouchKeysOnUpgrade(w, ledger, sealer, by, at);
    const own = findSlot(ledger.keyring(), ownSlot);
    if (own) vouchSlotKey(w, sealer, own);
  })();
  w.transaction(() => grantPendingKeys(w, ledger, by, at, { relayout: legacyLayout }))();
}

/**
 * The version-1 slots a rotation must wait for: the recovery slot's and enabled users'. A slot of no enabled user
 * is dropped by the rotation anyway; counting it let anyone with the database key hold every rotation off with a
 * slot for a made-up name (session 17 attack run, S3). Each name left is one the coordinator can act on: a user to
 * reset or disable, or a new recovery key.
 */
export function rotationWaitsFor(db: ReadDb, keyring: Keyring): string[] {
  const enabled = q.listUsers(db).filter((u) => !u.disabled);
  return rotationBlockers(keyring).filter((n) => n === RECOVERY_SLOT || enabled.some((u) => sameUsername(u.username, n)));
}

/** A rotation left due: nothing changed yet. */
const NOT_ROTATED: KeysRotated = { rotated: false, resealed: 0, needsNewPassword: [], recoveryKey: null };

/**
 * Rotates now, or, when a slot in the old layout would be locked out,
 * records that a rotation is due (audited) and says so (`rotated` false); the next
 * coordinator unlock after those users have signed in runs it (once they set a new password: SessionInfo.rotationDue).
 * `passwords`: the coordinator's own, confirmed, and the new one (unused when the rotation is left due).
 */
export function rotateOrMarkDue(services: CoreServices, by: Actor, reason: string, passwords: RotationPasswords): KeysRotated {
  const ledger = services.ledger;
  const db = ledger.handle();
  const w = asWriteDb(db);
  const at = services.clock.nowIso();
  const blockers = rotationWaitsFor(db, ledger.keyring());
  if (blockers.length > 0 || (!ledger.sealer() && ledger.keyring().slots.some(slotHoldsSensitive))) {
    w.transaction(() => {
      writeMeta(w, ROTATION_DUE, JSON.stringify({ reason, since: at }));
      appendAudit(
        w,
        {
          at,
          userId: by.userId,
          username: by.username,
          channel: KEYS_ROTATE,
          entity: 'ledger',
          entityId: null,
          after: { keysRotated: 'due', reason, waitingFor: blockers },
        },
        ledger.sealer(),
      );
    })();
    return NOT_ROTATED;
  }
  return rotateAudited(services, by, reason, passwords, true);
}

/**
 * Who a rotation re-seals to: the recovery slot and enabled users; the sensitive key only to a clerk or
 * coordinator whose role a key holder vouched for. The keyring cannot say it: a viewer can write it. And only to
 * a public key a holder vouched for (slot-keys.ts): a changed one gets nothing (the slot is dropped; its user was
 * locked out by the change already), an unknown one the database key alone, the recovery slot nothing unless
 * vouched. Each refusal is noted in `refused` for the audit.
 */
function entitlement(
  db: ReadDb,
  sealer: Sealer | null,
  keyring: Keyring,
  refused: Map<string, SlotKeyVerdict>,
): (slotName: string) => { db: boolean; sensitive: boolean } {
  const users = q.listUsers(db).filter((u) => !u.disabled);
  const none = { db: false, sensitive: false };
  return (slotName) => {
    const slot = findSlot(keyring, slotName);
    // Without the sensitive key nothing was ever vouched: a ledger from before sealing rotates as it did.
    const verdict = slot && sealer ? slotKeyVerdict(db, sealer, slot) : 'vouched';
    const refuse = () => (refused.set(slotName, verdict), none);
    if (slotName === RECOVERY_SLOT) return verdict === 'vouched' ? { db: true, sensitive: true } : refuse();
    const u = users.find((x) => sameUsername(x.username, slotName));
    if (!u) return none;
    if (verdict === 'changed') return refuse();
    const roleHolds = u.role !== 'viewer' && sealer !== null && isVouched(db, sealer, u);
    if (roleHolds && verdict === 'unknown' && slot && slotHoldsSensitive(slot)) refused.set(slotName, verdict);
    return { db: true, sensitive: roleHolds && verdict === 'vouched' };
  };
}

/**
 * Rotates (keys/rotation.ts) and audits it. `passwords`: the rotating coordinator's own and their new one, for which
 * their slot is made anew, pinned to the new key. `newRecovery`: a new recovery key is made and returned (shown
 * once); not for a rotation run at a sign-in (a due one), where nobody may be there to write it down: the recovery
 * slot is then marked like every other holder's.
 */
export function rotateAudited(services: CoreServices, by: Actor, reason: string, passwords: RotationPasswords, newRecovery: boolean): KeysRotated {
  const ledger = services.ledger;
  const at = services.clock.nowIso();
  // The audit anchor is MACed with the sensitive key: checked under the old key first, re-made under the new one
  // after (an anchor the log no longer matched is left as it is: it is the evidence; audit/anchor.ts).
  const anchorHeld = ['ok', 'none'].includes(checkAnchor(ledger.handle(), ledger.sealer()).state);
  const refused = new Map<string, SlotKeyVerdict>();
  const done = rotateKeys(ledger, services.sealedColumns, {
    nowIso: at,
    bindings: services.rowBindings,
    audit: (w, after) =>
      appendAudit(
        w,
        { at, userId: by.userId, username: by.username, channel: KEYS_ROTATE, entity: 'ledger', entityId: null, after: { ...after, reason } },
        ledger.sealer(),
      ),
    onDbKeyChanged: (oldKey, newKey) => services.throttle.remac(oldKey, newKey),
    entitled: entitlement(ledger.handle(), ledger.sealer(), ledger.keyring(), refused),
    waitFor: rotationWaitsFor(ledger.handle(), ledger.keyring()),
    faults: rotationTestHooks.faults ?? {},
    pinHolder: { slotName: by.username, secret: passwords.password, newSecret: passwords.newPassword },
    ...(newRecovery ? { newRecovery: { secret: newRecoveryKey(), kdf: ledger.kdf } } : {}),
  });
  const w = asWriteDb(ledger.handle());
  const names = new Map(q.listUsers(w).map((u) => [u.username, u.displayName]));
  w.transaction(() => {
    deleteMeta(w, ROTATION_DUE);
    writeMeta(w, LAST_ROTATION, at);
    for (const [name, verdict] of refused) auditKeys(w, ledger, by, at, KEYS_REFUSE, name, { sensitiveKeyRefused: verdict, keysRotated: true });
    // The new recovery slot and the rotating user's, the program's own, made just now: their public keys vouched under the new key.
    const recovery = done.recoveryKey ? findSlot(ledger.keyring(), RECOVERY_SLOT) : undefined;
    for (const slot of [recovery, findSlot(ledger.keyring(), by.username)]) if (slot) vouchSlotKey(w, ledger.sealer(), slot);
    // The password they chose just now: a first-login change still due is done by it.
    q.clearMustChangePassword(w, by.userId, at);
  })();
  const sealer = ledger.sealer();
  if (anchorHeld && sealer) reanchor(ledger.handle(), sealer, at);
  return {
    rotated: true,
    resealed: done.resealed,
    needsNewPassword: done.pinStale.filter((n) => n !== RECOVERY_SLOT).map((n) => names.get(n) ?? n),
    recoveryKey: done.recoveryKey,
  };
}

/** Whether a rotation marked this slot (its holder missed it and is refused the key until a password reset). */
export const missedRotation = (slot: KeySlot | undefined): boolean => slot !== undefined && isV2(slot) && slot.pinStale === true;

/**
 * The rotation owed: the meta mark, or else the log. The mark is a row a viewer can delete with the database key, and
 * a rotation then owed was forgotten: a disabled clerk's saved key kept opening the ledger (session 17 attack run,
 * S4). The log's rows cannot be removed without the anchor noticing: the newest 'due' or 'done' of keys.rotate says
 * whether one is owed (started and undone rows say nothing of it).
 */
export function rotationDue(db: ReadDb): { reason: string; since: string } | null {
  const mark = readMeta(db, ROTATION_DUE);
  if (mark) return JSON.parse(mark) as { reason: string; since: string };
  const row = db
    .prepare(
      `SELECT at, json_extract(after_json, '$.keysRotated') AS state, json_extract(after_json, '$.reason') AS reason FROM audit_log
        WHERE channel = @channel AND json_extract(after_json, '$.keysRotated') IN ('due', 'done') ORDER BY id DESC LIMIT 1`,
    )
    .get({ channel: KEYS_ROTATE }) as { at: string; state: string; reason: unknown } | undefined;
  return row?.state === 'due' ? { reason: typeof row.reason === 'string' ? row.reason : '更换密钥待办', since: row.at } : null;
}

/**
 * After a coordinator's unlock holding the sensitive key: the rotation left due that can run now (nobody would be
 * locked out), else null. It does not run here: every rotation ends with the coordinator on a new password (issue 19,
 * R1), so the session waits for one (auth/due-rotation.ts) before anything else opens.
 */
export function dueRotationAtUnlock(services: CoreServices, session: Session): { reason: string } | null {
  const db = services.ledger.handle();
  const due = rotationDue(db);
  if (!due || session.role !== 'coordinator' || !services.ledger.sealer()) return null;
  if (rotationWaitsFor(db, services.ledger.keyring()).length > 0) return null;
  return { reason: due.reason };
}

/** A new recovery key replaces the recovery slot (shown once); it holds what the coordinator's session holds, its public key vouched. */
export function newRecoveryKeyFor(w: WriteDb, ledger: Ledger): string {
  const recoveryKey = newRecoveryKey();
  const keyring = ledger.keyring();
  const keys = ledger.heldKeys();
  if (!keys.sensitiveKey && keyring.slots.some(slotHoldsSensitive))
    throw new AppError('FORBIDDEN', '生成新的恢复密钥需要能解开加密信息的统筹负责人账号。请用持有敏感信息密钥的统筹负责人账号登录后再试。');
  const slot = makeSlot(keyring.ledgerId, RECOVERY_SLOT, recoveryKey, keys, ledger.kdf);
  vouchSlotKey(w, ledger.sealer(), slot);
  ledger.saveKeyring(replaceSlot(keyring, slot));
  return recoveryKey;
}

export function keyStatus(db: ReadDb, ledger: Ledger): KeyStatus {
  const keyring = ledger.keyring();
  const recovery = findSlot(keyring, RECOVERY_SLOT);
  const names = new Map(q.listUsers(db).map((u) => [u.username, u.displayName]));
  const due = rotationDue(db);
  return {
    recoveryExists: recovery !== undefined,
    recoveryHoldsSensitive: recovery !== undefined && slotHoldsSensitive(recovery),
    recoveryUpgraded: recovery !== undefined && isV2(recovery),
    recoveryMissedRotation: missedRotation(recovery),
    notSignedInSinceUpgrade: legacySlots(keyring)
      .filter((n) => n !== RECOVERY_SLOT)
      .map((n) => names.get(n) ?? n),
    rotationDue: due,
    lastRotatedAt: readMeta(db, LAST_ROTATION),
    ...changedSlots(db, ledger, names),
    ...unverifiedUsers(db, ledger),
  };
}

/** Slots (display names, 恢复密钥) whose public key is not the one a holder vouched for: someone rewrote the keyring. */
function changedSlots(db: ReadDb, ledger: Ledger, names: Map<string, string>): Pick<KeyStatus, 'slotsChanged' | 'changedUsers' | 'recoveryChanged'> {
  const sealer = ledger.sealer();
  const changed = sealer ? ledger.keyring().slots.filter((s) => slotKeyVerdict(db, sealer, s) === 'changed') : [];
  const users = changed.filter((s) => s.name !== RECOVERY_SLOT);
  return {
    slotsChanged: changed.map((s) => slotLabel(s.name, names.get(s.name))),
    changedUsers: users.map((s) => slotLabel(s.name, names.get(s.name))),
    recoveryChanged: users.length < changed.length,
  };
}
