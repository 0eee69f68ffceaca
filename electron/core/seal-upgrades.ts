/**
 * Every area's sealing upgrade (db/seal-upgrades.ts), in one list the core
 * runs after a clerk's or coordinator's unlock. Add one line per sealed column
 * group; the order does not matter.
 */
import type { SealUpgrade } from './db/seal-upgrades';
import { auditPayloadUpgrade } from './audit/payload-upgrade';
import { CASELOAD_SEAL_UPGRADES } from './caseload/seal-upgrade';
import { HONOURS_SEAL_UPGRADES } from './honours/seal-registry';
import { officeKeySealUpgrade } from './io/export/office-key';
import { importStagingUpgrade } from './io/import/staging-upgrade';
import { staffNumbersUpgrade, staffResidentIndexUpgrade } from './rota/staff.repo';
import { namesFoldedUpgrade } from './fold-names';
import { bindingMarkerRestores, rowBindingUpgrades, type LogHeld } from './db/row-binding-upgrades';
import { anchorHolds, checkAnchor } from './audit/anchor';
import { verifyAudit } from './audit/audit-log';
import { ROW_BINDINGS } from './sealed-columns';

/** Whether the audit log's chain and its anchor outside the database hold. */
const logHeld: LogHeld = (db, sealer) => verifyAudit(db).intact && anchorHolds(checkAnchor(db, sealer).state);

export const SEAL_UPGRADES: readonly SealUpgrade[] = [
  // First: a binding marker deleted outside the program is put back before any upgrade asks it whether a row is bound.
  ...bindingMarkerRestores(ROW_BINDINGS, logHeld),
  ...CASELOAD_SEAL_UPGRADES,
  ...HONOURS_SEAL_UPGRADES,
  staffNumbersUpgrade,
  // After it (a number sealed just above already has its index); not a sealing: it only adds an index (073).
  staffResidentIndexUpgrade,
  officeKeySealUpgrade,
  importStagingUpgrade,
  auditPayloadUpgrade,
  // After the sealing ones (a memorial record sealed above has its name folded here), before the binding upgrades.
  namesFoldedUpgrade,
  // Last: binds the rows, sealed values the upgrades above sealed included (one upgrade per binding stage: 036's tables, then 043's cases).
  // A binding upgrade trusts the log's record of an earlier binding only while the chain and its anchor hold.
  ...rowBindingUpgrades(ROW_BINDINGS, logHeld),
];
