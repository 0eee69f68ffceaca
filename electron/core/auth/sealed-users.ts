/**
 * Users' roles vouched for with the sensitive key (vouched-roles.ts): the
 * sealed column and its purpose, listed in the root's sealed-columns.ts so a
 * key rotation re-seals it. Declared in auth/, which the list imports; auth
 * never imports the list.
 */
import type { SealedColumn } from '../keys/sealed-columns';

export const USERS_ROLE_PURPOSE = 'users.role';

export const USERS_SEALED_COLUMNS: readonly SealedColumn[] = [{ table: 'users', column: 'role_sealed', purpose: USERS_ROLE_PURPOSE, indexes: [] }];
