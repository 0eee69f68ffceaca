/**
 * The keys behind the users screen: giving the sensitive key to slots that
 * should hold it, rotating both keys when someone who knew them leaves (or on
 * the coordinator's 「更换密钥」), a new recovery key, and what 设置 says
 * about them. The crypto is in db/keyslot.ts and keys/rotation.ts.
 */
import { appendAudit } from '../audit/audit-log';
import { checkAnchor, reanchor } from '../audit/anchor';
import { deleteMeta, readMeta, writeMeta, type Ledger } from '../db/ledger';
import { findSlot, legacySlots, makeSlot, newRecoveryKey, RECOVERY_SLOT, replaceSlot } from '../db/keyring';
import { isV2, slotHoldsSensitive } from '../db/keyslot';
import { asWriteDb, type ReadDb, type WriteDb } from '../db/types';
import { AppError } from '../errors';
import type { CoreServices } from '../handler-types';
import { rotateKeys, rotationBlockers, type RotationDone, type RotationFaults } from '../keys/rotation';
import type { Session } from '../session';
import type { Sealer } from '../db/sealer';
import { sameUsername } from './username.shared';
import type { KeyStatus } from './contract';
import * as q from './user-queries';
import { isVouched, vouchRole } from './vouched-roles';

/** meta: a rotation that could not run yet (someone's slot is still in the old layout), and why. */
export const ROTATION_DUE = 'keys_rotation_due';
export const LAST_ROTATION = 'keys_last_rotation';
/** Audit channels of the rows written here (操作日志 has words for them). */
export const KEYS_ROTATE = 'keys.rotate';
export const KEYS_GRANT = 'keys.grant';

/** Who is audited as doing it. */
export interface Actor {
  userId: number;
  username: string;
}

/** Test-only: make the next rotation fail at a step (keys/rotation.ts). */
export const rotationTestHooks: { faults: RotationFaults | null } = { faults: null };

/**
 * Seals the sensitive key to every enabled clerk's and coordinator's slot (and
 * the recovery slot) that lacks it, if the ledger holds it; one audit row per
 * slot given it, naming by whom. Runs in the caller's transaction.
 */
export function grantPendingKeys(w: WriteDb, ledger: Ledger, by: Actor, at: string): string[] {
  const sealer = ledger.sealer();
  if (!sealer) return [];
  const keyring = ledger.keyring();
  const candidates = q.listUsers(w).filter((u) => !u.disabled && u.role !== 'viewer');
  // A ledger from before roles were sealed: whoever already holds the key is vouched for as they are (nothing is given).
  for (const u of candidates) {
    const slot = findSlot(keyring, u.username);
    if (slot && slotHoldsSensitive(slot) && !isVouched(w, sealer, u)) vouchRole(w, sealer, u);
  }
  // Only a role a key holder set: a role written into the table with the database key alone is given nothing.
  const eligible = candidates.filter((u) => isVouched(w, sealer, u)).map((u) => u.username);
  const granted = ledger.grantSensitiveKey([...eligible, RECOVERY_SLOT]);
  for (const name of granted) {
    const user = q.getUserByName(w, name);
    appendAudit(
      w,
      {
        at,
        userId: by.userId,
        username: by.username,
        channel: KEYS_GRANT,
        entity: name === RECOVERY_SLOT ? 'ledger' : 'user',
        entityId: user?.id ?? null,
        after: { displayName: name === RECOVERY_SLOT ? '恢复密钥' : (user?.displayName ?? name), sensitiveKeyGranted: true, by: by.username },
      },
      ledger.sealer(),
    );
  }
  return granted;
}

/**
 * Rotates now, or, when a slot in the old layout would be locked out,
 * records that a rotation is due (audited) and returns null; the next
 * coordinator unlock after those users have signed in runs it.
 */
export function rotateOrMarkDue(services: CoreServices, by: Actor, reason: string): RotationDone | null {
  const ledger = services.ledger;
  const db = ledger.handle();
  const w = asWriteDb(db);
  const at = services.clock.nowIso();
  const blockers = rotationBlockers(ledger.keyring());
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
    return null;
  }
  return rotateAudited(services, by, reason);
}

/**
 * Who a rotation re-seals to: the recovery slot and enabled users; the sensitive key only to a clerk or
 * coordinator whose role a key holder vouched for. The keyring cannot say it: a viewer can write it.
 */
function entitlement(db: ReadDb, sealer: Sealer | null): (slotName: string) => { db: boolean; sensitive: boolean } {
  const users = q.listUsers(db).filter((u) => !u.disabled);
  return (slotName) => {
    if (slotName === RECOVERY_SLOT) return { db: true, sensitive: true };
    const u = users.find((x) => sameUsername(x.username, slotName));
    if (!u) return { db: false, sensitive: false };
    return { db: true, sensitive: u.role !== 'viewer' && sealer !== null && isVouched(db, sealer, u) };
  };
}

export function rotateAudited(services: CoreServices, by: Actor, reason: string): RotationDone {
  const ledger = services.ledger;
  const at = services.clock.nowIso();
  // The audit anchor is MACed with the sensitive key: checked under the old key first, re-made under the new one
  // after (an anchor the log no longer matched is left as it is: it is the evidence; audit/anchor.ts).
  const anchorHeld = ['ok', 'none'].includes(checkAnchor(ledger.handle(), ledger.sealer()).state);
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
    entitled: entitlement(ledger.handle(), ledger.sealer()),
    faults: rotationTestHooks.faults ?? {},
  });
  const w = asWriteDb(ledger.handle());
  w.transaction(() => {
    deleteMeta(w, ROTATION_DUE);
    writeMeta(w, LAST_ROTATION, at);
  })();
  const sealer = ledger.sealer();
  if (anchorHeld && sealer) reanchor(ledger.handle(), sealer, at);
  return done;
}

/** After a coordinator's unlock holding the sensitive key: a rotation left due runs once nobody would be locked out. */
export function runDueRotation(services: CoreServices, session: Session): void {
  const db = services.ledger.handle();
  const due = readMeta(db, ROTATION_DUE);
  if (!due || session.role !== 'coordinator' || !services.ledger.sealer()) return;
  if (rotationBlockers(services.ledger.keyring()).length > 0) return;
  try {
    rotateAudited(services, session, (JSON.parse(due) as { reason: string }).reason);
  } catch {
    // Undone and audited inside the rotation; it stays due. An unlock must never fail because of it.
  }
}

/** A new recovery key replaces the recovery slot (shown once); it holds what the coordinator's session holds. */
export function newRecoveryKeyFor(ledger: Ledger): string {
  const recoveryKey = newRecoveryKey();
  const keyring = ledger.keyring();
  const keys = ledger.heldKeys();
  if (!keys.sensitiveKey && keyring.slots.some(slotHoldsSensitive))
    throw new AppError('FORBIDDEN', '生成新的恢复密钥需要能解开加密信息的统筹负责人账号。请用持有敏感信息密钥的统筹负责人账号登录后再试。');
  ledger.saveKeyring(replaceSlot(keyring, makeSlot(keyring.ledgerId, RECOVERY_SLOT, recoveryKey, keys, ledger.kdf)));
  return recoveryKey;
}

export function keyStatus(db: ReadDb, ledger: Ledger): KeyStatus {
  const keyring = ledger.keyring();
  const recovery = findSlot(keyring, RECOVERY_SLOT);
  const names = new Map(q.listUsers(db).map((u) => [u.username, u.displayName]));
  const due = readMeta(db, ROTATION_DUE);
  return {
    recoveryExists: recovery !== undefined,
    recoveryHoldsSensitive: recovery !== undefined && slotHoldsSensitive(recovery),
    recoveryUpgraded: recovery !== undefined && isV2(recovery),
    notSignedInSinceUpgrade: legacySlots(keyring)
      .filter((n) => n !== RECOVERY_SLOT)
      .map((n) => names.get(n) ?? n),
    rotationDue: due ? (JSON.parse(due) as { reason: string; since: string }) : null,
    lastRotatedAt: readMeta(db, LAST_ROTATION),
  };
}
