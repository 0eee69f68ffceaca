/**
 * 059_screening_visits on a ledger in use: the visits table and its indexes are added, every household with a
 * screening day gets that latest visit as its first kept one (with its community and grid, followed by trigger when
 * the household moves), nothing else changes,
 * and coverage from the visits gives the very figures the ledger gave from the households' columns before, as of
 * every day (the last figures before the upgrade were already right for a household visited once).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coverageAsOf } from '../../../electron/core/caseload/coverage';
import { migrate } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index';
import {
  CASELOAD_TABLES,
  FOUNDATION_TABLES,
  ledgerBefore,
  MIGRATION_NOW,
  seedCaseload,
  seedFoundation,
  upgradeKeepingRows,
  type LedgerBefore,
} from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(59);
  seedFoundation(l.db);
  seedCaseload(l.db);
  // As the version before stored them: the latest visit on the household, or none.
  const add = l.db.prepare(
    `INSERT INTO households (id, community_id, grid_id, address_text, address_key, screening_status, screened_on, screened_by, screening_result, created_at, updated_at)
     VALUES (@id, @c, @g, @a, @a, @status, @day, @by, @result, @now, '2020-02-16T03:00:00.000Z')`,
  );
  const rows: Array<[number, number, number | null, string, string | null, string | null, string | null]> = [
    [2, 1, 1, 'screened', '2020-02-03', '刘洋', '无异常'],
    [3, 1, 1, 'not_home', '2020-02-06', '刘洋', null],
    [4, 1, null, 'refused', '2020-02-12', null, '拒绝配合'],
    [5, 2, null, 'screened', '2020-02-14', '村医', '有返程人员'],
    // Set back to 未排查 after a visit: no visit to keep.
    [6, 1, 1, 'unscreened', '2020-02-05', null, null],
  ];
  for (const [id, c, g, status, day, by, result] of rows) add.run({ id, c, g, a: `路${id}号`, status, day, by, result, now: MIGRATION_NOW });
});
afterEach(() => l.close());

/** The figures 058's coverage gave: one pass over the households' latest visit. */
const before058 = (asOf: string, from: string) =>
  l.db
    .prepare(
      `SELECT community_id AS communityId, grid_id AS gridId, count(*) AS loaded,
              sum(screening_status = 'screened' AND (screened_on IS NULL OR screened_on <= @asOf)) AS screened,
              sum(screening_status = 'screened' AND screened_on >= @from AND screened_on <= @asOf) AS screenedInPeriod,
              sum(screening_status = 'not_home' AND (screened_on IS NULL OR screened_on <= @asOf)) AS notHome,
              sum(screening_status = 'refused' AND (screened_on IS NULL OR screened_on <= @asOf)) AS refused
       FROM households GROUP BY community_id, grid_id ORDER BY community_id, grid_id`,
    )
    .all({ asOf, from });
const after059 = (asOf: string, from: string) =>
  coverageAsOf(l.db, { asOf, periodFrom: from })
    .grids.map((g) => ({
      communityId: g.communityId,
      gridId: g.gridId,
      loaded: g.loaded,
      screened: g.screened,
      screenedInPeriod: g.screenedInPeriod,
      notHome: g.notHome,
      refused: g.refused,
    }))
    .filter((g) => g.loaded > 0)
    .sort((a, b) => a.communityId - b.communityId || (a.gridId ?? 0) - (b.gridId ?? 0));

describe('059_screening_visits on an existing ledger', () => {
  it('adds the visits table and its indexes, keeps every row, and backfills each household’s latest visit', () => {
    const added = upgradeKeepingRows(l, 59, [...FOUNDATION_TABLES, ...CASELOAD_TABLES]);
    expect(added.tables).toEqual({
      screening_visits: [
        'id',
        'household_id',
        'community_id',
        'grid_id',
        'visited_on',
        'status',
        'visited_by',
        'result',
        'source',
        'source_file',
        'created_at',
        'updated_at',
      ],
    });
    expect(added.indexes).toEqual(['screening_visits_coverage']);
    expect(added.triggers).toEqual(['screening_visits_follow_household']);
    expect(
      l.db
        .prepare(
          `SELECT household_id AS h, community_id AS c, grid_id AS g, visited_on AS day, status, visited_by AS who, result, source, created_at AS at FROM screening_visits ORDER BY id`,
        )
        .all(),
    ).toEqual([
      { h: 2, c: 1, g: 1, day: '2020-02-03', status: 'screened', who: '刘洋', result: '无异常', source: 'backfill', at: '2020-02-16T03:00:00.000Z' },
      { h: 3, c: 1, g: 1, day: '2020-02-06', status: 'not_home', who: '刘洋', result: null, source: 'backfill', at: '2020-02-16T03:00:00.000Z' },
      { h: 4, c: 1, g: null, day: '2020-02-12', status: 'refused', who: null, result: '拒绝配合', source: 'backfill', at: '2020-02-16T03:00:00.000Z' },
      { h: 5, c: 2, g: null, day: '2020-02-14', status: 'screened', who: '村医', result: '有返程人员', source: 'backfill', at: '2020-02-16T03:00:00.000Z' },
    ]);
  });

  it('visits follow their household to another grid, and only when it moves', () => {
    l.upgrade();
    l.db.prepare(`UPDATE households SET grid_id = NULL, updated_at = 'x' WHERE id = 2`).run();
    l.db.prepare(`UPDATE households SET community_id = 1, grid_id = NULL, head_name = '赵' WHERE id = 4`).run();
    expect(l.db.prepare(`SELECT household_id AS h, community_id AS c, grid_id AS g FROM screening_visits ORDER BY id`).all()).toEqual([
      { h: 2, c: 1, g: null },
      { h: 3, c: 1, g: 1 },
      { h: 4, c: 1, g: null },
      { h: 5, c: 2, g: null },
    ]);
  });

  it('gives the same coverage as before the upgrade, as of every day and period', () => {
    const days = ['2020-02-02', '2020-02-03', '2020-02-06', '2020-02-10', '2020-02-12', '2020-02-17'];
    const was = days.map((d) => before058(d, '2020-02-04'));
    l.upgrade();
    // Today's coverage also reads what later migrations added (070: voided cases leave the new-cases count).
    migrate(l.db, MIGRATION_NOW, MIGRATIONS);
    expect(days.map((d) => after059(d, '2020-02-04'))).toEqual(was);
    // By hand, as of the 17th: 第一网格 holds 1 (seeded, never visited), 2 screened, 3 not home, 6 unscreened.
    expect(after059('2020-02-17', '2020-02-04').find((g) => g.gridId === 1)).toEqual({
      communityId: 1,
      gridId: 1,
      loaded: 4,
      screened: 1,
      screenedInPeriod: 0,
      notHome: 1,
      refused: 0,
    });
  });
});
