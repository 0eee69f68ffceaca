/**
 * Users' roles vouched for with the sensitive key (vouched-roles.ts): the
 * sealed column and its purpose, listed in the root's sealed-columns.ts so a
 * key rotation re-seals it. Declared in auth/, which the list imports; auth
 * never imports the list.
 */
import type { SealedColumn } from '../keys/sealed-columns';

export const USERS_ROLE_PURPOSE = 'users.role';
/** Slots' public keys vouched for (slot-keys.ts): the statement carries the slot's name, so it needs no row binding either. */
export const SLOT_KEY_PURPOSE = 'slots.public_key';

export const USERS_SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'users', column: 'role_sealed', purpose: USERS_ROLE_PURPOSE, indexes: [] },
  { table: 'slot_keys', column: 'key_sealed', purpose: SLOT_KEY_PURPOSE, indexes: [] },
];
