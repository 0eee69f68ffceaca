/** Result types of coverage.summary (types only, shared with the renderer). */
export interface CoverageFigures {
  households: number;
  screened: number;
  notHome: number;
  refused: number;
  unscreened: number;
  /** screened / households × 100, one decimal; 100 when there are no households. */
  coveragePct: number;
}
export interface GridCoverage extends CoverageFigures {
  gridId: number;
  gridName: string;
  communityId: number;
  communityName: string;
  zeroReportFiled: boolean;
  newCasesToday: number;
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

