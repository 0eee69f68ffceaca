/**
 * The one writer of `staff_changes` (migration 072): each change of a staff member's community or kind (人员类别), with
 * the office's day it was saved. The pay of a period counts each day worked with the community and kind the person had
 * that day (reports.ts `computeAllowances`), so a pay sheet already printed reads the same after the person moves or
 * changes kind.
 */
import { cached } from '../db/stmt-cache';
import type { ReadDb, WriteDb } from '../db/types';
import type { StaffKind } from './types.shared';

/**
 * Keeps the change when the community or kind changed; called by staff.repo.ts in the staff save's transaction, before
 * the row is updated. `today`: the office's day, the first day counted with the new values.
 */
export function recordStaffChange(db: WriteDb, staffId: number, to: { communityId: number | null; kind: StaffKind }, today: string, nowIso: string): void {
  cached(
    db,
    `INSERT INTO staff_changes (staff_id, changed_on, from_community_id, to_community_id, from_kind, to_kind, created_at)
     SELECT s.id, @today, s.community_id, @communityId, s.kind, @kind, @nowIso FROM staff s
     WHERE s.id = @staffId AND (s.community_id IS NOT @communityId OR s.kind IS NOT @kind)`,
  ).run({ staffId, communityId: to.communityId, kind: to.kind, today, nowIso });
}

/** What a person was before a change: their community (and its name) and kind until the day before `changedOn`. */
export interface StaffChange {
  staffId: number;
  changedOn: string;
  communityId: number | null;
  communityName: string;
  kind: StaffKind;
}

/**
 * The changes after `day` of the given people, in the order they were made (few: found on staff_changes_by_day). By
 * id, not by day: a 办公时区 taken back a day (confirmed) dates a later change before an earlier one, and read by day
 * the later one's "from" would stand for days before both (S46-A5).
 */
export function staffChangesAfter(db: ReadDb, day: string, staffIds: readonly number[]): StaffChange[] {
  return cached(
    db,
    `SELECT m.staff_id AS staffId, m.changed_on AS changedOn, m.from_community_id AS communityId, coalesce(c.name, '') AS communityName, m.from_kind AS kind
     FROM staff_changes m LEFT JOIN communities c ON c.id = m.from_community_id
     WHERE m.changed_on > @day AND m.staff_id IN (SELECT value FROM json_each(@ids))
     ORDER BY m.staff_id, m.id`,
  ).all({ day, ids: JSON.stringify(staffIds) }) as StaffChange[];
}

/**
 * What a person was on `day`: as the first change (as made) dated after that day found them, or (no change after it)
 * as they are now. `changes`: that person's, in the order made.
 */
export function staffOn<T extends { communityId: number | null; communityName: string; kind: StaffKind }>(
  now: T,
  changes: readonly StaffChange[],
  day: string,
): T {
  const next = changes.find((m) => m.changedOn > day);
  return next ? { ...now, communityId: next.communityId, communityName: next.communityName, kind: next.kind } : now;
}
