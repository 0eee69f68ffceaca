/**
 * The residents import's audit records, made at preview (issue 14 §6: the commit ≤ 3 s). For every row the
 * commit will create, in plan order, the records it would audit if it writes as the preview planned
 * (resident-prepare.ts): the household a row adds, then the resident, each under its planned id. They are
 * batched and serialised now (batched-audit.ts plannedRows), so the commit, inside the ledger's lock, only
 * counts each record it makes as planned and writes the rows already made. The commit follows them only
 * with the rows prepared (the ledger's stamp, the duplicate mode and the sealer the preview's: apply.ts) and
 * only as long as every record is the planned one (its entity, id and household); otherwise it audits as
 * without a plan, from the first record that differs, and the log is the same.
 */
import { plannedRows, type PlannedAudit } from '../batched-audit';
import { newHouseholdAfter, preparedResidentAfter } from './resident-bulk';
import type { PreparedResident } from './resident-prepare';
import type { NewResident, PreparedFor, PreparedRows } from './types';

function* plannedRecords(decisions: readonly PreparedFor<NewResident>[], rows: readonly (PreparedResident | undefined)[]) {
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i];
    if (p === undefined) continue;
    const r = decisions[i]!.record;
    if (p.household === 'adds' && p.addressKey !== null && p.householdId !== null)
      yield { entity: 'household', id: p.householdId, householdId: null, after: newHouseholdAfter(p.householdId, r, p.addressKey) };
    yield { entity: 'resident', id: p.id, householdId: p.householdId, after: preparedResidentAfter(r, p) };
  }
}

/** The prepared rows with their audit planned (see the module comment). */
export function withPlannedAudit(
  decisions: readonly PreparedFor<NewResident>[],
  prepared: PreparedRows<PreparedResident> | undefined,
): PreparedRows<PreparedResident> | undefined {
  if (prepared === undefined) return undefined;
  const audit: PlannedAudit = plannedRows(plannedRecords(decisions, prepared.rows), prepared.sealer);
  return { ...prepared, audit };
}
