/**
 * The one writer of the `care_tasks` table: tasks a care case opens, tasks an
 * observation opens for vulnerable members of the household, their
 * settlement when the observation ends, the next visit after each visit, and
 * the demo's set-based seeding. Callers validate; this module only writes.
 */
import { cached } from '../db/stmt-cache';
import type { WriteDb } from '../db/types';

/** A visit every intervalDays for a care case of its own (特困, 独居老人 …). */
export function insertTaskForCareCase(
  db: WriteDb,
  t: { residentId: number; caseId: number; reason: string; day: string; intervalDays: number },
  nowIso: string,
): number {
  const sql = `INSERT INTO care_tasks (resident_id, care_case_id, reason, interval_days, next_visit_on, status, created_at, updated_at)
    VALUES (@residentId, @caseId, @reason, @intervalDays, @day, 'open', @now, @now)`;
  return Number(cached(db, sql).run({ ...t, now: nowIso }).lastInsertRowid);
}

/** A daily visit for a vulnerable member of a household where someone is under observation. */
export function insertTaskTriggeredBy(db: WriteDb, t: { residentId: number; caseId: number; reason: string; day: string }, nowIso: string): number {
  const sql = `INSERT INTO care_tasks (resident_id, trigger_case_id, reason, interval_days, next_visit_on, status, created_at, updated_at)
    VALUES (@residentId, @caseId, @reason, 1, @day, 'open', @now, @now)`;
  return Number(cached(db, sql).run({ ...t, now: nowIso }).lastInsertRowid);
}

/** The observation ended and the task goes on: no longer tied to it, its reason says why. */
export function keepTaskAfterObservation(db: WriteDb, id: number, reason: string, nowIso: string): void {
  cached(db, `UPDATE care_tasks SET trigger_case_id = NULL, reason = @reason, updated_at = @now WHERE id = @id`).run({ id, reason, now: nowIso });
}

export function closeTask(db: WriteDb, id: number, nowIso: string): void {
  cached(db, `UPDATE care_tasks SET status = 'done', updated_at = @now WHERE id = @id`).run({ id, now: nowIso });
}

/** A new visit frequency; a raised one brings the next visit forward to nextVisitOn at the latest. */
export function setVisitInterval(db: WriteDb, id: number, intervalDays: number, nextVisitOn: string, nowIso: string): void {
  cached(db, `UPDATE care_tasks SET interval_days = @intervalDays, next_visit_on = min(next_visit_on, @nextVisitOn), updated_at = @now WHERE id = @id`).run({
    id,
    intervalDays,
    nextVisitOn,
    now: nowIso,
  });
}

export function setNextVisit(db: WriteDb, id: number, nextVisitOn: string, nowIso: string): void {
  cached(db, `UPDATE care_tasks SET next_visit_on = @nextVisitOn, updated_at = @now WHERE id = @id`).run({ id, nextVisitOn, now: nowIso });
}

/** Demo, set-based: each open care case gets its weekly visit, spread over the coming week. */
export function seedWeeklyVisitsForCareCases(db: WriteDb, today: string, nowIso: string): void {
  db.prepare(
    `INSERT INTO care_tasks (resident_id, care_case_id, reason, interval_days, next_visit_on, status, created_at, updated_at)
    SELECT c.resident_id, c.id, '定期走访', 7, date(@today, '-' || (c.id % 9) || ' day', '+7 day'), 'open', @now, @now FROM cases c
    WHERE c.closed_on IS NULL AND c.category IN ('extreme_poverty', 'solitary_elderly', 'child_without_guardian', 'homeless')`,
  ).run({ today, now: nowIso });
}

/** Demo, set-based: vulnerable members of households under observation get a daily visit. */
export function seedDailyCareForObservedHouseholds(db: WriteDb, today: string, nowIso: string): void {
  db.prepare(
    `INSERT OR IGNORE INTO care_tasks (resident_id, trigger_case_id, reason, interval_days, next_visit_on, status, created_at, updated_at)
    SELECT r.id, o.id, '同户' || obs.name || '观察期间需生活照料', 1, @today, 'open', @now, @now
    FROM cases o JOIN residents obs ON obs.id = o.resident_id JOIN residents r ON r.household_id = obs.household_id AND r.id <> obs.id
    WHERE o.closed_on IS NULL AND o.obs_start_on IS NOT NULL
      AND EXISTS (SELECT 1 FROM json_each(r.tags) t WHERE t.value IN ('solitary_elderly', 'extreme_poverty', 'child_without_guardian'))`,
  ).run({ today, now: nowIso });
}
