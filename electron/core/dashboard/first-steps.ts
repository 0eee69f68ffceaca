/**
 * What a new ledger still lacks, for 工作台's first-run checklist: each step
 * ticks itself once the ledger holds what it asks for. EXISTS, not count:
 * the answer is yes or no, and a 100,000-row table answers as fast as an empty one.
 */
import type { ReadDb } from '../db/types';
import type { FirstSteps } from './contract';

export function firstSteps(db: ReadDb): FirstSteps {
  const row = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM communities) AS communities,
              EXISTS (SELECT 1 FROM grids) AS grids,
              EXISTS (SELECT 1 FROM households) OR EXISTS (SELECT 1 FROM residents) AS households,
              EXISTS (SELECT 1 FROM staff) AS staff,
              EXISTS (SELECT 1 FROM rota_posts) AS posts,
              EXISTS (SELECT 1 FROM report_schedules) AS schedules`,
    )
    .get() as Record<keyof FirstSteps, number>;
  return {
    communities: !!row.communities,
    grids: !!row.grids,
    households: !!row.households,
    staff: !!row.staff,
    posts: !!row.posts,
    schedules: !!row.schedules,
  };
}
