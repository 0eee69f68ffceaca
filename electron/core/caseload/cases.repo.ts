/**
 * The one writer of the `cases` table: opening a case (caseload and demo),
 * moving it through its workflow, editing its details, keeping its check
 * state, and following its resident or household to another community or
 * grid. Callers validate first (case-writes.ts); this module only writes.
 * Statements are prepared once per connection (the demo opens thousands).
 */
import { cached } from '../db/stmt-cache';
import type { WriteDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import { caseMac } from './case-binding';
import type { CaseRow } from './rows';

/** A case as stored, less its id and timestamps. */
export type CaseColumns = Omit<CaseRow, 'id'>;

const INSERT = `INSERT INTO cases (id, resident_id, community_id, grid_id, category, status, risk_level, assigned_staff_id, opened_on, due_on, closed_on, close_reason,
    source, notes, obs_start_on, obs_days, obs_end_on, last_check_on, first_missing_check_on, origin_case_id, origin_staff_id,
    origin, arrived_on, transport, transport_no, team_grid_worker, team_doctor, team_police, resident_name, row_mac, created_at, updated_at)
  VALUES (@id, @resident_id, @community_id, @grid_id, @category, @status, @risk_level, @assigned_staff_id, @opened_on, @due_on, @closed_on, @close_reason,
    @source, @notes, @obs_start_on, @obs_days, @obs_end_on, @last_check_on, @first_missing_check_on, @origin_case_id, @origin_staff_id,
    @origin, @arrived_on, @transport, @transport_no, @team_grid_worker, @team_doctor, @team_police,
    (SELECT name FROM residents WHERE id = @resident_id), @row_mac, @now, @now)`;

/** The id SQLite would pick (no AUTOINCREMENT), chosen first because the row MAC binds it; inside the caller's transaction. */
const NEXT_ID = `SELECT coalesce(max(id), 0) + 1 AS id FROM cases`;

const UPDATE_DETAILS = `UPDATE cases SET risk_level = @risk_level, assigned_staff_id = @assigned_staff_id, due_on = @due_on, source = @source, notes = @notes,
    obs_days = @obs_days, obs_end_on = @obs_end_on, origin = @origin, arrived_on = @arrived_on, transport = @transport, transport_no = @transport_no,
    team_grid_worker = @team_grid_worker, team_doctor = @team_doctor, team_police = @team_police, updated_at = @now
  WHERE id = @id`;

/**
 * Opens one case and returns its id. The case carries its resident's name as the grid's sort key
 * (migration 038: one index reads a filtered page in 姓名 order); a rename follows by trigger. It is bound to its
 * resident in the same INSERT (case-binding.ts): one indexed max() and one HMAC per case.
 */
export function insertCase(db: WriteDb, row: CaseColumns, nowIso: string, sealer: Sealer): number {
  const id = (cached(db, NEXT_ID).get() as { id: number }).id;
  cached(db, INSERT).run({ ...row, id, row_mac: caseMac(sealer, id, row), now: nowIso });
  return id;
}

/** A workflow step: the new status, and the day and reason when it closes. */
export function setCaseStatus(db: WriteDb, id: number, step: Pick<CaseRow, 'status' | 'closed_on' | 'close_reason'>, nowIso: string): void {
  cached(db, `UPDATE cases SET status = @status, closed_on = @closed_on, close_reason = @close_reason, updated_at = @now WHERE id = @id`).run({
    ...step,
    id,
    now: nowIso,
  });
}

/** Rewrites the details a coordinator may edit on an open case (risk, who is responsible, dates, returnee details). */
export function updateCaseDetails(db: WriteDb, c: CaseRow, nowIso: string): void {
  cached(db, UPDATE_DETAILS).run({ ...c, now: nowIso });
}

/** The last day checked and the first day missed, kept on the case so "overdue" needs no join. */
export function setCheckState(db: WriteDb, caseId: number, lastCheckOn: string | null, firstMissingCheckOn: string | null): void {
  cached(db, `UPDATE cases SET last_check_on = @lastCheckOn, first_missing_check_on = @firstMissingCheckOn WHERE id = @caseId`).run({
    caseId,
    lastCheckOn,
    firstMissingCheckOn,
  });
}

type Place = { community_id: number; grid_id: number | null };

/** A resident moved: their cases, which carry the community and grid for fast lists, move with them. */
export function moveCasesOfResident(db: WriteDb, residentId: number, place: Place): void {
  cached(db, `UPDATE cases SET community_id = @community_id, grid_id = @grid_id WHERE resident_id = @residentId`).run({
    community_id: place.community_id,
    grid_id: place.grid_id,
    residentId,
  });
}

/** A household moved: every member's cases move with it. */
export function moveCasesOfHousehold(db: WriteDb, householdId: number, place: Place): void {
  cached(
    db,
    `UPDATE cases SET community_id = @community_id, grid_id = @grid_id WHERE resident_id IN (SELECT id FROM residents WHERE household_id = @householdId)`,
  ).run({
    community_id: place.community_id,
    grid_id: place.grid_id,
    householdId,
  });
}
