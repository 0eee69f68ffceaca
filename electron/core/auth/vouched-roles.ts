/**
 * Roles vouched for with the sensitive key. Every slot opens the database, so
 * the `users` table is writable by a viewer who can reach the ledger folder
 * (a shared PC): with role = 'clerk' written into their own row they would be
 * given the sensitive key at the next clerk's or coordinator's unlock
 * (keys.ts grantPendingKeys), and could then read every sealed value
 * offline. So the sensitive key follows a role only when `users.role_sealed`
 * (the row's id, username and role, sealed under the sensitive key) opens and
 * matches the row: only a session holding the key can write it. A role change
 * drops the seal (user-queries.ts updateUser); key rotation re-seals it with
 * the other sealed columns (sealed-columns.ts).
 */
import type { Sealer } from '../db/sealer';
import type { WriteDb, ReadDb } from '../db/types';
import { USERS_ROLE_PURPOSE } from './sealed-users';
import type { UserInfo } from './types.shared';
import * as q from './user-queries';

const ROLE_PURPOSE = USERS_ROLE_PURPOSE;

type Vouchable = Pick<UserInfo, 'id' | 'username' | 'role'>;
const statement = (u: Vouchable): string => JSON.stringify([u.id, u.username, u.role]);

/** Seals the user's role as it is now; nothing without the key (the role stays unvouched). */
export function vouchRole(w: WriteDb, sealer: Sealer | null, u: Vouchable): void {
  if (sealer) q.setRoleSealed(w, u.id, sealer.seal(ROLE_PURPOSE, statement(u)));
}

/** True when a session holding the sensitive key set this user's current role. */
export function isVouched(db: ReadDb, sealer: Sealer, u: Vouchable): boolean {
  const sealed = q.roleSealedOf(db, u.id);
  if (!sealed) return false;
  try {
    return sealer.open(ROLE_PURPOSE, sealed) === statement(u);
  } catch {
    return false;
  }
}
