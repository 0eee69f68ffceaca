/** Assembles a memorial record with everything that hangs off it. */
import type { ReadDb } from '../db/types';
import { notFound } from '../errors';
import { listAttachments, listDifficulties, listFamily, listPublicity, listVisits } from './care-queries';
import { listCommendationsForMemorial } from './commendation-queries';
import { getMemorialBase, listReports, memorialExists, readReportLimitHours } from './memorial-queries';
import { limitAtOpener } from './report-limits';
import type { Sealer } from '../db/sealer';
import { requireSealer } from './sealed-records';
import { reportClock, reportingStatus } from './reporting.shared';
import { listSteps } from './steps';
import type { MemorialDetail } from './types.shared';

export function memorialDetail(db: ReadDb, sealer: Sealer | null, id: number, nowIso: string): MemorialDetail {
  const base = getMemorialBase(db, requireSealer(sealer), id);
  if (!base) throw notFound('这条牺牲人员记录');
  const reports = listReports(db, sealer, id);
  const limitHours = readReportLimitHours(db);
  const clock = reportClock(base);
  return {
    ...base,
    reporting: { ...reportingStatus(clock.at, reports, limitHours, nowIso, limitAtOpener(db)), limitHours, clockFrom: clock.from, clockStart: clock.at },
    steps: listSteps(db, sealer, id),
    reports,
    family: listFamily(db, sealer, id),
    visits: listVisits(db, sealer, id),
    difficulties: listDifficulties(db, sealer, id),
    publicity: listPublicity(db, sealer, id),
    attachments: listAttachments(db, sealer, id),
    commendations: listCommendationsForMemorial(db, sealer, id),
  };
}

/** The record's parent must exist before anything is attached to it. */
export function requireMemorial(db: ReadDb, id: number): { diedAt: string } {
  const m = memorialExists(db, id);
  if (!m) throw notFound('这条牺牲人员记录');
  return m;
}
