/**
 * 工作台 on the demo street office, counted again from the ledger's own rows by a stranger: plain SQL on the base
 * tables and arithmetic here, never the app's query modules or its kept-up columns (cases.last_check_on,
 * cases.first_missing_check_on, screening_visits.grid_id). Each figure is compared with what dashboard.summary says,
 * for the office and for every community, and the communities' figures summed must be the office's.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardSummary } from '../../../electron/core/dashboard/types.shared';
import type { Core } from '../../../electron/core/core';
import type { ReadDb } from '../../../electron/core/db/types';
import { DEMO_USERS } from '../../../electron/core/demo/build-demo';
import { addDays, eachDay } from '../../../electron/core/dates.shared';
import { demoOfficeInTempDir } from '../../helpers/demo-office';
import { caseloadSummaryForm } from '../../../electron/core/io/export/forms/caseload-summary';
import { screeningCoverageForm } from '../../../electron/core/io/export/forms/screening-coverage';

let dir: string;
let core: Core;
let db: ReadDb;
let today: string;
const summaries = new Map<number | 'office', DashboardSummary>();

const summary = async (communityId?: number): Promise<DashboardSummary> => {
  const r = await core.call('admin', 'dashboard.summary', communityId === undefined ? {} : { communityId });
  if (r.ok !== true) throw new Error(JSON.stringify(r));
  return r.value as DashboardSummary;
};

beforeAll(async () => {
  ({ dir, core } = await demoOfficeInTempDir('taizhang-recount-', 1200));
  const unlock = await core.call('admin', 'auth.unlock', { username: 'admin', password: DEMO_USERS[0].password });
  expect(unlock.ok).toBe(true);
  db = core.services.ledger.handle();
  today = core.services.clock.today();
  const office = await summary();
  summaries.set('office', office);
  for (const c of office.communities) summaries.set(c.id, await summary(c.id));
}, 300_000);
afterAll(() => {
  core?.close?.();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Obs {
  id: number;
  community: number;
  category: string;
  start: string;
  end: string;
  closed: string | null;
}
const observations = (): Obs[] =>
  db
    .prepare(
      `SELECT id, community_id AS community, category, obs_start_on AS start, obs_end_on AS "end", closed_on AS closed
       FROM cases WHERE obs_start_on IS NOT NULL`,
    )
    .all() as Obs[];
const checkDays = (): Map<number, Set<string>> => {
  const m = new Map<number, Set<string>>();
  for (const k of db.prepare(`SELECT case_id AS c, check_date AS d FROM health_checks`).all() as Array<{ c: number; d: string }>)
    m.set(k.c, (m.get(k.c) ?? new Set()).add(k.d));
  return m;
};

/** The observation tiles, counted by hand for the cases of `community` (all: the office). */
function recountObservation(community?: number) {
  const checks = checkDays();
  const mine = observations().filter((o) => o.closed === null && (community === undefined || o.community === community));
  const observing = mine.filter((o) => o.start <= today && today <= o.end);
  const yesterday = addDays(today, -1);
  return {
    home: observing.filter((o) => o.category === 'home_observation').length,
    medical: observing.filter((o) => o.category === 'medical_observation').length,
    uncheckedToday: observing.filter((o) => !checks.get(o.id)?.has(today)).length,
    // 逾期未监测: the window still runs and a day of it before today has no check.
    checksOverdue: mine.filter(
      (o) => o.end >= today && o.start <= yesterday && eachDay(o.start, o.end < yesterday ? o.end : yesterday).some((d) => !checks.get(o.id)?.has(d)),
    ).length,
    awaitingRelease: mine.filter((o) => o.end < today).length,
  };
}

describe('工作台 on the demo office, recounted from the rows', () => {
  it('has something to count (the demo is not empty today)', () => {
    const o = recountObservation();
    expect(o.home + o.medical).toBeGreaterThan(5);
    expect(summaries.size).toBeGreaterThan(3);
  });

  it('says the observation tiles the rows say, for the office and each community, and the communities sum to the office', () => {
    let sum = { observing: 0, uncheckedToday: 0, checksOverdue: 0, awaitingRelease: 0, escalations: 0 };
    for (const [key, s] of summaries) {
      const community = key === 'office' ? undefined : key;
      const want = recountObservation(community);
      const got = s.caseload!;
      expect(
        { ...got.observing, uncheckedToday: got.uncheckedToday, checksOverdue: got.checksOverdue, awaitingRelease: got.awaitingRelease },
        `社区 ${key}`,
      ).toEqual({
        total: want.home + want.medical,
        home: want.home,
        medical: want.medical,
        uncheckedToday: want.uncheckedToday,
        checksOverdue: want.checksOverdue,
        awaitingRelease: want.awaitingRelease,
      });
      if (community !== undefined)
        sum = {
          observing: sum.observing + got.observing.total,
          uncheckedToday: sum.uncheckedToday + got.uncheckedToday,
          checksOverdue: sum.checksOverdue + got.checksOverdue,
          awaitingRelease: sum.awaitingRelease + got.awaitingRelease,
          escalations: sum.escalations + got.escalations,
        };
    }
    const office = summaries.get('office')!.caseload!;
    expect(sum).toEqual({
      observing: office.observing.total,
      uncheckedToday: office.uncheckedToday,
      checksOverdue: office.checksOverdue,
      awaitingRelease: office.awaitingRelease,
      escalations: office.escalations,
    });
  });

  it('counts open escalations (fever or symptoms awaiting a decision) as the checks say', () => {
    const open = db.prepare(`SELECT k.check_date AS d FROM health_checks k WHERE k.escalation = 'open'`).all() as Array<{ d: string }>;
    const office = summaries.get('office')!.caseload!;
    expect(office.escalations).toBe(open.length);
    expect(office.oldestEscalationDay).toBe(open.length ? open.map((r) => r.d).sort()[0] : null);
  });

  it('draws the 30-day observation trend from the windows: each day, the people whose window covers it', () => {
    const all = observations();
    const trend = summaries.get('office')!.caseload!.observationTrend;
    expect(trend.at(-1)!.day).toBe(today);
    expect(trend).toHaveLength(30);
    for (const point of trend) {
      // Observed on a day: started by then, and neither past its planned end nor closed before it (the closing day counts).
      const lastDay = (o: Obs) => (o.closed !== null && o.closed < o.end ? o.closed : o.end);
      const observing = all.filter((o) => o.start <= point.day && point.day <= lastDay(o)).length;
      expect(point.observing, point.day).toBe(observing);
    }
  });

  it('counts households and screened households per grid from the households and their visits, and the grids sum to the office', () => {
    const office = summaries.get('office')!.coverage!;
    const loaded = db.prepare(`SELECT grid_id AS g, community_id AS c, count(*) AS n FROM households GROUP BY grid_id, community_id`).all() as Array<{
      g: number | null;
      c: number;
      n: number;
    }>;
    // Screened by today: a visit that found the household screened, on or before today, whatever came after it.
    const screened = db
      .prepare(
        `SELECT h.grid_id AS g, h.community_id AS c, count(*) AS n FROM households h
         WHERE EXISTS (SELECT 1 FROM screening_visits v WHERE v.household_id = h.id AND v.status = 'screened' AND v.visited_on <= @today)
         GROUP BY h.grid_id, h.community_id`,
      )
      .all({ today }) as Array<{ g: number | null; c: number; n: number }>;
    const total = (rows: Array<{ n: number }>) => rows.reduce((n, r) => n + r.n, 0);
    expect(office.loaded).toBe(total(loaded));
    expect(office.screened).toBe(total(screened));
    for (const bar of office.grids) {
      const key = (r: { g: number | null; c: number }) => r.g === bar.gridId && r.c === bar.communityId;
      expect([bar.loaded, bar.screened], `${bar.communityName} ${bar.gridName}`).toEqual([loaded.find(key)?.n ?? 0, screened.find(key)?.n ?? 0]);
    }
    expect(office.grids.reduce((n, b) => n + b.screened, 0)).toBe(office.screened);
    expect(office.grids.reduce((n, b) => n + b.households, 0)).toBe(office.households);
    for (const [key, s] of summaries) {
      if (key === 'office') continue;
      const c = s.coverage!;
      expect([c.loaded, c.screened], `社区 ${key}`).toEqual([total(loaded.filter((r) => r.c === key)), total(screened.filter((r) => r.c === key))]);
    }
  });

  it('says each item’s office stock as its movements sum, and each community’s stock sums to it', () => {
    const stock = db.prepare(`SELECT item_id AS item, store_id AS store, sum(delta) AS n FROM supply_movements GROUP BY item_id, store_id`).all() as Array<{
      item: number;
      store: number;
      n: number;
    }>;
    const office = summaries.get('office')!.supplies!;
    expect(office.items.length).toBeGreaterThan(0);
    for (const bar of office.items) expect(bar.stock, bar.itemName).toBe(stock.filter((s) => s.item === bar.itemId).reduce((n, s) => n + s.n, 0));
  });

  it('上报: 人员排查管控情况汇总表 and 入户排查覆盖情况表 for the week to today: each 合计 is its rows summed and the rows’ own count', () => {
    const period = { from: addDays(today, -6), to: today, today };
    const cases = caseloadSummaryForm.read(db, period, null);
    const total = cases.at(-1)!;
    expect(total['community']).toBe('合计');
    const rows = cases.slice(0, -1);
    for (const k of ['active', 'opened', 'closed']) expect(total[k], k).toBe(rows.reduce((n, r) => n + Number(r[k]), 0));
    // 在管 at the period's end: opened by then and not closed by then; 本期新增/解除 by the day each was recorded.
    const count = (sql: string) => (db.prepare(sql).get(period) as { n: number }).n;
    expect(total['active']).toBe(count(`SELECT count(*) AS n FROM cases WHERE opened_on <= @to AND (closed_on IS NULL OR closed_on > @to)`));
    expect(total['opened']).toBe(count(`SELECT count(*) AS n FROM cases WHERE opened_on BETWEEN @from AND @to`));
    expect(total['closed']).toBe(count(`SELECT count(*) AS n FROM cases WHERE closed_on BETWEEN @from AND @to`));
    // The same day on 工作台: the active cases by category, summed, are the form's 在管.
    const bars = summaries.get('office')!.caseload!.casesByCategory.bars;
    expect(bars.reduce((n, b) => n + b.total, 0)).toBe(total['active']);

    const cover = screeningCoverageForm.read(db, period, null);
    const sum = cover.at(-1)!;
    const grids = cover.slice(0, -1);
    for (const k of ['declared', 'loaded', 'households', 'screened', 'screenedInPeriod', 'revisit'])
      expect(sum[k], k).toBe(grids.reduce((n, r) => n + Number(r[k]), 0));
    const dash = summaries.get('office')!.coverage!;
    expect([sum['households'], sum['screened'], sum['loaded']]).toEqual([dash.households, dash.screened, dash.loaded]);
  });
});
