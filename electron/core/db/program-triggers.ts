/**
 * The triggers a ledger of this program holds: those its migrations make, by name and the SHA-256 of their SQL as
 * SQLite keeps it. Any other trigger in the file, or one of these with other SQL, was put there outside the program
 * (the database key opens the file: a viewer's password, offline) and can refuse or alter any write the program makes:
 * it refused the binding marker's restore and left a session in which swapped rows opened (nineteenth attack run,
 * S33-A7), and one could copy another row's sealed value into the row being bound. So a ledger holding one is not
 * opened. `tests/unit/db/program-triggers.test.ts` keeps this list equal to what the migrations make: a migration that
 * adds or changes a trigger adds or changes its line here.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import type { ReadDb } from './types';

export const PROGRAM_TRIGGERS: Readonly<Record<string, string>> = {
  audit_log_no_delete: '0f86b69a9a6e3bae24c935572382bba22a8064df303ca31bdaa7099f6e2f515e',
  audit_log_no_update: 'b5ff6675a8f8005d2aee8a6ce891b2beed54401a367076a37cfe6f6abc839f59',
  cases_follow_resident: '37c23d64a18db10e8df5246fa52362ff8104faa33f30d93532f32fe7f375b40f',
  cases_follow_resident_name: '5eac6244f6412481daa11b3588f72c3361cf6b1a104accd00f483d40f7c18e01',
  screening_visits_follow_household: '5849c863d28dfa7e9e12d0e650285dee747757772995863bc4327a86df0f103a',
  supply_movements_no_delete: '9eb686bdd2c5ff5dd13817b769581f3438fc3a9bee47a9f081b1f776198e31a8',
  supply_movements_no_update: '816c62c35deef0db87b87bc1be9e9d3f3a70916d02a89d53ff4e27ac4c3f2b41',
  supply_movements_store_exists: 'a1a04e262d669a500b8a6cb0ba867d2bee4aa0fa93fd526148f3205d25466a4a',
};

export const triggerHash = (sql: string): string => createHash('sha256').update(sql).digest('hex');

/** The names of the triggers in the file that the program did not make (or made with other SQL). */
export function foreignTriggers(db: ReadDb): string[] {
  const rows = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all() as Array<{ name: string; sql: string | null }>;
  return rows.filter((r) => PROGRAM_TRIGGERS[r.name] !== triggerHash(r.sql ?? '')).map((r) => r.name);
}

/**
 * Refuses a ledger holding a trigger the program did not make (after its migrations, which make the program's own), or
 * a backup's copy holding one before a restore swaps it in: the restore itself writes into the copy (its audit row),
 * and such a trigger would run under the restorer's key before the restored ledger was refused at its next unlock.
 * Checking the copy unmigrated is sound because no migration ever changed a trigger's SQL (038 and 040 make
 * cases_follow_resident with the same text; the test walks every migration to keep it so).
 */
export function refuseForeignTriggers(db: ReadDb, holder: 'ledger' | 'backup' = 'ledger'): void {
  const foreign = foreignTriggers(db);
  if (foreign.length === 0) return;
  const named = foreign.join('、');
  throw new AppError(
    'LEDGER_DAMAGED',
    holder === 'ledger'
      ? `台账文件里有不是本程序建立的触发器（${named}）：台账在本程序之外被改动过，它能改动或拦下本程序写入的内容，本程序不会打开这个台账。请从备份恢复。`
      : `这份备份的台账文件里有不是本程序建立的触发器（${named}）：备份在本程序之外被改动过，不能用它恢复。当前台账没有被改动。`,
    { foreignTriggers: foreign },
  );
}
