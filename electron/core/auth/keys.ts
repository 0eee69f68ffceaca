/**
 * The keys behind the users screen: rotating both keys when someone who knew
 * them leaves (or on the coordinator's 「更换密钥」 and 「生成新的恢复密钥」), a
 * rotation left due. Giving the sensitive key to slots that should hold it is
 * in key-grants.ts; the crypto in db/keyslot.ts and keys/rotation.ts; what 设置
 * says about the keys in key-status.ts.
 */
import { appendAudit } from '../audit/audit-log';
import { checkAnchor, headNow } from '../audit/anchor';
import { markRechained, reanchor } from '../audit/anchor-write';
import { sealedValueFinder } from '../audit/audit-seal';
import type { Ledger } from '../db/ledger';
import { deleteMeta, writeMeta } from '../db/ledger-files';
import { findSlot, newRecoveryKey, RECOVERY_SLOT, type Keyring } from '../db/keyring';
import { slotHoldsSensitive } from '../db/keyslot';
import { asWriteDb, type ReadDb } from '../db/types';
import type { CoreServices } from '../handler-types';
import { rotateKeys, rotationBlockers, type RotationFaults, type RotationOptions } from '../keys/rotation';
import { isVouchedCoordinator, vouchedCoordinators, writeCoordinators } from './coordinator-vouch';
import { KEYS_ROTATE, markRotationDue, ROTATION_DUE, rotationDue } from './rotation-owed';
import { noteRetiredHere, noteRotationUnderWay, retiredHereTag } from './retired-here';
import type { Session } from '../session';
import type { Sealer } from '../db/sealer';
import { sameUsername } from './username.shared';
import type { KeysRotated } from './types.shared';
import * as q from './user-queries';
import { isVouched } from './vouched-roles';
import { putBackSlotKeys, slotKeyVerdict, storedSlotKeys, vouchSlotKey, type SlotKeyVerdict } from './slot-keys';
import type { RotationPasswords } from './rotation-passwords';
import { auditKeys, KEYS_REFUSE, type Actor } from './key-grants';
import { noteRecoverySheetShown } from './unseen-recovery-sheet';
import { keyHistoryFinding, keyHistoryRefusal } from '../keys/key-history-finding';
import { AfterSwitch, unfinishedWords } from '../keys/after-switch';

export const LAST_ROTATION = 'keys_last_rotation';
export type { Actor } from './key-grants';

/** Test-only: make the next rotation fail at a step (keys/rotation.ts). */
export const rotationTestHooks: { faults: RotationFaults | null } = { faults: null };

/**
 * The version-1 slots a rotation must wait for: enabled users'. A slot of no enabled user is dropped by the rotation
 * anyway; counting it let anyone with the database key hold every rotation off with a slot for a made-up name
 * (session 17 attack run, S3). Nor the recovery slot's: every rotation here makes it afresh for a new sheet
 * (rotateAudited), and 生成新的恢复密钥 is a rotation (S31-A1), so an old-layout sheet waiting for it would wait for
 * itself. Each name left is one the coordinator can act on: a user to sign in once, or to disable.
 */
export function rotationWaitsFor(db: ReadDb, keyring: Keyring): string[] {
  const enabled = q.listUsers(db).filter((u) => !u.disabled);
  return rotationBlockers(keyring).filter((n) => n !== RECOVERY_SLOT && enabled.some((u) => sameUsername(u.username, n)));
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
    w.transaction(() => markRotationDue(w, { at, by, reason, waitingFor: blockers }, ledger.sealer(), ledger.sealer()))();
    return NOT_ROTATED;
  }
  const keyId = ledger.keyring().keyId;
  try {
    return rotateAudited(services, by, reason, passwords);
  } catch (e) {
    // The user is disabled or demoted already (S33-A6): a rotation that failed before its switch is left owed, as one
    // held back by a blocker, so the next coordinator sign-in runs it; the failure is still said.
    if (ledger.isOpen() && ledger.keyring().keyId === keyId) {
      const owed = asWriteDb(ledger.handle());
      owed.transaction(() => markRotationDue(owed, { at, by, reason }, ledger.sealer(), ledger.sealer()))();
    }
    throw e;
  }
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
  coordinatorKey: Buffer | null,
): (slotName: string) => { db: boolean; sensitive: boolean; coordinator: boolean } {
  const users = q.listUsers(db).filter((u) => !u.disabled);
  const none = { db: false, sensitive: false, coordinator: false };
  return (slotName) => {
    const slot = findSlot(keyring, slotName);
    // Without the sensitive key nothing was ever vouched: a ledger from before sealing rotates as it did.
    const verdict = slot && sealer ? slotKeyVerdict(db, sealer, slot) : 'vouched';
    const refuse = () => (refused.set(slotName, verdict), none);
    if (slotName === RECOVERY_SLOT) return verdict === 'vouched' ? { db: true, sensitive: true, coordinator: true } : refuse();
    const u = users.find((x) => sameUsername(x.username, slotName));
    if (!u) return none;
    if (verdict === 'changed') return refuse();
    const roleHolds = u.role !== 'viewer' && sealer !== null && isVouched(db, sealer, u);
    if (roleHolds && verdict === 'unknown' && slot && slotHoldsSensitive(slot)) refused.set(slotName, verdict);
    // The new coordinator key to a coordinator the list vouches for under the key held now (issue 19, CR1).
    const coordinator = u.role === 'coordinator' && isVouchedCoordinator(db, keyring.ledgerId, coordinatorKey, u);
    return { db: true, sensitive: roleHolds && verdict === 'vouched', coordinator };
  };
}

/**
 * Rotates (keys/rotation.ts) and audits it. `passwords`: the rotating coordinator's own and their new one, for which
 * their slot is made anew, pinned to the new key. A new recovery key is made and returned (shown once,
 * RotationResult), by every rotation, the due one too (auth/due-rotation.ts): it runs on the coordinator's
 * 「设置新密码，更换密钥」, whose result shows it; left marked, the old sheet's slot gave a recovery no sensitive key
 * (its pin names the retired one) until someone thought to make a new one. And a new sheet only comes this way
 * (生成新的恢复密钥, S31-A1): the old sheet then opens only the retired keys, in every older copy of the keyring too.
 */
export function rotateAudited(
  services: CoreServices,
  by: Actor,
  reason: string,
  passwords: RotationPasswords,
  history: { dropKeyHistory: boolean } = { dropKeyHistory: true },
): KeysRotated {
  const ledger = services.ledger;
  const at = services.clock.nowIso();
  // A history that does not open is started afresh by the rotation (S33-A6): 更换密钥 asks first (S34-A5); a rotation
  // retiring a leaver's key goes on (they could junk the list to hold it off) and says what it gave up.
  const historyLost = keyHistoryBeforeRotation(services, history.dropKeyHistory);
  // The audit anchor is MACed with the sensitive key: checked under the old key first, re-made under the new one
  // after (an anchor the log no longer matched is left as it is: it is the evidence; audit/anchor.ts).
  const anchorHeld = ['ok', 'none'].includes(checkAnchor(ledger.handle(), ledger.sealer()).state);
  // Noted on this PC once the rotation stands, outside the ledger folder: a put-back copy's recovery is refused (RK1).
  const retiring = ledger.sealer();
  const retiringTag = retiring ? retiredHereTag(retiring) : null;
  const refused = new Map<string, SlotKeyVerdict>();
  // The slots this rotation makes anew, the program's own: vouched under the new key before the switch (S33-A3).
  const made = [RECOVERY_SLOT, by.username];
  const statementsBefore = storedSlotKeys(ledger.handle(), made);
  const ledgerId = ledger.keyring().ledgerId;
  const steps = new AfterSwitch();
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
    entitled: entitlement(ledger.handle(), ledger.sealer(), ledger.keyring(), refused, ledger.coordinatorKey()),
    ...coordinatorListFollows(ledger),
    waitFor: rotationWaitsFor(ledger.handle(), ledger.keyring()),
    faults: rotationTestHooks.faults ?? {},
    steps,
    pinHolder: { slotName: by.username, secret: passwords.password, newSecret: passwords.newPassword },
    newRecovery: { secret: newRecoveryKey(), kdf: ledger.kdf },
    vouchNew: {
      write: (tx, sealer, next) => {
        for (const slot of made.map((name) => findSlot(next, name))) if (slot) vouchSlotKey(tx, sealer, slot);
      },
      restore: (tx) => putBackSlotKeys(tx, statementsBefore),
    },
    // Noted on this PC before the switch, so a stop right after it can be told from a cut log (auth/stopped-rotation.ts).
    beforeSwitch: (keyId, next) => {
      const head = headNow(ledger.handle());
      if (retiringTag && head && next) noteRotationUnderWay(services.appDir, ledgerId, { tag: retiringTag, keyId, ...head }, next);
    },
  });
  // After the switch: each step on its own, a failure said in the reply (keys/after-switch.ts).
  const w = asWriteDb(ledger.handle());
  const names = new Map(q.listUsers(w).map((u) => [u.username, u.displayName]));
  steps.run('records', () =>
    w.transaction(() => {
      deleteMeta(w, ROTATION_DUE);
      writeMeta(w, LAST_ROTATION, at);
      for (const [name, verdict] of refused) auditKeys(w, ledger, by, at, KEYS_REFUSE, name, { sensitiveKeyRefused: verdict, keysRotated: true });
      // The password they chose just now: a first-login change still due is done by it.
      q.clearMustChangePassword(w, by.userId, at);
      // The reply shows the new recovery key: a stop settled earlier is no longer an unseen sheet (S36-A5).
      const sealer = ledger.sealer();
      if (done.recoveryKey && sealer) noteRecoverySheetShown(w, sealer, ledger.keyring());
    })(),
  );
  const sealer = ledger.sealer();
  if (anchorHeld && sealer)
    steps.reanchor(
      () => reanchor(ledger.handle(), sealer, at),
      () => markRechained(ledger.handle()),
    );
  if (retiringTag) steps.run('retiredNote', () => noteRetiredHere(services.appDir, ledgerId, retiringTag));
  const unfinished = unfinishedWords(steps.unfinished);
  return {
    rotated: true,
    resealed: done.resealed,
    needsNewPassword: done.pinStale.filter((n) => n !== RECOVERY_SLOT).map((n) => names.get(n) ?? n),
    recoveryKey: done.recoveryKey,
    ...(historyLost ? { keyHistoryRestarted: historyLost } : {}),
    ...(unfinished ? { unfinished } : {}),
  };
}

/** The key history as a rotation finds it: refused unless `drop`; else the words for what the restart gives up (null: sound). */
export function keyHistoryBeforeRotation(services: CoreServices, drop: boolean): string | null {
  const found = keyHistoryFinding(services.ledger.handle(), services.ledger.sealer(), services.clock, sealedValueFinder(services.sealedRecordAuditPurposes));
  if (!found) return null;
  if (!drop) throw keyHistoryRefusal(found);
  const lost = found.unreadableRows > 0 ? `上次更换密钥之前的 ${found.unreadableRows} 条操作日志记录里加密保存的原号从此无法查看。` : '';
  return `旧密钥记录${found.state === 'damaged' ? '已损坏' : '不见了'}，这次更换密钥重新开始记录：${lost}已记入操作日志。`;
}

/**
 * A rotation's new coordinator key and the coordinators' list re-MACed under it: the list as the key held now vouches
 * for it, less anyone disabled since. Nothing while the ledger has no coordinator key held (an older ledger).
 */
function coordinatorListFollows(ledger: Ledger): Pick<RotationOptions, 'coordinator'> {
  const held = ledger.coordinatorKey();
  if (!held) return {};
  const ledgerId = ledger.keyring().ledgerId;
  const enabled = new Set(
    q
      .listUsers(ledger.handle())
      .filter((u) => !u.disabled && u.role === 'coordinator')
      .map((u) => u.id),
  );
  const list = (vouchedCoordinators(ledger.handle(), ledgerId, held) ?? []).filter(([id]) => enabled.has(id)).map(([id, username]) => ({ id, username }));
  return { coordinator: { held: Buffer.from(held), writeList: (w, key) => writeCoordinators(w, ledgerId, key, list) } };
}

/**
 * After a coordinator's unlock holding the sensitive key: the rotation left due that can run now (nobody would be
 * locked out), else null. It does not run here: every rotation ends with the coordinator on a new password (issue 19,
 * R1), so the session waits for one (auth/due-rotation.ts) before anything else opens.
 */
export function dueRotationAtUnlock(services: CoreServices, session: Session): { reason: string } | null {
  const db = services.ledger.handle();
  const due = rotationDue(db, services.ledger.sealer(), services.clock.nowIso());
  if (!due || session.role !== 'coordinator' || !services.ledger.sealer()) return null;
  if (rotationWaitsFor(db, services.ledger.keyring()).length > 0) return null;
  return { reason: due.reason };
}
