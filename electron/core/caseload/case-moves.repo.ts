/**
 * The one writer of `case_moves` (migration 074): each move of an open case with its resident or household, with the
 * office's day it was saved. A form for a period counts and lists a case where its person lived on the period's last
 * day (io/export/forms: 人员排查管控情况汇总表, 居家（医学）观察人员名单, 重点人群关爱服务台账), so a form already sent does
 * not change when the person moves later. As household-moves.repo.ts (071) does for 入户排查.
 */
import { cached } from '../db/stmt-cache';
import type { WriteDb } from '../db/types';

export interface CasePlace {
  community_id: number;
  grid_id: number | null;
}

const RECORD = `INSERT INTO case_moves (case_id, moved_on, from_community_id, from_grid_id, to_community_id, to_grid_id, created_at)
  SELECT id, @today, community_id, grid_id, @toCommunity, @toGrid, @nowIso FROM cases`;
/** The open cases whose place the move changes (closed ones stay where they were counted: cases.repo.ts). */
const MOVING = `closed_on IS NULL AND (community_id <> @toCommunity OR grid_id IS NOT @toGrid)`;

const params = (to: CasePlace, today: string, nowIso: string) => ({ toCommunity: to.community_id, toGrid: to.grid_id, today, nowIso });

/** Keeps the moves of a resident's open cases; called by cases.repo.ts before it moves them, in the same transaction. */
export function recordCaseMovesOfResident(db: WriteDb, residentId: number, to: CasePlace, today: string, nowIso: string): void {
  cached(db, `${RECORD} WHERE resident_id = @residentId AND ${MOVING}`).run({ residentId, ...params(to, today, nowIso) });
}

/** Keeps the moves of every member's open cases when a household moves (as recordCaseMovesOfResident). */
export function recordCaseMovesOfHousehold(db: WriteDb, householdId: number, to: CasePlace, today: string, nowIso: string): void {
  cached(db, `${RECORD} WHERE resident_id IN (SELECT id FROM residents WHERE household_id = @householdId) AND ${MOVING}`).run({
    householdId,
    ...params(to, today, nowIso),
  });
}

/** A household move copied into a case's own (recordEarlierHouseholdMoves), as its audit row names it. */
export interface TakenMove {
  householdMoveId: number;
  movedOn: string;
  fromCommunityId: number;
  fromGridId: number | null;
  toCommunityId: number;
  toGridId: number | null;
}

/**
 * A case entered late (登记日期 before today) takes its place from its household as it is now; the household's moves
 * dated after that 登记日期, made before the case, are kept as the case's own (in the order made), so a form for a day
 * between them lists the case where the household was then (S47-A2). Moves made later are kept as they are made.
 * One seek on `household_moves_by_household` (077) per case entered late into a household that may have moved; the
 * moves taken are answered for the case's audit (S50: household_moves is unbound, so a move written outside the
 * program and copied here is at least named in the case's audit, beside the households.save row a real move has).
 */
export function recordEarlierHouseholdMoves(db: WriteDb, caseId: number, householdId: number, openedOn: string, nowIso: string): TakenMove[] {
  const taken = cached(
    db,
    `SELECT id AS householdMoveId, moved_on AS movedOn, from_community_id AS fromCommunityId, from_grid_id AS fromGridId,
       to_community_id AS toCommunityId, to_grid_id AS toGridId
     FROM household_moves WHERE household_id = @householdId AND moved_on > @openedOn ORDER BY id`,
  ).all({ householdId, openedOn }) as TakenMove[];
  if (taken.length === 0) return taken;
  cached(
    db,
    `INSERT INTO case_moves (case_id, moved_on, from_community_id, from_grid_id, to_community_id, to_grid_id, created_at)
     SELECT @caseId, moved_on, from_community_id, from_grid_id, to_community_id, to_grid_id, @nowIso
     FROM household_moves WHERE household_id = @householdId AND moved_on > @openedOn ORDER BY id`,
  ).run({ caseId, householdId, openedOn, nowIso });
  return taken;
}

/**
 * The cases moved after a form's last day (`@to`), with the place the first later move took each from: where it was
 * on that day. First as recorded (by id), not by day: a 办公时区 taken back a day (confirmed) dates a later move before an
 * earlier one (S46-A5, as household-moves.repo.ts movedAfter). LEFT JOIN it
 * (`LEFT JOIN ${CASES_MOVED_AFTER_TO} m ON m.case_id = c.id`) and read the place with casePlaceOn. Joined to a case on `case_moves_by_case`: one seek per case read, into a table of a few rows a week.
 */
export const CASES_MOVED_AFTER_TO = `(SELECT mv.case_id, mv.from_community_id AS community_id, mv.from_grid_id AS grid_id FROM case_moves mv
   WHERE mv.moved_on > @to
     AND mv.id = (SELECT f.id FROM case_moves f WHERE f.case_id = mv.case_id AND f.moved_on > @to ORDER BY f.id LIMIT 1))`;

/** A case's community and grid on the form's last day: where a later move took it from, else where it is now. */
export const casePlaceOn = (c: string, m: string) => ({
  community: `coalesce(${m}.community_id, ${c}.community_id)`,
  grid: `CASE WHEN ${m}.case_id IS NULL THEN ${c}.grid_id ELSE ${m}.grid_id END`,
});
