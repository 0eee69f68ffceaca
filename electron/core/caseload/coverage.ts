/**
 * 入户排查全覆盖: households screened ÷ max(declared, loaded) per grid, community and
 * office, and 零报告 for grids with nothing new. This is the ONE computation of
 * coverage: the 人员台账 screen, 工作台 and the 入户排查覆盖情况表 all call
 * `coverageAsOf`, so they agree to the digit.
 */
import { cached } from '../db/stmt-cache';
import type { ReadDb, WriteDb } from '../db/types';
import { badInput, conflict } from '../errors';
import { shownPct } from '../percent.shared';
import type { AuditInput } from '../handler-types';
import { UNASSIGNED_GRID_NAME, type CommunityCoverage, type CoverageFigures, type CoverageSummary, type GridCoverage } from './coverage-types.shared';
import { liveCase } from './case-void';
import { movedAfter } from './household-moves.repo';

/** One decimal; 100 only when every household is screened (99.96 % is not "all"); no figure while nothing is loaded. */
export function coveragePct(screened: number, households: number, loaded: number): number | null {
  return loaded === 0 ? null : shownPct(screened, households, 1);
}

interface Counts {
  loaded: number;
  screened: number;
  screenedInPeriod: number;
  notHome: number;
  refused: number;
}

/** A line's figures from its declared count and what is on the ledger. `below` are the lines it sums (a community's grids). */
function figures(declared: number, c: Counts, below: readonly CoverageFigures[] = []): CoverageFigures {
  const households = Math.max(declared, below.length ? below.reduce((n, b) => n + b.households, 0) : c.loaded);
  const pct = coveragePct(c.screened, households, c.loaded);
  const complete = c.loaded > 0 && c.screened >= households && below.every((b) => b.state === 'complete');
  return {
    declared,
    loaded: c.loaded,
    households,
    screened: c.screened,
    notHome: c.notHome,
    refused: c.refused,
    unscreened: c.loaded - c.screened - c.notHome - c.refused,
    notLoaded: households - c.loaded,
    coveragePct: pct,
    state: c.loaded === 0 ? 'not_loaded' : complete ? 'complete' : 'in_progress',
  };
}

const sumCounts = (rows: readonly Counts[]): Counts =>
  rows.reduce(
    (a, r) => ({
      loaded: a.loaded + r.loaded,
      screened: a.screened + r.screened,
      screenedInPeriod: a.screenedInPeriod + r.screenedInPeriod,
      notHome: a.notHome + r.notHome,
      refused: a.refused + r.refused,
    }),
    {
      loaded: 0,
      screened: 0,
      screenedInPeriod: 0,
      notHome: 0,
      refused: 0,
    },
  );

export interface CoverageQuery {
  /**
   * Counts the visits made on or before this day (screening_visits, migration 059): a form for a past period says
   * what was true on its last day; a visit after it is left out. A household screened on or before it stays
   * screened, whatever later visits found; 不在家 and 拒绝 are the households not screened by then whose latest
   * visit by then said so.
   */
  asOf: string;
  /** For zero reports and today's new cases (the screen); defaults to asOf. */
  today?: string | undefined;
  communityId?: number | undefined;
  /** First day of a period: `screenedInPeriod` counts households with a screening from it to asOf. */
  periodFrom?: string | undefined;
}

/** The households on the ledger per line (community, grid): the denominator's floor and the lines that have any. */
const LOADED = (oneCommunity: boolean) =>
  `SELECT community_id AS communityId, grid_id AS gridId, count(*) AS loaded FROM households ${oneCommunity ? 'WHERE community_id = @communityId' : ''}
   GROUP BY community_id, grid_id`;

/** Per household, over its visits up to asOf: the day of its last screening (null: none by then). */
const SCREENED_ON = `max(CASE status WHEN 'screened' THEN visited_on END)`;
/** …and its latest visit's outcome ('n' 不在家, 'r' 拒绝, 's'): days are 10 characters, so it ends the largest day || outcome. */
const LATEST_OUTCOME = `substr(max(visited_on || substr(status, 1, 1)), 11)`;

/**
 * One line's visits up to asOf, per household in the index's order (screening_visits_coverage: no sort), then counted.
 * The visits carry the household's present place (059's trigger): `placedAsOf` moves the households that moved later.
 */
const LINE_VISITS = `SELECT count(screened) AS screened, coalesce(sum(screened >= @from), 0) AS screenedInPeriod,
         coalesce(sum(screened IS NULL AND latest = 'n'), 0) AS notHome, coalesce(sum(screened IS NULL AND latest = 'r'), 0) AS refused
  FROM (SELECT ${SCREENED_ON} AS screened, ${LATEST_OUTCOME} AS latest
        FROM screening_visits WHERE community_id = @communityId AND grid_id IS @gridId AND visited_on <= @asOf GROUP BY household_id)`;

/**
 * One household's visits up to asOf, by the same rule: on its present line (where the trigger keeps its visits), so the
 * same covering index is searched by (community, grid, household), and what is taken off that line is what was counted.
 */
const HOUSEHOLD_VISITS = `SELECT ${SCREENED_ON} AS screened, ${LATEST_OUTCOME} AS latest FROM screening_visits
  WHERE community_id = @communityId AND grid_id IS @gridId AND household_id = @householdId AND visited_on <= @asOf`;

type Line = Counts & { communityId: number; gridId: number | null };
const lineKey = (communityId: number, gridId: number | null) => `${communityId}|${gridId ?? ''}`;

/**
 * A household counts, with every visit it had by asOf, where it was on asOf (071): one that moved after it is taken
 * off its present line and counted on the line its first later move took it from, so a form already sent reads the
 * same after a move. Few households move; the lines are counted from the index first, then these are carried.
 */
function placedAsOf(db: ReadDb, lines: Line[], asOf: string, from: string, communityId: number | null): Line[] {
  const moved = movedAfter(db, asOf);
  if (moved.length === 0) return lines;
  const byKey = new Map(lines.map((l) => [lineKey(l.communityId, l.gridId), { ...l }]));
  const visits = cached(db, HOUSEHOLD_VISITS);
  const add = (cId: number, gId: number | null, one: Counts, sign: 1 | -1) => {
    if (communityId !== null && cId !== communityId) return;
    const key = lineKey(cId, gId);
    const line = byKey.get(key) ?? { communityId: cId, gridId: gId, loaded: 0, screened: 0, screenedInPeriod: 0, notHome: 0, refused: 0 };
    for (const k of ['loaded', 'screened', 'screenedInPeriod', 'notHome', 'refused'] as const) line[k] += sign * one[k];
    byKey.set(key, line);
  };
  for (const m of moved) {
    const v = visits.get({ communityId: m.nowCommunityId, gridId: m.nowGridId, householdId: m.householdId, asOf }) as {
      screened: string | null;
      latest: string | null;
    };
    const one: Counts = {
      loaded: 1,
      screened: v.screened !== null ? 1 : 0,
      screenedInPeriod: v.screened !== null && v.screened >= from ? 1 : 0,
      notHome: v.screened === null && v.latest === 'n' ? 1 : 0,
      refused: v.screened === null && v.latest === 'r' ? 1 : 0,
    };
    add(m.nowCommunityId, m.nowGridId, one, -1);
    add(m.thenCommunityId, m.thenGridId, one, 1);
  }
  return [...byKey.values()].filter((l) => l.loaded > 0);
}

export function coverageAsOf(db: ReadDb, q: CoverageQuery): CoverageSummary {
  const today = q.today ?? q.asOf;
  const params = { asOf: q.asOf, from: q.periodFrom ?? '9999-12-31', communityId: q.communityId ?? null };
  const visits = cached(db, LINE_VISITS);
  const present: Line[] = (
    cached(db, LOADED(q.communityId !== undefined)).all(params) as Array<{ communityId: number; gridId: number | null; loaded: number }>
  ).map((line) => ({ ...line, ...(visits.get({ ...params, communityId: line.communityId, gridId: line.gridId }) as Omit<Counts, 'loaded'>) }));
  const counted = placedAsOf(db, present, q.asOf, params.from, params.communityId);
  const byLine = new Map(counted.map((c) => [lineKey(c.communityId, c.gridId), c]));
  const none: Counts = { loaded: 0, screened: 0, screenedInPeriod: 0, notHome: 0, refused: 0 };
  const zero = new Set(
    (db.prepare(`SELECT grid_id AS gridId FROM zero_reports WHERE report_date = @today`).all({ today }) as Array<{ gridId: number }>).map((r) => r.gridId),
  );
  const fresh = new Map(
    (
      db
        .prepare(`SELECT grid_id AS gridId, count(*) AS n FROM cases c WHERE opened_on = @today AND grid_id IS NOT NULL AND ${liveCase('c')} GROUP BY grid_id`)
        .all({ today }) as Array<{ gridId: number; n: number }>
    ).map((r) => [r.gridId, r.n]),
  );
  const communities = db
    .prepare(`SELECT id, name, households AS declared FROM communities ${q.communityId !== undefined ? 'WHERE id = @communityId' : ''} ORDER BY id`)
    .all(params) as Array<{ id: number; name: string; declared: number }>;
  const grids = db.prepare(`SELECT id, community_id AS communityId, name, households AS declared FROM grids ORDER BY community_id, id`).all() as Array<{
    id: number;
    communityId: number;
    name: string;
    declared: number;
  }>;
  const gridRows: GridCoverage[] = [];
  const communityRows: CommunityCoverage[] = [];
  for (const cm of communities) {
    const lines: GridCoverage[] = [];
    const counts: Counts[] = [];
    for (const g of grids.filter((x) => x.communityId === cm.id)) {
      const c = byLine.get(lineKey(cm.id, g.id)) ?? none;
      counts.push(c);
      lines.push({
        gridId: g.id,
        gridName: g.name,
        communityId: cm.id,
        communityName: cm.name,
        ...figures(g.declared, c),
        zeroReportFiled: zero.has(g.id),
        newCasesToday: fresh.get(g.id) ?? 0,
        screenedInPeriod: c.screenedInPeriod,
      });
    }
    const unassigned = byLine.get(lineKey(cm.id, null));
    if (unassigned) {
      counts.push(unassigned);
      lines.push({
        gridId: null,
        gridName: UNASSIGNED_GRID_NAME,
        communityId: cm.id,
        communityName: cm.name,
        ...figures(0, unassigned),
        zeroReportFiled: false,
        newCasesToday: 0,
        screenedInPeriod: unassigned.screenedInPeriod,
      });
    }
    gridRows.push(...lines);
    communityRows.push({ communityId: cm.id, communityName: cm.name, ...figures(cm.declared, sumCounts(counts), lines.length ? lines : [figures(0, none)]) });
  }
  const office = figures(
    communityRows.reduce((n, c) => n + c.declared, 0),
    sumCounts(counted),
    communityRows.length ? communityRows : [figures(0, none)],
  );
  return { date: q.asOf, office, communities: communityRows, grids: gridRows };
}

/** 人员台账's coverage tab: as of today. */
export function coverageSummary(db: ReadDb, today: string, communityId?: number): CoverageSummary {
  return coverageAsOf(db, { asOf: today, today, communityId });
}

/** Files a zero report: refused if the grid opened a case today (then it has something to report). */
export function fileZeroReport(db: WriteDb, gridId: number, reportedBy: string, today: string, nowIso: string): { id: number; audit: AuditInput } {
  const grid = db.prepare(`SELECT name FROM grids WHERE id = @gridId`).get({ gridId }) as { name: string } | undefined;
  if (!grid) throw badInput(`「网格」编号 ${gridId} 不存在`);
  const n = (
    db.prepare(`SELECT count(*) AS n FROM cases c WHERE grid_id = @gridId AND opened_on = @today AND ${liveCase('c')}`).get({ gridId, today }) as { n: number }
  ).n;
  if (n > 0) throw conflict(`${grid.name}今天新登记了 ${n} 个个案，不能报零报告`);
  if (db.prepare(`SELECT id FROM zero_reports WHERE grid_id = @gridId AND report_date = @today`).get({ gridId, today }))
    throw conflict(`${grid.name}今天已经报过零报告`);
  const id = Number(
    db
      .prepare(`INSERT INTO zero_reports (grid_id, report_date, reported_by, created_at) VALUES (@gridId, @today, @reportedBy, @nowIso)`)
      .run({ gridId, today, reportedBy, nowIso }).lastInsertRowid,
  );
  return { id, audit: { entity: 'zero_report', entityId: id, before: null, after: { id, gridId, reportDate: today, reportedBy } } };
}
