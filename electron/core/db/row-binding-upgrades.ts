/**
 * The sealing upgrades of row binding (db/row-binding.ts), run after a clerk's or coordinator's unlock
 * (seal-upgrades.ts): per binding stage, the marker restore first of all and the binding upgrade last of all.
 */
import type { SealUpgrade } from './seal-upgrades';
import type { Sealer } from './sealer';
import type { ReadDb } from './types';
import { bindAllRows, bindingDone, damagedNote, damagedRows, stageOf, stagesOf, writeBindingMarker, type BindingStage, type RowBinding } from './row-binding';

const ofStage = (stage: BindingStage, bindings: readonly RowBinding[]): RowBinding[] => bindings.filter((b) => stageOf(b).key === stage.key);

/**
 * Whether a stage's rows were bound on this ledger before, when its marker is absent: the audit log still records the
 * first binding (its upgrade, or a new ledger's setup), or the log itself was cut or re-chained (its anchor no longer
 * holds), when its silence proves nothing. The marker is a meta row the database key deletes (a viewer, offline).
 */
function boundBeforeByLog(db: ReadDb, sealer: Sealer, stage: BindingStage, logHeld: LogHeld): boolean {
  const recorded = db
    .prepare(`SELECT 1 FROM audit_log WHERE entity = 'ledger' AND (after_json LIKE @upgraded OR after_json LIKE @made) LIMIT 1`)
    .get({ upgraded: `%"sealed":"${stage.name}"%`, made: `%"${stage.setupFlag}":true%` });
  return recorded !== undefined || !logHeld(db, sealer);
}

/**
 * Puts back a stage's marker that was deleted after its rows were bound (nineteenth attack run, S33-A1): listed before
 * every other sealing upgrade, since each asks the marker whether an unbound row is damage (bindingDone). Without it,
 * a viewer who deleted the marker had the clear-column upgrades seal their numbers over a resident's and bind the row
 * (sealClearInPlace), and fold-names bind two swapped rows as intact (sealInPlace). With it back, those rows stay
 * unbound: damage, refused at their next opening, and named in this upgrade's audit row.
 */
export function bindingMarkerRestore(stage: BindingStage, bindings: readonly RowBinding[], logHeld: LogHeld): SealUpgrade {
  const own = ofStage(stage, bindings);
  return {
    name: `${stage.name}.marker`,
    pending: (db, sealer) => (!bindingDone(db, stage) && sealer !== undefined && boundBeforeByLog(db, sealer, stage, logHeld) ? 1 : 0),
    run(db, sealer) {
      const damaged = damagedRows(db, sealer, own, true);
      writeBindingMarker(db, sealer, stage);
      return { rows: 0, note: { markerRestored: stage.key, ...(damaged.size > 0 ? { damagedRows: damagedNote(damaged) } : {}) } };
    },
  };
}

/**
 * The sealing upgrade that binds the rows of one stage on a ledger made before it (migration 036's tables; the cases
 * of 043), run after a clerk's or coordinator's unlock (db/seal-upgrades.ts, listed last so the columns other upgrades
 * seal are bound too). It runs once, until its marker is written; rows whose MAC is already wrong stay unbound
 * (damage), and the audit row names them.
 */
export function rowBindingUpgrade(stage: BindingStage, bindings: readonly RowBinding[], logHeld: LogHeld = () => true): SealUpgrade {
  const own = ofStage(stage, bindings);
  return {
    name: stage.name,
    pending: (db) => (!bindingDone(db, stage) ? 1 : 0),
    run(db, sealer) {
      // Normally bindingMarkerRestore has put a deleted marker back before this runs; asked again here, so this upgrade
      // never binds swapped rows as found whatever runs before it.
      const damaged = damagedRows(db, sealer, own, boundBeforeByLog(db, sealer, stage, logHeld));
      const rows = bindAllRows(db, sealer, own, damaged);
      writeBindingMarker(db, sealer, stage);
      return damaged.size > 0 ? { rows, note: { damagedRows: damagedNote(damaged) } } : rows;
    },
  };
}

/** Whether the audit log is as its anchor outside the database says (audit/anchor.ts; injected, db/ does not import audit/). */
export type LogHeld = (db: ReadDb, sealer: Sealer) => boolean;

/** One binding upgrade per stage among `bindings`, the earliest first (seal-upgrades.ts: last of all). */
export const rowBindingUpgrades = (bindings: readonly RowBinding[], logHeld?: LogHeld): SealUpgrade[] =>
  stagesOf(bindings).map((s) => rowBindingUpgrade(s, bindings, logHeld));

/** One marker restore per stage among `bindings` (seal-upgrades.ts: first of all). */
export const bindingMarkerRestores = (bindings: readonly RowBinding[], logHeld: LogHeld): SealUpgrade[] =>
  stagesOf(bindings).map((s) => bindingMarkerRestore(s, bindings, logHeld));
