/**
 * Clerks and coordinators a key holder has not vouched for, as 设置 → 用户 lists them (key-status.ts keyStatus). Both
 * run as 只读查看 until a coordinator acts; the notice of the signed-in user says the same from their side
 * (key-notice.ts). Found with the sensitive key only: without it nothing was ever vouched.
 *
 * - `unverifiedUsers`: the role is vouched but the slot's public key is one no holder has seen (verdict 'unknown').
 *   A slot made without the key: a clerk of a ledger from before sealing whose old-layout slot was converted at
 *   their own sign-in after the coordinator's sign-in had made the key (the usual order after the upgrade), a
 *   keyless clerk's own password change, a recovery through a keyless recovery slot. The program cannot tell it
 *   from a slot a viewer wrote into the keyring file, so it asks a person: a reset of the password by a holder
 *   makes a slot they vouch for. Before session 18 nobody was told, and the clerk stayed keyless for good.
 * - `unvouchedRoles`: the role in the table is not one a holder set (vouched-roles.ts): written into the file with
 *   the database key alone. A reset would make that role real, so the advice is the opposite: disable the account.
 */
import type { Ledger } from '../db/ledger';
import { findSlot } from '../db/keyring';
import { isV2, slotHoldsSensitive } from '../db/keyslot';
import type { ReadDb } from '../db/types';
import type { KeyStatus } from './types.shared';
import { slotKeyVerdict } from './slot-keys';
import * as q from './user-queries';
import { isVouched } from './vouched-roles';

export function unverifiedUsers(db: ReadDb, ledger: Ledger): Pick<KeyStatus, 'unverifiedUsers' | 'unvouchedRoles'> {
  const sealer = ledger.sealer();
  if (!sealer) return { unverifiedUsers: [], unvouchedRoles: [] };
  const keyring = ledger.keyring();
  const users = q.listUsers(db).filter((u) => !u.disabled && u.role !== 'viewer');
  const unvouched = users.filter((u) => !isVouched(db, sealer, u));
  const unverified = users.filter((u) => {
    const slot = findSlot(keyring, u.username);
    return !unvouched.includes(u) && slot !== undefined && isV2(slot) && !slotHoldsSensitive(slot) && slotKeyVerdict(db, sealer, slot) === 'unknown';
  });
  return { unverifiedUsers: unverified.map((u) => u.displayName), unvouchedRoles: unvouched.map((u) => ({ name: u.displayName, role: u.role })) };
}
