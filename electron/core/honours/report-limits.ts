/**
 * 上报时限 as it was at a report's moment (076 honours_limits_before): the one writer of that table and its reader.
 * A change of the setting keeps the limit it replaces with the instant it ended, so a report is judged on time or
 * late by the limit in force when it was made, not by today's (S46-A4: a period already sent read 「…超过时限」 after
 * the office shortened its limit). What is still untold is judged by today's limit (reporting.shared.ts). Changes
 * are few: read whole, once per form or record.
 */
import type { ReadDb, WriteDb } from '../db/types';
import { cached } from '../db/stmt-cache';
import { readReportLimitHours } from './memorial-queries';

/** Keeps the limit in force until `nowIso` when the setting is about to change to `next`. */
export function keepLimitBefore(db: WriteDb, next: number | undefined, nowIso: string): void {
  const current = readReportLimitHours(db);
  if (next === undefined || next === current) return;
  // Two changes in one millisecond: the first one's limit was in force for no time at all, so the earlier row stands.
  cached(db, `INSERT OR IGNORE INTO honours_limits_before (until_at, report_limit_hours) VALUES (@untilAt, @hours)`).run({ untilAt: nowIso, hours: current });
}

/** The limit in force at an instant: the one replaced by the first change after it, else today's. */
export function limitAtOpener(db: ReadDb): (instant: string) => number {
  const changes = cached(db, `SELECT until_at AS untilAt, report_limit_hours AS hours FROM honours_limits_before ORDER BY until_at`).all() as Array<{
    untilAt: string;
    hours: number;
  }>;
  const now = readReportLimitHours(db);
  return (instant) => changes.find((c) => c.untilAt > instant)?.hours ?? now;
}
