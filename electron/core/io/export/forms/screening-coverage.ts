/**
 * 入户排查覆盖情况表: per grid (and each community's households without a grid),
 * households to screen, screened by the period's end, coverage. The figures
 * come from the caseload's one coverage computation (`coverageAsOf`), so the
 * form, 人员台账 and 工作台 agree to the digit for the same day.
 */
import { coverageAsOf } from '../../../caseload/coverage';
import { COVERAGE_STATE_LABELS, type CoverageFigures } from '../../../caseload/coverage-types.shared';
import { col, type FormDef, type FormRow } from './types';

const line = (f: CoverageFigures) => ({
  declared: f.declared,
  loaded: f.loaded,
  households: f.households,
  screened: f.screened,
  revisit: f.notHome + f.refused,
  coverage: f.coveragePct,
  state: COVERAGE_STATE_LABELS[f.state],
});

export const screeningCoverageForm: FormDef = {
  id: 'screening-coverage',
  title: '入户排查覆盖情况表',
  sheetName: '入户排查覆盖情况',
  sourceTables: ['households', 'grids'],
  defaultFullNumbers: false,
  mergeable: true,
  landscape: false,
  columns: [
    col('community', '社区（村）', 'text', 14),
    col('grid', '网格', 'text', 11),
    col('declared', '申报户数', 'number', 8),
    col('loaded', '已录入户数', 'number', 9),
    col('households', '应排查户数', 'number', 9),
    col('screened', '已排查户数', 'number', 9),
    col('screenedInPeriod', '其中本期排查', 'number', 10),
    col('revisit', '不在家/拒绝待复访', 'number', 14),
    col('coverage', '覆盖率（%）', 'percent', 9),
    col('state', '排查状态', 'text', 11),
  ],
  read(db, period) {
    const s = coverageAsOf(db, { asOf: period.to, periodFrom: period.from });
    if (s.grids.length === 0) return [];
    const rows: FormRow[] = s.grids.map((g) => ({ community: g.communityName, grid: g.gridName, ...line(g), screenedInPeriod: g.screenedInPeriod }));
    rows.push({ community: '合计', grid: '', ...line(s.office), screenedInPeriod: s.grids.reduce((n, g) => n + g.screenedInPeriod, 0) });
    return rows;
  },
};
