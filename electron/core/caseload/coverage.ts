/** 入户排查全覆盖: households visited per grid, community and office; 零报告 for grids with nothing new. */
import type { ReadDb, WriteDb } from '../db/types';
import { badInput, conflict } from '../errors';
import type { AuditInput } from '../handler-types';
import type { CommunityCoverage, CoverageFigures, CoverageSummary, GridCoverage } from './coverage-types.shared';

const pct = (screened: number, households: number): number => (households === 0 ? 100 : Math.round((screened / households) * 1000) / 10);
const blank = (): CoverageFigures => ({ households: 0, screened: 0, notHome: 0, refused: 0, unscreened: 0, coveragePct: 100 });
function add(into: CoverageFigures, from: CoverageFigures): void {
  into.households += from.households;
  into.screened += from.screened;
  into.notHome += from.notHome;
  into.refused += from.refused;
  into.unscreened += from.unscreened;
  into.coveragePct = pct(into.screened, into.households);
}

export function coverageSummary(db: ReadDb, today: string, communityId?: number): CoverageSummary {
  // One pass over the (grid_id, screening_status) index, then grids and today's news in small queries.
  const counts = db.prepare(`SELECT grid_id AS gridId, screening_status AS status, count(*) AS n FROM households GROUP BY grid_id, screening_status`).all() as Array<{
    gridId: number | null;
    status: string;
    n: number;
  }>;
  const byGrid = new Map<number, CoverageFigures>();
  for (const c of counts) {
    if (c.gridId === null) continue;
    const f = byGrid.get(c.gridId) ?? blank();
    f.households += c.n;
    if (c.status === 'screened') f.screened += c.n;
    else if (c.status === 'not_home') f.notHome += c.n;
    else if (c.status === 'refused') f.refused += c.n;
    else f.unscreened += c.n;
    byGrid.set(c.gridId, f);
  }
  const zero = new Set((db.prepare(`SELECT grid_id AS gridId FROM zero_reports WHERE report_date = @today`).all({ today }) as Array<{ gridId: number }>).map((r) => r.gridId));
  const fresh = new Map(
    (db.prepare(`SELECT grid_id AS gridId, count(*) AS n FROM cases WHERE opened_on = @today AND grid_id IS NOT NULL GROUP BY grid_id`).all({ today }) as Array<{ gridId: number; n: number }>).map((r) => [r.gridId, r.n]),
  );
  const grids = db
    .prepare(`SELECT g.id AS gridId, g.name AS gridName, c.id AS communityId, c.name AS communityName FROM grids g JOIN communities c ON c.id = g.community_id ORDER BY c.id, g.id`)
    .all() as Array<{ gridId: number; gridName: string; communityId: number; communityName: string }>;
  const office = blank();
  const communities = new Map<number, CommunityCoverage>();
  const gridRows: GridCoverage[] = [];
  for (const g of grids) {
    if (communityId !== undefined && g.communityId !== communityId) continue;
    const f = byGrid.get(g.gridId) ?? blank();
    f.coveragePct = pct(f.screened, f.households);
    gridRows.push({ ...g, ...f, zeroReportFiled: zero.has(g.gridId), newCasesToday: fresh.get(g.gridId) ?? 0 });
    const cm = communities.get(g.communityId) ?? { communityId: g.communityId, communityName: g.communityName, ...blank() };
    add(cm, f);
    communities.set(g.communityId, cm);
    add(office, f);
  }
  return { date: today, office, communities: [...communities.values()], grids: gridRows };
}

/** Files a zero report: refused if the grid opened a case today (then it has something to report). */
export function fileZeroReport(db: WriteDb, gridId: number, reportedBy: string, today: string, nowIso: string): { id: number; audit: AuditInput } {
  const grid = db.prepare(`SELECT name FROM grids WHERE id = @gridId`).get({ gridId }) as { name: string } | undefined;
  if (!grid) throw badInput(`「网格」编号 ${gridId} 不存在`);
  const n = (db.prepare(`SELECT count(*) AS n FROM cases WHERE grid_id = @gridId AND opened_on = @today`).get({ gridId, today }) as { n: number }).n;
  if (n > 0) throw conflict(`${grid.name}今天新登记了 ${n} 个个案，不能报零报告`);
  if (db.prepare(`SELECT id FROM zero_reports WHERE grid_id = @gridId AND report_date = @today`).get({ gridId, today })) throw conflict(`${grid.name}今天已经报过零报告`);
  const id = Number(
    db.prepare(`INSERT INTO zero_reports (grid_id, report_date, reported_by, created_at) VALUES (@gridId, @today, @reportedBy, @nowIso)`).run({ gridId, today, reportedBy, nowIso }).lastInsertRowid,
  );
  return { id, audit: { entity: 'zero_report', entityId: id, before: null, after: { id, gridId, reportDate: today, reportedBy } } };
}
