/**
 * Every column sealed with the sensitive key (keys/sealed-columns.ts), in one
 * list that key rotation re-seals. One line per column group; an area that
 * seals a column adds its line here, with the purpose constants it writes with.
 */
import type { SealedColumn } from './keys/sealed-columns';
import { CASELOAD_SEALED_COLUMNS } from './caseload/sealed-people';
import { HONOURS_SEALED_COLUMNS } from './honours/seal-registry';
import { officeKeySealedColumn } from './io/export/office-key';
import { IMPORT_SEALED_COLUMNS } from './io/import/staging-seal';
import { STAFF_SEALED_COLUMNS } from './rota/sealed-staff';
import { USERS_SEALED_COLUMNS } from './auth/vouched-roles';

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  ...CASELOAD_SEALED_COLUMNS,
  ...HONOURS_SEALED_COLUMNS,
  ...STAFF_SEALED_COLUMNS,
  officeKeySealedColumn,
  ...IMPORT_SEALED_COLUMNS,
  ...USERS_SEALED_COLUMNS,
];
