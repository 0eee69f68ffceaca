/** Result types of coverage.summary (types only, shared with the renderer, the dashboard and the export form). */

/**
 * not_loaded: no household of this line is on the ledger yet (「未录入住户」), whatever was declared;
 * in_progress: some loaded, not every household of the denominator screened;
 * complete: every household of the denominator screened and nothing below it unloaded.
 */
export type CoverageState = 'not_loaded' | 'in_progress' | 'complete';

export const COVERAGE_STATE_LABELS: Record<CoverageState, string> = { not_loaded: '未录入住户', in_progress: '排查中', complete: '已全覆盖' };

/** The line shown for households of a community that belong to no grid. */
export const UNASSIGNED_GRID_NAME = '未分网格';

export interface CoverageFigures {
  /** Households declared for the grid or community (设置 → 社区与网格). */
  declared: number;
  /** Households on the ledger. */
  loaded: number;
  /** The denominator: max(declared, loaded), summed from the lines below for a community or the office. */
  households: number;
  /** Screened (已排查) by the as-of day. */
  screened: number;
  notHome: number;
  refused: number;
  /** Loaded and not yet screened, not home or refused. */
  unscreened: number;
  /** Declared but not on the ledger: households - loaded. */
  notLoaded: number;
  /** screened ÷ households × 100, one decimal, 100 only when complete; null when nothing is loaded. */
  coveragePct: number | null;
  state: CoverageState;
}
export interface GridCoverage extends CoverageFigures {
  /** null: the community's households without a grid (「未分网格」). */
  gridId: number | null;
  gridName: string;
  communityId: number;
  communityName: string;
  zeroReportFiled: boolean;
  newCasesToday: number;
  /** Screened inside the period asked for (the export form's 其中本期排查); 0 without a period. */
  screenedInPeriod: number;
}
export interface CommunityCoverage extends CoverageFigures {
  communityId: number;
  communityName: string;
}
export interface CoverageSummary {
  date: string;
  office: CoverageFigures;
  communities: CommunityCoverage[];
  grids: GridCoverage[];
}
