/**
 * The one writer of `household_moves` (migration 071): each change of a household's community or grid, with the
 * office's day it was saved. Coverage as of an earlier day counts a household where it was then (coverage.ts
 * `movedAfter`), so a form already sent does not change when a household moves later.
 */
import { cached } from '../db/stmt-cache';
import type { ReadDb, WriteDb } from '../db/types';

export interface HouseholdPlace {
  community_id: number;
  grid_id: number | null;
}

/** Keeps the move when the place changed; called in the household's save, in its transaction. */
export function recordMove(db: WriteDb, householdId: number, from: HouseholdPlace, to: HouseholdPlace, today: string, nowIso: string): void {
  if (from.community_id === to.community_id && from.grid_id === to.grid_id) return;
  cached(
    db,
    `INSERT INTO household_moves (household_id, moved_on, from_community_id, from_grid_id, to_community_id, to_grid_id, created_at)
     VALUES (@householdId, @today, @fromCommunity, @fromGrid, @toCommunity, @toGrid, @nowIso)`,
  ).run({
    householdId,
    today,
    fromCommunity: from.community_id,
    fromGrid: from.grid_id,
    toCommunity: to.community_id,
    toGrid: to.grid_id,
    nowIso,
  });
}

/**
 * A household that moved after a day: where it is now, and where it was on that day (the first move after it took it
 * from there). First as recorded (by id), not by day: a 办公时区 taken back a day (confirmed) dates a later move before
 * an earlier one, and the one read first by day would say the household was, before either, where it went first (S46-A5).
 */
export interface MovedAfter {
  householdId: number;
  nowCommunityId: number;
  nowGridId: number | null;
  thenCommunityId: number;
  thenGridId: number | null;
}

export function movedAfter(db: ReadDb, day: string): MovedAfter[] {
  return cached(
    db,
    `SELECT m.household_id AS householdId, h.community_id AS nowCommunityId, h.grid_id AS nowGridId,
            m.from_community_id AS thenCommunityId, m.from_grid_id AS thenGridId
     FROM household_moves m JOIN households h ON h.id = m.household_id
     WHERE m.moved_on > @day
       AND m.id = (SELECT f.id FROM household_moves f WHERE f.household_id = m.household_id AND f.moved_on > @day ORDER BY f.id LIMIT 1)`,
  ).all({ day }) as MovedAfter[];
}
