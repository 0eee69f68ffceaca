/**
 * Every column sealed with the sensitive key (keys/sealed-columns.ts), in one
 * list that key rotation re-seals. One line per column group; an area that
 * seals a column adds its line here, with the purpose constants it writes with.
 */
import type { SealedColumn } from './keys/sealed-columns';
import { CASELOAD_SEALED_COLUMNS } from './caseload/sealed-people';
import { OLD_RECORD_AUDIT_PURPOSE } from './audit/payload-upgrade';
import { HONOURS_AUDIT_PURPOSES, HONOURS_SEALED_COLUMNS } from './honours/seal-registry';
import { officeKeySealedColumn } from './io/export/office-key';
import { IMPORT_SEALED_COLUMNS } from './io/import/staging-seal';
import { STAFF_SEALED_COLUMNS } from './rota/sealed-staff';
import { USERS_SEALED_COLUMNS } from './auth/sealed-users';

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  ...CASELOAD_SEALED_COLUMNS,
  ...HONOURS_SEALED_COLUMNS,
  ...STAFF_SEALED_COLUMNS,
  officeKeySealedColumn,
  ...IMPORT_SEALED_COLUMNS,
  ...USERS_SEALED_COLUMNS,
];

/**
 * Whole records sealed into audit payloads as `personal: { masked, sealed }`
 * (memorial records and what hangs on them, and rows of them from before,
 * sealed whole by the audit upgrade): the purposes audit.reveal tries.
 * An area that seals a record into its audit rows adds its purposes here.
 */
export const SEALED_RECORD_AUDIT_PURPOSES: readonly string[] = [...HONOURS_AUDIT_PURPOSES, OLD_RECORD_AUDIT_PURPOSE];
