/**
 * Sealing what older versions stored in clear. A schema migration can add the
 * sealed and masked columns and fill the masks (plain SQL, no key needed), but
 * only a session holding the sensitive key can seal. So each area that seals
 * a column gives one upgrade here; after a clerk's or coordinator's unlock the
 * pending ones run, each in one transaction with its audit row, and then the
 * file is vacuumed so the clear values do not linger in free pages or the WAL
 * (secure_delete is on as well, db/open.ts).
 */
import type { Database, ReadDb, WriteDb } from './types';
import { asWriteDb } from './types';
import type { Sealer } from './sealer';

export interface SealUpgrade {
  /** Stable name, shown in the audit log (e.g. 'residents.id_number'). */
  name: string;
  /** Rows still holding a clear value (`sealer`: for an upgrade that must open sealed values to know). */
  pending(db: ReadDb, sealer?: Sealer): number;
  /**
   * Seals every pending row and clears the plain value; returns how many rows it sealed, or that
   * and a note for the audit row (e.g. the audit log's old and new head hash). Never awaits.
   */
  run(db: WriteDb, sealer: Sealer): number | { rows: number; note: Record<string, unknown> };
}

/** Runs every pending upgrade; `audit` is called inside each upgrade's transaction. Returns what was sealed. */
export function runSealUpgrades(
  db: Database,
  sealer: Sealer,
  upgrades: readonly SealUpgrade[],
  audit: (w: WriteDb, after: { sealed: string; rows: number }) => void,
): Array<{ sealed: string; rows: number }> {
  const done: Array<{ sealed: string; rows: number } & Record<string, unknown>> = [];
  const w = asWriteDb(db);
  for (const u of upgrades) {
    if (u.pending(w, sealer) === 0) continue;
    w.transaction(() => {
      const ran = u.run(w, sealer);
      const entry = typeof ran === 'number' ? { sealed: u.name, rows: ran } : { sealed: u.name, rows: ran.rows, ...ran.note };
      audit(w, entry);
      done.push(entry);
    })();
  }
  if (done.length > 0) {
    // Clear values were overwritten in place (secure_delete); VACUUM also rewrites every page and empties the WAL.
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
  return done;
}
