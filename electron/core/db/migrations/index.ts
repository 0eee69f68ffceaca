/**
 * Every migration, in order. To add one: write NNN_what.sql beside this file
 * (additive: new tables, new columns, new indexes; a table rebuilt keeps its columns in order)
 * and add one line here. One that changes users' records (not only the schema) says which (`changes`): each is audited.
 * Never edit a migration that has shipped.
 */
import m001 from './001_foundation.sql?raw';
import m002 from './002_caseload.sql?raw';
import m003 from './003_supplies.sql?raw';
import m004 from './004_rota.sql?raw';
import m005 from './005_honours.sql?raw';
import m006 from './006_import.sql?raw';
import m007 from './007_export.sql?raw';
import m009 from './009_figures.sql?raw';
import m010 from './010_figures_duty_honours.sql?raw';
import m011 from './011_import_sources.sql?raw';
import m013 from './013_forms.sql?raw';
import m017 from './017_screens.sql?raw';
import m018 from './018_care_origin_index.sql?raw';
import m019 from './019_sealed_people.sql?raw';
import m021 from './021_import_staging_sealed.sql?raw';
import m022 from './022_audit_payloads.sql?raw';
import m023 from './023_honours_sealed.sql?raw';
import m025 from './025_office_key_sealed.sql?raw';
import m027 from './027_staff_sealed.sql?raw';
import m030 from './030_caseload_query_indexes.sql?raw';
import m031 from './031_users_role_sealed.sql?raw';
import m033 from './033_seal_pending_indexes.sql?raw';
import m036 from './036_row_binding.sql?raw';
import m038 from './038_cases_resident_name.sql?raw';
import m039 from './039_audit_heads.sql?raw';
import m040 from './040_import_write_indexes.sql?raw';
import m043 from './043_cases_row_mac.sql?raw';
import m044 from './044_cases_by_staff_assigned.sql?raw';
import m047 from './047_users_must_change_password.sql?raw';
import m049 from './049_residents_relation.sql?raw';
import m056 from './056_staff_inactive_from.sql?raw';
import m059 from './059_screening_visits.sql?raw';
import m064 from './064_slot_keys.sql?raw';
import m068 from './068_cases_team_unsplit.sql?raw';
import m069 from './069_allowance_rates_before.sql?raw';
import m070 from './070_cases_void.sql?raw';
import m071 from './071_household_moves.sql?raw';
import m072 from './072_staff_changes.sql?raw';
import m073 from './073_staff_resident_index.sql?raw';
import m074 from './074_case_moves.sql?raw';
import m075 from './075_referral_checks.sql?raw';
import m076 from './076_honours_limits_before.sql?raw';
import m077 from './077_household_moves_by_household.sql?raw';
import m078 from './078_supply_movements_by_delivery.sql?raw';
import m079 from './079_import_log_merged.sql?raw';
import m080 from './080_attendance_row_mac.sql?raw';
import m081 from './081_rota_shifts_overnight.sql?raw';
import type { ReadDb } from '../types';
import { teamMovedOutOfNotes } from './068-changes';
import type { MigrationChange } from './migration-change';

export type { MigrationChange } from './migration-change';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * A migration that changes what users wrote, not only the schema: called with the database before its SQL runs, it
   * returns what reads, after it, each record it changed. Each is audited in the migration's transaction (migrate.ts),
   * so a coordinator sees who changed a 备注: the upgrade, not nobody.
   */
  changes?: (db: ReadDb) => () => MigrationChange[];
  /**
   * The migration rebuilds a table (SQLite's 12-step ALTER: create the new shape, copy, drop the old,
   * rename): run with foreign keys off, as SQLite requires, and checked by foreign_key_check before it
   * commits (migrate.ts). With them on, dropping a parent table would check every child row per row.
   */
  rebuildsTables?: true;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'foundation', sql: m001 },
  { version: 2, name: 'caseload', sql: m002 },
  { version: 3, name: 'supplies', sql: m003 },
  { version: 4, name: 'rota', sql: m004 },
  { version: 5, name: 'honours', sql: m005 },
  { version: 6, name: 'import', sql: m006 },
  { version: 7, name: 'export', sql: m007 },
  { version: 9, name: 'figures', sql: m009 },
  { version: 10, name: 'figures_duty_honours', sql: m010 },
  { version: 11, name: 'import_sources', sql: m011 },
  { version: 13, name: 'forms', sql: m013 },
  { version: 17, name: 'screens', sql: m017 },
  { version: 18, name: 'care_origin_index', sql: m018 },
  { version: 19, name: 'sealed_people', sql: m019 },
  { version: 21, name: 'import_staging_sealed', sql: m021 },
  { version: 22, name: 'audit_payloads', sql: m022 },
  { version: 23, name: 'honours_sealed', sql: m023 },
  { version: 25, name: 'office_key_sealed', sql: m025 },
  { version: 27, name: 'staff_sealed', sql: m027 },
  { version: 30, name: 'caseload_query_indexes', sql: m030 },
  { version: 31, name: 'users_role_sealed', sql: m031 },
  { version: 33, name: 'seal_pending_indexes', sql: m033 },
  { version: 36, name: 'row_binding', sql: m036 },
  { version: 38, name: 'cases_resident_name', sql: m038 },
  { version: 39, name: 'audit_heads', sql: m039 },
  { version: 40, name: 'import_write_indexes', sql: m040, rebuildsTables: true },
  { version: 43, name: 'cases_row_mac', sql: m043 },
  { version: 44, name: 'cases_by_staff_assigned', sql: m044 },
  { version: 47, name: 'users_must_change_password', sql: m047 },
  { version: 49, name: 'residents_relation', sql: m049 },
  { version: 56, name: 'staff_inactive_from', sql: m056 },
  { version: 59, name: 'screening_visits', sql: m059 },
  { version: 64, name: 'slot_keys', sql: m064 },
  { version: 68, name: 'cases_team_unsplit', sql: m068, changes: teamMovedOutOfNotes },
  { version: 69, name: 'allowance_rates_before', sql: m069 },
  { version: 70, name: 'cases_void', sql: m070 },
  { version: 71, name: 'household_moves', sql: m071 },
  { version: 72, name: 'staff_changes', sql: m072 },
  { version: 73, name: 'staff_resident_index', sql: m073 },
  { version: 74, name: 'case_moves', sql: m074 },
  { version: 75, name: 'referral_checks', sql: m075 },
  { version: 76, name: 'honours_limits_before', sql: m076 },
  { version: 77, name: 'household_moves_by_household', sql: m077 },
  { version: 78, name: 'supply_movements_by_delivery', sql: m078 },
  { version: 79, name: 'import_log_merged', sql: m079 },
  { version: 80, name: 'attendance_row_mac', sql: m080 },
  { version: 81, name: 'rota_shifts_overnight', sql: m081, rebuildsTables: true },
];
