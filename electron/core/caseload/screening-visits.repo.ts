/**
 * The one writer of `screening_visits` (migration 059): every 入户排查 visit to a household, one per day.
 * Coverage counts from these (coverage.ts), so a household screened on the 3rd and found not at home on
 * the 6th stays screened as of any day from the 3rd. The household's own screening columns are its
 * latest visit by day (`latestVisit`), set by the callers (household-writes.ts) in the same transaction.
 */
import { cached } from '../db/stmt-cache';
import type { ReadDb, WriteDb } from '../db/types';
import type { AuditInput } from '../handler-types';
import type { ScreeningStatus } from './codes.shared';

/** A visit's outcome: 未排查 is no visit. */
export type VisitStatus = Exclude<ScreeningStatus, 'unscreened'>;

/** Where a visit came from: 人员台账's edit, an 入户排查结果 import (with its file), or the latest visit a ledger held before 059. */
export type VisitSource = { source: 'edit' } | { source: 'import'; file: string };

export interface ScreeningVisit {
  visitedOn: string;
  status: VisitStatus;
  visitedBy: string | null;
  result: string | null;
}

export interface StoredVisit extends ScreeningVisit {
  id: number;
  source: 'edit' | 'import' | 'backfill';
  sourceFile: string | null;
}

const COLUMNS = `id, visited_on AS visitedOn, status, visited_by AS visitedBy, result, source, source_file AS sourceFile`;

/** The household's visit on a day, if any (UNIQUE (household_id, visited_on)). */
export function visitOn(db: ReadDb, householdId: number, day: string): StoredVisit | undefined {
  return cached(db, `SELECT ${COLUMNS} FROM screening_visits WHERE household_id = @householdId AND visited_on = @day`).get({ householdId, day }) as
    StoredVisit | undefined;
}

/** The household's latest visit by day (not by when it was entered): what its screening columns show. */
export function latestVisit(db: ReadDb, householdId: number): StoredVisit | undefined {
  return cached(db, `SELECT ${COLUMNS} FROM screening_visits WHERE household_id = @householdId ORDER BY visited_on DESC LIMIT 1`).get({ householdId }) as
    StoredVisit | undefined;
}

/** Every visit of a household, the latest first (the household panel). */
export function visitsOf(db: ReadDb, householdId: number): StoredVisit[] {
  return cached(db, `SELECT ${COLUMNS} FROM screening_visits WHERE household_id = @householdId ORDER BY visited_on DESC`).all({ householdId }) as StoredVisit[];
}

const audited = (householdId: number, v: ScreeningVisit) => ({ householdId, ...v });

/**
 * Records the household's visit on `v.visitedOn`: a new one, or the same day's corrected (one visit per day).
 * Returns the audit entry, or none when the day already held exactly this visit.
 */
export function recordVisit(
  db: WriteDb,
  household: { id: number; community_id: number; grid_id: number | null },
  v: ScreeningVisit,
  from: VisitSource,
  nowIso: string,
): AuditInput[] {
  const before = visitOn(db, household.id, v.visitedOn);
  const file = from.source === 'import' ? from.file : null;
  if (before) {
    if (before.status === v.status && before.visitedBy === v.visitedBy && before.result === v.result) return [];
    cached(
      db,
      `UPDATE screening_visits SET status = @status, visited_by = @visitedBy, result = @result, source = @source, source_file = @file, updated_at = @nowIso WHERE id = @id`,
    ).run({ ...v, id: before.id, source: from.source, file, nowIso });
    const { id: _id, source: _s, sourceFile: _f, ...was } = before;
    return [{ entity: 'screening_visit', entityId: before.id, before: audited(household.id, was), after: audited(household.id, v) }];
  }
  const id = Number(
    cached(
      db,
      `INSERT INTO screening_visits (household_id, community_id, grid_id, visited_on, status, visited_by, result, source, source_file, created_at, updated_at)
       VALUES (@householdId, @communityId, @gridId, @visitedOn, @status, @visitedBy, @result, @source, @file, @nowIso, @nowIso)`,
    ).run({ ...v, householdId: household.id, communityId: household.community_id, gridId: household.grid_id, source: from.source, file, nowIso })
      .lastInsertRowid,
  );
  return [{ entity: 'screening_visit', entityId: id, before: null, after: audited(household.id, v) }];
}

/** Withdraws the household's visit on a day (an entry made in error); returns its audit entry, or none if there was none. */
export function deleteVisit(db: WriteDb, householdId: number, day: string): AuditInput[] {
  const before = visitOn(db, householdId, day);
  if (!before) return [];
  cached(db, `DELETE FROM screening_visits WHERE id = @id`).run({ id: before.id });
  const { id, source: _s, sourceFile: _f, ...was } = before;
  return [{ entity: 'screening_visit', entityId: id, before: audited(householdId, was), after: null }];
}
