/** 入户排查覆盖 for 工作台: the caseload's own coverage computation, weakest lines first. */
import { coverageSummary } from '../caseload/coverage';
import type { ReadDb } from '../db/types';
import type { CoverageFiguresDash, GridBar } from './types.shared';

/** A line with nothing loaded ranks below 0 %. */
const rank = (g: GridBar) => g.coveragePct ?? -1;
/** Lowest coverage first; among equals, the line with more households still to visit. */
const weakestFirst = (a: GridBar, b: GridBar) =>
  rank(a) - rank(b) || b.households - b.screened - (a.households - a.screened) || (a.gridId ?? Infinity) - (b.gridId ?? Infinity);

export function coverageFigures(db: ReadDb, today: string, communityId?: number): CoverageFiguresDash {
  const s = coverageSummary(db, today, communityId);
  const grids: GridBar[] = s.grids
    .map((g) => ({
      gridId: g.gridId,
      gridName: g.gridName,
      communityId: g.communityId,
      communityName: g.communityName,
      households: g.households,
      loaded: g.loaded,
      screened: g.screened,
      coveragePct: g.coveragePct,
      state: g.state,
    }))
    .sort(weakestFirst);
  return {
    households: s.office.households,
    loaded: s.office.loaded,
    screened: s.office.screened,
    coveragePct: s.office.coveragePct,
    state: s.office.state,
    weakest: grids.filter((g) => g.state !== 'complete').slice(0, 3),
    grids,
    gridsComplete: grids.filter((g) => g.state === 'complete').length,
    gridsNotLoaded: grids.filter((g) => g.state === 'not_loaded').length,
  };
}
