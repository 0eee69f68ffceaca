/**
 * The one writer of the `cases` table: opening a case (caseload and demo),
 * moving it through its workflow, editing its details, keeping its check
 * state, and following its resident or household to another community or
 * grid. Callers validate first (case-open.ts, case-writes.ts); this module only writes.
 * Statements are prepared once per connection (the demo opens thousands).
 */
import { cached } from '../db/stmt-cache';
import { runDeferred } from '../db/deferred-runs';
import type { WriteDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import { caseMac } from './case-binding';
import { recordCaseMovesOfHousehold, recordCaseMovesOfResident } from './case-moves.repo';
import type { CaseCategory } from './codes.shared';
import type { CaseRow } from './rows';

/** A case as stored, less its id and timestamps. */
export type CaseColumns = Omit<CaseRow, 'id'>;

/** Every stored column a case is opened with, in the INSERT's order (a missing one fails to compile). */
const INSERTED_COLUMNS: Record<keyof CaseColumns, true> = {
  resident_id: true,
  community_id: true,
  grid_id: true,
  category: true,
  status: true,
  risk_level: true,
  assigned_staff_id: true,
  opened_on: true,
  due_on: true,
  closed_on: true,
  close_reason: true,
  source: true,
  notes: true,
  obs_start_on: true,
  obs_days: true,
  obs_end_on: true,
  last_check_on: true,
  first_missing_check_on: true,
  origin_case_id: true,
  origin_staff_id: true,
  origin: true,
  arrived_on: true,
  transport: true,
  transport_no: true,
  team_grid_worker: true,
  team_doctor: true,
  team_police: true,
  team_unsplit: true,
};
/** The columns a case is inserted with, in order (exported for the test of columnValues). */
export const INSERTED = Object.keys(INSERTED_COLUMNS) as Array<keyof CaseColumns>;

/**
 * A case's columns in INSERTED's order, each read by its own name. Read by a variable name (`row[k]` over INSERTED,
 * for the form and again for the values) they were 26 keyed loads a case that V8 cannot specialise (27 names on one
 * shape: megamorphic), 0.13 G instructions per 20,000 imported cases (io/import/README.md, session 17).
 * Same order as INSERTED: tests/unit/import/case-insert-columns.test.ts.
 */
export function columnValues(row: CaseColumns): unknown[] {
  return [
    row.resident_id,
    row.community_id,
    row.grid_id,
    row.category,
    row.status,
    row.risk_level,
    row.assigned_staff_id,
    row.opened_on,
    row.due_on,
    row.closed_on,
    row.close_reason,
    row.source,
    row.notes,
    row.obs_start_on,
    row.obs_days,
    row.obs_end_on,
    row.last_check_on,
    row.first_missing_check_on,
    row.origin_case_id,
    row.origin_staff_id,
    row.origin,
    row.arrived_on,
    row.transport,
    row.transport_no,
    row.team_grid_worker,
    row.team_doctor,
    row.team_police,
    row.team_unsplit,
  ];
}

/** Kept in every INSERT though it may not be null: its default is 'low', every other column's is NULL (migration 002). */
const ALWAYS_BOUND = new Set<keyof CaseColumns>(['risk_level']);
const ALWAYS_BOUND_AT = INSERTED.map((k) => ALWAYS_BOUND.has(k));

/**
 * The INSERT for one set of columns. A column whose value is null is left out and stored NULL by its default:
 * a 返程人员 case from an import fills 10 of the 27 and binding the 17 NULLs cost 5 % of its INSERT (callgrind,
 * io/import/README.md, session 13); better-sqlite3 spends more on a bound value than SQLite spends storing it.
 * Bound by position: better-sqlite3 looks each named parameter up on the object, most of a row's binding.
 * One statement per set of columns (a bit each, in INSERTED's order): an import's 100,000 cases use one or two.
 * `at`: the places in columnValues of the columns bound.
 * The resident's name is bound as the caller read it from the resident's row (`named`), else read by the INSERT itself
 * from residents: a subquery per case, a cursor opened and a seek on residents for each of an import's 100,000 cases,
 * where the bench's bare INSERT of the same rows binds the name.
 */
const insertForms = new Map<number, { sql: string; at: number[] }>();
/** The bit in insertForms' key saying the name is bound (above INSERTED's 27). */
const NAME_BOUND = 1 << INSERTED.length;

function insertForm(all: readonly unknown[], named: boolean): { sql: string; at: number[] } {
  let bits = named ? NAME_BOUND : 0;
  for (let i = 0; i < all.length; i++) if (all[i] != null || ALWAYS_BOUND_AT[i]) bits |= 1 << i;
  let form = insertForms.get(bits);
  if (!form) {
    const at = INSERTED.flatMap((_, i) => ((bits & (1 << i)) !== 0 ? [i] : []));
    const name = named ? '?' : '(SELECT name FROM residents WHERE id = ?)';
    const sql = `INSERT INTO cases (id, ${at.map((i) => INSERTED[i]).join(', ')}, resident_name, row_mac, created_at, updated_at)
  VALUES (?, ${at.map(() => '?').join(', ')}, ${name}, ?, ?, ?)`;
    insertForms.set(bits, (form = { sql, at }));
  }
  return form;
}

/**
 * A case's row MAC computed ahead (a cases import's preview: io/import/targets/case-prepare.ts), with the id and
 * values it was computed over. Stored only when the case gets that id and those values; else computed at insert.
 */
export interface PlannedCaseMac {
  id: number;
  resident_id: number;
  category: CaseCategory;
  opened_on: string;
  obs_start_on: string | null;
  mac: Buffer;
}

/** The id SQLite would pick (no AUTOINCREMENT), chosen first because the row MAC binds it; inside the caller's transaction. */
const NEXT_ID = `SELECT coalesce(max(id), 0) + 1 AS id FROM cases`;

const UPDATE_DETAILS = `UPDATE cases SET risk_level = @risk_level, assigned_staff_id = @assigned_staff_id, due_on = @due_on, source = @source, notes = @notes,
    obs_days = @obs_days, obs_end_on = @obs_end_on, origin = @origin, arrived_on = @arrived_on, transport = @transport, transport_no = @transport_no,
    team_grid_worker = @team_grid_worker, team_doctor = @team_doctor, team_police = @team_police, team_unsplit = @team_unsplit, updated_at = @now
  WHERE id = @id`;

/**
 * Opens one case and returns its id. The case carries its resident's name as the grid's sort key
 * (migration 038: one index reads a filtered page in 姓名 order); a rename follows by trigger. It is bound to its
 * resident in the same INSERT (case-binding.ts): one indexed max() and one HMAC per case.
 * `id`: the caller's count (a cases import's commit: one max() per commit, not per row, as residents.repo.ts
 * insertSealedResident). Should another write have taken that id meanwhile, the INSERT fails on the primary key
 * (only that statement is undone) and the case goes in under the next free id, its MAC computed for it.
 * `planned`: its MAC computed at an import's preview (PlannedCaseMac), used only if it fits.
 * `residentName`: residents.name of `row.resident_id` as the caller read it or wrote it in the same transaction (openCase);
 * without it the INSERT reads it from residents.
 */
export function insertCase(
  db: WriteDb,
  row: CaseColumns,
  nowIso: string,
  sealer: Sealer,
  id?: number,
  planned?: PlannedCaseMac,
  residentName?: string,
): number {
  const next = (): number => (cached(db, NEXT_ID).get() as { id: number }).id;
  if (id === undefined) return insertUnder(db, row, nowIso, sealer, next(), planned, residentName);
  try {
    return insertUnder(db, row, nowIso, sealer, id, planned, residentName);
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw e;
    return insertUnder(db, row, nowIso, sealer, next(), planned, residentName);
  }
}

/** Whether a planned MAC was computed over this case as it is stored now: its id and every value the MAC binds. */
const fits = (p: PlannedCaseMac, id: number, row: CaseColumns): boolean =>
  p.id === id && p.resident_id === row.resident_id && p.category === row.category && p.opened_on === row.opened_on && p.obs_start_on === row.obs_start_on;

function insertUnder(
  db: WriteDb,
  row: CaseColumns,
  nowIso: string,
  sealer: Sealer,
  id: number,
  planned: PlannedCaseMac | undefined,
  residentName: string | undefined,
): number {
  const all = columnValues(row);
  const form = insertForm(all, residentName !== undefined);
  const values: unknown[] = [id];
  for (const i of form.at) values.push(all[i]);
  values.push(residentName ?? row.resident_id, planned !== undefined && fits(planned, id, row) ? planned.mac : caseMac(sealer, id, row), nowIso, nowIso);
  // Queued when `db` is an import commit's deferring stand-in (db/deferred-runs.ts): ids counted under the ledger's stamp.
  runDeferred(cached(db, form.sql), values);
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

/**
 * A resident moved: their open cases, which carry the community and grid for fast lists, move with them. A closed
 * case keeps the place it had: it was counted there, and a form for an earlier period, already sent, must not change.
 * An open case's move is kept with its day (case-moves.repo.ts, 074), so a form for an earlier period counts it where
 * it was then.
 */
export function moveCasesOfResident(db: WriteDb, residentId: number, place: Place, today: string, nowIso: string): void {
  recordCaseMovesOfResident(db, residentId, place, today, nowIso);
  cached(db, `UPDATE cases SET community_id = @community_id, grid_id = @grid_id WHERE resident_id = @residentId AND closed_on IS NULL`).run({
    community_id: place.community_id,
    grid_id: place.grid_id,
    residentId,
  });
}

/** A household moved: every member's open cases move with it (closed ones keep their place, as moveCasesOfResident). */
export function moveCasesOfHousehold(db: WriteDb, householdId: number, place: Place, today: string, nowIso: string): void {
  recordCaseMovesOfHousehold(db, householdId, place, today, nowIso);
  cached(
    db,
    `UPDATE cases SET community_id = @community_id, grid_id = @grid_id
      WHERE resident_id IN (SELECT id FROM residents WHERE household_id = @householdId) AND closed_on IS NULL`,
  ).run({
    community_id: place.community_id,
    grid_id: place.grid_id,
    householdId,
  });
}

/** 作废登记 (voided: when, by whom, why) or 撤销作废 (all three null): the case's row and history stay (case-void.ts). */
export function setCaseVoid(
  db: WriteDb,
  id: number,
  v: { voided_at: string | null; voided_by: string | null; void_reason: string | null },
  nowIso: string,
): void {
  cached(db, `UPDATE cases SET voided_at = @voided_at, voided_by = @voided_by, void_reason = @void_reason, updated_at = @now WHERE id = @id`).run({
    ...v,
    id,
    now: nowIso,
  });
}
