/** What opening and updating a case check alike (case-open.ts, case-writes.ts): returnee details, 责任人, 观察天数. */
import type { WriteDb } from '../db/types';
import { cached } from '../db/stmt-cache';
import { badInput } from '../errors';
import { RETURNEE_FIELDS, type ReturneeDetails } from './returnee.shared';
import { blankToNull, notAfterToday, optionalDay } from './write-common';

/** Returnee details as a write function takes them: any may be left out. */
export type ReturneeFields = { [K in keyof ReturneeDetails]?: string | null | undefined };

/**
 * Cleans the returnee details given (blank to null; 返程日期 a real day, not in the future). Left-out fields stay undefined.
 * Field by field, not a loop over RETURNEE_FIELDS reading and adding keys by a variable name: one shape for every
 * case (an import opens 100,000; the loop was half of openCase's checks: session 15 profile).
 */
export function returneeDetails(f: ReturneeFields, today: string): Partial<ReturneeDetails> {
  const clean = (v: string | null | undefined): string | null | undefined => (v === undefined ? undefined : blankToNull(v));
  const out = {
    origin: clean(f.origin),
    arrivedOn: f.arrivedOn === undefined ? undefined : optionalDay(f.arrivedOn, '返程日期'),
    transport: clean(f.transport),
    transportNo: clean(f.transportNo),
    teamGridWorker: clean(f.teamGridWorker),
    teamDoctor: clean(f.teamDoctor),
    teamPolice: clean(f.teamPolice),
    teamUnsplit: clean(f.teamUnsplit),
  } satisfies Record<(typeof RETURNEE_FIELDS)[number], string | null | undefined>;
  notAfterToday(out.arrivedOn ?? null, '返程日期', today);
  return out;
}

export function checkStaff(db: WriteDb, staffId: number | null): void {
  if (staffId === null) return;
  if (!cached(db, `SELECT id FROM staff WHERE id = @staffId`).get({ staffId })) throw badInput(`「责任人」编号 ${staffId} 不存在`);
}

export function checkObsDays(days: number): void {
  if (!Number.isInteger(days) || days < 1 || days > 60) throw badInput('「观察天数」应在 1–60 天之间');
}
