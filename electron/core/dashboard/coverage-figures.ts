/** 入户排查覆盖 for 工作台: the caseload's own coverage summary, weakest grids first. */
import { coverageSummary } from '../caseload/coverage';
import type { ReadDb } from '../db/types';
import type { CoverageFiguresDash, GridBar } from './types.shared';

/** Lowest coverage first; among equals, the grid with more households still to visit. */
const weakestFirst = (a: GridBar, b: GridBar) => a.coveragePct - b.coveragePct || b.households - b.screened - (a.households - a.screened) || a.gridId - b.gridId;

export function coverageFigures(db: ReadDb, today: string, communityId?: number): CoverageFiguresDash {
  const s = coverageSummary(db, today, communityId);
  const grids: GridBar[] = s.grids
    .map((g) => ({ gridId: g.gridId, gridName: g.gridName, communityId: g.communityId, communityName: g.communityName, households: g.households, screened: g.screened, coveragePct: g.coveragePct }))
    .sort(weakestFirst);
  return {
    households: s.office.households,
    screened: s.office.screened,
    coveragePct: s.office.coveragePct,
    weakest: grids.filter((g) => g.coveragePct < 100).slice(0, 3),
    grids,
    gridsComplete: grids.filter((g) => g.coveragePct >= 100).length,
  };
}
