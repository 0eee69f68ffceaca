/** 入户排查覆盖情况表: per grid, households on the ledger, screened by the period's end, coverage. */
import { col, type FormDef, type FormRow } from './types';

interface Row {
  community: string;
  grid: string;
  households: number;
  screened: number;
  screenedInPeriod: number;
  revisit: number;
}

const pct = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

export const screeningCoverageForm: FormDef = {
  id: 'screening-coverage',
  title: '入户排查覆盖情况表',
  sheetName: '入户排查覆盖情况',
  sourceTables: ['households', 'grids'],
  defaultFullNumbers: false,
  mergeable: true,
  landscape: false,
  columns: [
    col('community', '社区（村）', 'text', 16),
    col('grid', '网格', 'text', 12),
    col('households', '户数', 'number', 9),
    col('screened', '已排查户数', 'number', 11),
    col('screenedInPeriod', '其中本期排查', 'number', 12),
    col('revisit', '不在家/拒绝待复访', 'number', 16),
    col('coverage', '覆盖率（%）', 'percent', 11),
  ],
  read(db, period) {
    const rows = db
      .prepare(
        `SELECT cm.name AS community, g.name AS grid,
                count(h.id) AS households,
                coalesce(sum(CASE WHEN h.screening_status = 'screened' AND h.screened_on <= @to THEN 1 ELSE 0 END), 0) AS screened,
                coalesce(sum(CASE WHEN h.screening_status = 'screened' AND h.screened_on BETWEEN @from AND @to THEN 1 ELSE 0 END), 0) AS screenedInPeriod,
                coalesce(sum(CASE WHEN h.screening_status IN ('not_home', 'refused') THEN 1 ELSE 0 END), 0) AS revisit
         FROM grids g
         JOIN communities cm ON cm.id = g.community_id
         LEFT JOIN households h ON h.grid_id = g.id
         GROUP BY g.id
         ORDER BY g.community_id, g.id`,
      )
      .all(period) as Row[];
    const out: FormRow[] = rows.map((r) => ({ ...r, coverage: pct(r.screened, r.households) }));
    if (out.length > 0) {
      const sum = (k: keyof Row) => rows.reduce((s, r) => s + Number(r[k]), 0);
      const households = sum('households');
      const screened = sum('screened');
      out.push({ community: '合计', grid: '', households, screened, screenedInPeriod: sum('screenedInPeriod'), revisit: sum('revisit'), coverage: pct(screened, households) });
    }
    return out;
  },
};
