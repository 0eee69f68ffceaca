import { cached } from '../db/stmt-cache';
import type { ReadDb, WriteDb } from '../db/types';

export interface AssignmentRow {
  id: number;
  day: string;
  postId: number;
  shiftId: number;
  staffId: number;
  staffName: string;
  communityId: number;
  source: 'auto' | 'manual';
  overrideReason: string | null;
}

const SELECT = `
  SELECT a.id, a.day, a.post_id AS postId, a.shift_id AS shiftId, a.staff_id AS staffId, s.name AS staffName,
         p.community_id AS communityId, a.source, a.override_reason AS overrideReason
  FROM rota_assignments a JOIN staff s ON s.id = a.staff_id JOIN rota_posts p ON p.id = a.post_id`;

/**
 * 不在岗 on a day: set inactive, from the day it was recorded (staff.inactive_from, 056) or, for a row an older
 * version set, on every day. The one rule, in JS here and in SQL in AVAILABLE below: the shifts a person who left
 * on the 16th worked on the 1st–15th stay payable.
 */
export const offDutyOn = (status: string, inactiveFrom: string | null, day: string): boolean =>
  status === 'inactive' && (inactiveFrom === null || day >= inactiveFrom);

/**
 * An assignment that can be worked (alias a): its person is on duty that day (offDutyOn) and not on leave.
 * One on leave, or after a death, stays on the calendar flagged but fills no position.
 */
export const AVAILABLE = `AND EXISTS (SELECT 1 FROM staff s WHERE s.id = a.staff_id
    AND (s.status = 'active' OR (s.status = 'inactive' AND s.inactive_from IS NOT NULL AND a.day < s.inactive_from)))
  AND NOT EXISTS (SELECT 1 FROM staff_leave l WHERE l.staff_id = a.staff_id AND a.day BETWEEN l.from_day AND l.to_day)`;

/** Members with a shift planned between `from` and `to` (each once). */
export function staffOnShift(db: ReadDb, from: string, to: string): number[] {
  return db.prepare(`SELECT DISTINCT staff_id FROM rota_assignments WHERE day BETWEEN @from AND @to`).pluck().all({ from, to }) as number[];
}

/**
 * Positions filled per (day, post, shift) by assignments that can be worked. `damaged`: members whose row was changed
 * outside the program (planning.ts damagedStaff, checked with the window's key); their shifts fill nothing either.
 */
export function filledCounts(db: ReadDb, from: string, to: string, damaged: ReadonlySet<number> = new Set()): Map<string, number> {
  const notDamaged = damaged.size === 0 ? '' : ` AND a.staff_id NOT IN (${[...damaged].map((id) => Math.trunc(id)).join(', ')})`;
  const rows = db
    .prepare(
      `SELECT day, post_id AS postId, shift_id AS shiftId, count(*) AS n FROM rota_assignments a WHERE day BETWEEN @from AND @to ${AVAILABLE}${notDamaged} GROUP BY day, post_id, shift_id`,
    )
    .all({ from, to }) as Array<{
    day: string;
    postId: number;
    shiftId: number;
    n: number;
  }>;
  return new Map(rows.map((r) => [`${r.day}|${r.postId}|${r.shiftId}`, r.n]));
}

/**
 * Assignments in [from, to] that fill no position (the AVAILABLE rule fails), and the word the printed roster
 * writes beside the name: 请假, or 不在岗 (left, or after a death).
 */
export function unavailableAssignments(db: ReadDb, from: string, to: string): Map<number, '请假' | '不在岗'> {
  const rows = db
    .prepare(
      `SELECT a.id, EXISTS (SELECT 1 FROM staff_leave l WHERE l.staff_id = a.staff_id AND a.day BETWEEN l.from_day AND l.to_day) AS leave
       FROM rota_assignments a WHERE a.day BETWEEN @from AND @to AND NOT (1 ${AVAILABLE})`,
    )
    .all({ from, to }) as Array<{ id: number; leave: number }>;
  return new Map(rows.map((r) => [r.id, r.leave === 1 ? '请假' : '不在岗']));
}

/**
 * Shifts from `from` on of a medical person (staff.is_medical or kind medical, as planning.ts reads them) at a 卡点值守
 * post with no recorded reason: rules.ts medicalAtCheckpoint in SQL, for one post or one person.
 */
export function medicalAtCheckpointsWithoutReason(db: ReadDb, scope: { postId?: number; staffId?: number }, from: string): AssignmentRow[] {
  return db
    .prepare(
      `${SELECT} WHERE a.day >= @from AND a.override_reason IS NULL AND p.kind = 'checkpoint' AND (s.is_medical = 1 OR s.kind = 'medical')
         AND (@postId IS NULL OR a.post_id = @postId) AND (@staffId IS NULL OR a.staff_id = @staffId) ORDER BY a.day, a.shift_id, a.id`,
    )
    .all({ from, postId: scope.postId ?? null, staffId: scope.staffId ?? null }) as AssignmentRow[];
}

/** The 破例 reason recorded on a planned shift (a medical person kept on a 卡点值守 post). */
export function recordOverrideReason(db: WriteDb, id: number, reason: string): void {
  db.prepare(`UPDATE rota_assignments SET override_reason = @reason WHERE id = @id`).run({ id, reason });
}

/** The calendar's main query: a day range, uses the UNIQUE (day, …) index. */
export function listAssignments(db: ReadDb, from: string, to: string): AssignmentRow[] {
  return db.prepare(`${SELECT} WHERE a.day BETWEEN @from AND @to ORDER BY a.day, a.shift_id, a.post_id, a.id`).all({ from, to }) as AssignmentRow[];
}

export function assignmentsOfStaff(db: ReadDb, staffId: number, from: string, to: string): AssignmentRow[] {
  return db.prepare(`${SELECT} WHERE a.staff_id = @staffId AND a.day BETWEEN @from AND @to ORDER BY a.day`).all({ staffId, from, to }) as AssignmentRow[];
}

export function getAssignment(db: ReadDb, id: number): AssignmentRow | undefined {
  return db.prepare(`${SELECT} WHERE a.id = @id`).get({ id }) as AssignmentRow | undefined;
}

/** Prepared once per connection (db/stmt-cache.ts): 自动排班 inserts a big office's 20,000 assignments with it in one save. */
export function insertAssignment(
  db: WriteDb,
  a: { day: string; postId: number; shiftId: number; staffId: number; source: 'auto' | 'manual'; overrideReason: string | null },
  now: string,
): number {
  return Number(
    cached(
      db,
      `INSERT INTO rota_assignments (day, post_id, shift_id, staff_id, source, override_reason, created_at) VALUES (@day, @postId, @shiftId, @staffId, @source, @overrideReason, @now)`,
    ).run({ day: a.day, postId: a.postId, shiftId: a.shiftId, staffId: a.staffId, source: a.source, overrideReason: a.overrideReason, now }).lastInsertRowid,
  );
}

/** Assignments whose attendance has been confirmed (worked or missed): they are a record now, not a plan. */
export function confirmedIds(db: ReadDb, from: string, to: string): Set<number> {
  return new Set(
    (db.prepare(`SELECT assignment_id AS id FROM rota_attendance WHERE day BETWEEN @from AND @to`).all({ from, to }) as Array<{ id: number }>).map((r) => r.id),
  );
}

export function isConfirmed(db: ReadDb, id: number): boolean {
  return db.prepare(`SELECT 1 FROM rota_attendance WHERE assignment_id = @id`).get({ id }) !== undefined;
}

/** After a death: the person's unconfirmed planned shifts after that day are removed, so their positions show open again. */
export function removeAssignmentsAfter(db: WriteDb, staffId: number, day: string): AssignmentRow[] {
  const gone = (db.prepare(`${SELECT} WHERE a.staff_id = @staffId AND a.day > @day ORDER BY a.day`).all({ staffId, day }) as AssignmentRow[]).filter(
    (r) => !isConfirmed(db, r.id),
  );
  for (const r of gone) db.prepare(`DELETE FROM rota_assignments WHERE id = @id`).run({ id: r.id });
  return gone;
}

export function deleteAssignment(db: WriteDb, id: number): void {
  db.prepare(`DELETE FROM rota_assignments WHERE id = @id`).run({ id });
}

/** Deletes these assignments in one statement (自动排班 replacing the plan it checked, plan-save.ts); the number deleted. */
export function deleteAssignments(db: WriteDb, ids: readonly number[]): number {
  if (ids.length === 0) return 0;
  return cached(db, `DELETE FROM rota_assignments WHERE id IN (SELECT value FROM json_each(@ids))`).run({ ids: JSON.stringify(ids) }).changes;
}

export function listPublishedWeeks(db: ReadDb, from: string, to: string): Array<{ communityId: number; weekStart: string }> {
  return db
    .prepare(`SELECT community_id AS communityId, week_start AS weekStart FROM rota_published_weeks WHERE week_start BETWEEN @from AND @to ORDER BY week_start`)
    .all({ from, to }) as Array<{
    communityId: number;
    weekStart: string;
  }>;
}

export function setPublished(db: WriteDb, communityId: number, weekStart: string, published: boolean, now: string): void {
  if (published)
    db.prepare(`INSERT OR IGNORE INTO rota_published_weeks (community_id, week_start, published_at) VALUES (@communityId, @weekStart, @now)`).run({
      communityId,
      weekStart,
      now,
    });
  else db.prepare(`DELETE FROM rota_published_weeks WHERE community_id = @communityId AND week_start = @weekStart`).run({ communityId, weekStart });
}
