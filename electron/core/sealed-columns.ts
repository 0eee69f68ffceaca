/**
 * Every column sealed with the sensitive key (keys/sealed-columns.ts), in one
 * list that key rotation re-seals. One line per column group; an area that
 * seals a column adds its line here, with the purpose constants it writes with.
 */
import type { SealedColumn } from './keys/sealed-columns';
import type { RowBinding } from './db/row-binding';
import { CASELOAD_SEALED_COLUMNS, HOUSEHOLD_BINDING, RESIDENT_BINDING } from './caseload/sealed-people';
import { CASE_BINDING } from './caseload/case-binding';
import { ATTENDANCE_BINDING } from './rota/attendance-binding';
import { OLD_RECORD_AUDIT_PURPOSE } from './audit/payload-upgrade';
import { HONOURS_AUDIT_PURPOSES, HONOURS_ROW_BINDINGS, HONOURS_SEALED_COLUMNS } from './honours/seal-registry';
import { OFFICE_KEY_BINDING, officeKeySealedColumn } from './io/export/office-key';
import { IMPORT_SEALED_COLUMNS } from './io/import/staging-seal';
import { STAFF_BINDING, STAFF_SEALED_COLUMNS } from './rota/sealed-staff';
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
 * Every table whose rows are bound to their sealed values (db/row-binding.ts, migration 036), and cases to their
 * resident (caseload/case-binding.ts, migration 043, a stage of its own): its writer writes the row MAC, reads that
 * open a sealed value (or show a case with one) check it, the binding upgrade fills it on an older ledger and key
 * rotation recomputes it. A table that seals a column adds its binding here; the ones not bound say why beside their
 * line above (and in electron/core/README.md):
 * - import staging (rejected rows' raw cells, flagged rows' incoming records): kept only until the batch is closed,
 *   opened only for the clerk to correct or approve the row they sit beside, never exported or signed;
 * - users' roles: the role seal already carries the row's id and username (auth/vouched-roles.ts);
 * - slots' vouched public keys: the statement carries the slot's name (auth/slot-keys.ts).
 */
export const ROW_BINDINGS: readonly RowBinding[] = [
  RESIDENT_BINDING,
  HOUSEHOLD_BINDING,
  STAFF_BINDING,
  ...HONOURS_ROW_BINDINGS,
  OFFICE_KEY_BINDING,
  CASE_BINDING,
  ATTENDANCE_BINDING,
];

/**
 * Whole records sealed into audit payloads as `personal: { masked, sealed }`
 * (memorial records and what hangs on them, and rows of them from before,
 * sealed whole by the audit upgrade): the purposes audit.reveal tries.
 * An area that seals a record into its audit rows adds its purposes here.
 */
export const SEALED_RECORD_AUDIT_PURPOSES: readonly string[] = [...HONOURS_AUDIT_PURPOSES, OLD_RECORD_AUDIT_PURPOSE];
