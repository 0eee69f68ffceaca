/** Assembles 工作台 from each capability present in the ledger, in one read. */
import type { Clock } from '../clock';
import type { Role } from '../contract';
import type { Sealer } from '../db/sealer';
import type { ReadDb } from '../db/types';
import { notFound } from '../errors';
import { careCounts, casesByCategory, escalationCounts, observationCounts, observationTrend, referralCounts } from './caseload-queries';
import { coverageFigures } from './coverage-figures';
import { capabilities } from './guards';
import { memorialFigures, reportsFigures } from './office-figures';
import { staffingFigures } from './staffing-queries';
import { suppliesFigures } from './supplies-figures';
import type { DashboardCommunity, DashboardSummary } from './types.shared';

export function dashboardSummary(db: ReadDb, clock: Clock, role: Role, communityId?: number, sealer: Sealer | null = null): DashboardSummary {
  const today = clock.today();
  const communities = db.prepare(`SELECT id, name FROM communities ORDER BY id`).all() as DashboardCommunity[];
  if (communityId !== undefined && !communities.some((c) => c.id === communityId)) throw notFound('所选社区');
  const has = capabilities(db);
  return {
    today,
    communityId: communityId ?? null,
    communities,
    caseload: has.caseload
      ? {
          ...observationCounts(db, today, communityId),
          ...escalationCounts(db, communityId),
          referralsAwaiting: referralCounts(db, communityId),
          ...careCounts(db, today, communityId),
          casesByCategory: casesByCategory(db, communityId),
          observationTrend: observationTrend(db, today, communityId),
        }
      : null,
    coverage: has.coverage ? coverageFigures(db, today, communityId) : null,
    supplies: has.supplies ? suppliesFigures(db, today, communityId) : null,
    rota: has.rota ? staffingFigures(db, today, communityId, sealer) : null,
    // Deaths are confidential: the figures exist only for coordinators.
    memorials: has.honours && role === 'coordinator' ? memorialFigures(db, clock, communityId) : null,
    reports: has.reports ? reportsFigures(db, clock) : null,
  };
}
