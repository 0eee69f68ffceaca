/** Assembles a memorial record with everything that hangs off it. */
import type { ReadDb } from '../db/types';
import { notFound } from '../errors';
import { listAttachments, listDifficulties, listFamily, listPublicity, listVisits } from './care-queries';
import { listCommendationsForMemorial } from './commendation-queries';
import { getMemorialBase, listReports, readReportLimitHours } from './memorial-queries';
import { reportClock, reportingStatus } from './reporting.shared';
import { listSteps } from './steps';
import type { MemorialDetail } from './types.shared';

export function memorialDetail(db: ReadDb, id: number, nowIso: string): MemorialDetail {
  const base = getMemorialBase(db, id);
  if (!base) throw notFound('这条牺牲人员记录');
  const reports = listReports(db, id);
  const limitHours = readReportLimitHours(db);
  const clock = reportClock(base);
  return {
    ...base,
    reporting: { ...reportingStatus(clock.at, reports, limitHours, nowIso), limitHours, clockFrom: clock.from, clockStart: clock.at },
    steps: listSteps(db, id),
    reports,
    family: listFamily(db, id),
    visits: listVisits(db, id),
    difficulties: listDifficulties(db, id),
    publicity: listPublicity(db, id),
    attachments: listAttachments(db, id),
    commendations: listCommendationsForMemorial(db, id),
  };
}

/** The record's parent must exist before anything is attached to it. */
export function requireMemorial(db: ReadDb, id: number): void {
  if (!getMemorialBase(db, id)) throw notFound('这条牺牲人员记录');
}
