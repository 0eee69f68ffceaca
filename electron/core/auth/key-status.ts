/**
 * What 设置 → 用户 → 密钥 says about the keys (users.keyStatus): the recovery slot, who has not signed in since the
 * upgrade, a rotation left due, slots someone rewrote, the key's history. Read only; the rotations are in keys.ts.
 */
import { sealedValueFinder } from '../audit/audit-seal';
import type { Clock } from '../clock';
import type { Ledger } from '../db/ledger';
import { readMeta } from '../db/ledger-files';
import { findSlot, legacySlots, RECOVERY_SLOT, type Keyring } from '../db/keyring';
import { isV2, slotHoldsSensitive, type KeySlot } from '../db/keyslot';
import type { ReadDb } from '../db/types';
import { keyHistoryFinding } from '../keys/key-history-finding';
import { keyMadeBy } from './confirmed-notice';
import { unconfirmedCoordinators } from './coordinator-upgrade';
import { slotLabel } from './key-grants';
import { LAST_ROTATION } from './keys';
import { rotationDue } from './rotation-owed';
import { slotKeyVerdict } from './slot-keys';
import type { KeyStatus } from './types.shared';
import { recoveryGaveNoKey, recoverySlotAlteredNow, unseenRecoverySheet } from './unseen-recovery-sheet';
import { unverifiedUsers } from './unverified-users';
import * as q from './user-queries';

/** Whether a rotation marked this slot (its holder missed it and is refused the key until a password reset). */
export const missedRotation = (slot: KeySlot | undefined): boolean => slot !== undefined && isV2(slot) && slot.pinStale === true;

export function keyStatus(db: ReadDb, ledger: Ledger, clock: Clock, recordPurposes: readonly string[]): KeyStatus {
  const nowIso = clock.nowIso();
  const keyring = ledger.keyring();
  const recovery = findSlot(keyring, RECOVERY_SLOT);
  const names = new Map(q.listUsers(db).map((u) => [u.username, u.displayName]));
  const due = rotationDue(db, ledger.sealer(), nowIso);
  const madeBy = keyMadeBy(db);
  return {
    recoveryExists: recovery !== undefined,
    recoveryHoldsSensitive: recovery !== undefined && slotHoldsSensitive(recovery),
    recoveryUpgraded: recovery !== undefined && isV2(recovery),
    recoveryMissedRotation: missedRotation(recovery),
    recoveryGaveNoKey: recovery !== undefined && recoveryGaveNoKey(db, ledger.sealer(), keyring),
    notSignedInSinceUpgrade: legacySlots(keyring)
      .filter((n) => n !== RECOVERY_SLOT)
      .map((n) => names.get(n) ?? n),
    rotationDue: due,
    lastRotatedAt: readMeta(db, LAST_ROTATION),
    ...changedSlots(db, ledger, names),
    ...unverifiedUsers(db, ledger),
    unconfirmedCoordinators: unconfirmedCoordinators(db, keyring.ledgerId, ledger.coordinatorKey()).map((u) => ({ id: u.id, name: u.displayName })),
    coordinatorKeyMadeBy: madeBy ? { name: names.get(madeBy.username) ?? madeBy.username, username: madeBy.username, at: madeBy.at } : null,
    keyHistory: keyHistoryFinding(db, ledger.sealer(), clock, sealedValueFinder(recordPurposes)),
    ...recoveryNotices(db, ledger, clock, keyring),
  };
}

/** 密钥's words on the recovery slot that the sign-in says too (signInRecoveryNotice): one at a time, as there. */
function recoveryNotices(db: ReadDb, ledger: Ledger, clock: Clock, keyring: Keyring): Pick<KeyStatus, 'recoverySheetUnseen' | 'recoverySlotAltered'> {
  const sealer = ledger.sealer();
  const recoverySheetUnseen = unseenRecoverySheet(db, clock, sealer, keyring);
  const quiet = recoverySheetUnseen !== null || !findSlot(keyring, RECOVERY_SLOT) || recoveryGaveNoKey(db, sealer, keyring);
  return { recoverySheetUnseen, recoverySlotAltered: !quiet && recoverySlotAlteredNow(db, sealer, keyring) };
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
