/**
 * Result of `dashboard.summary` (types only, shared with the renderer).
 * One section per capability; a section is null when the ledger lacks the
 * tables behind it, so the screen shows a tile only where its data exists.
 */
import type { CaseCategory } from '../caseload/codes.shared';
import type { CoverageState } from '../caseload/coverage-types.shared';
import type { ScheduleState } from '../io/export/contract';

export interface DashboardCommunity {
  id: number;
  name: string;
}

/** One bar of 个案分类: a community (office view) or a grid (one community's view). */
export interface CaseBar {
  label: string;
  communityId: number;
  /** Set when the bars are a community's grids; null for 未分网格. */
  gridId: number | null;
  counts: Partial<Record<CaseCategory, number>>;
  total: number;
}

export interface CaseloadFigures {
  /** Under observation today: started, not past the end day, not released (same rule as the supplies' observed count). */
  observing: { total: number; home: number; medical: number };
  /** Observation period over but not released (「待解除观察」, the same rule as 今日随访). */
  awaitingRelease: number;
  /** Active observations not yet checked today. */
  uncheckedToday: number;
  /** Active observations with a missed day before today (the caseload's 逾期 filter). */
  checksOverdue: number;
  /** Fever or symptom checks awaiting a decision (待处置). */
  escalations: number;
  oldestEscalationDay: string | null;
  /** 发热筛查分诊 cases 已转诊待到达: the case grid's rows for that category and status, and the oldest one's 登记日期. */
  referralsAwaiting: { people: number; oldestDay: string | null };
  /** Vulnerable people with at least one unresolved need from a care visit, and the needs themselves. */
  openNeeds: { people: number; needs: number };
  /** Care visits due today or late. */
  careVisitsDue: number;
  /** Active cases by category; bars per community, or per grid when one community is chosen. */
  casesByCategory: { groupedBy: 'community' | 'grid'; categories: CaseCategory[]; bars: CaseBar[] };
  /**
   * People under observation on each of the last 30 days, oldest first (the last point is today): the day an
   * observation is released or referred is one of its days (observation-days.shared.ts); `closed` of them closed that day.
   */
  observationTrend: Array<{ day: string; observing: number; closed: number }>;
}

export interface GridBar {
  /** null: a community's households without a grid (「未分网格」). */
  gridId: number | null;
  gridName: string;
  communityId: number;
  communityName: string;
  /** The denominator, max(declared, loaded), exactly as 人员台账 and the export form show it. */
  households: number;
  loaded: number;
  screened: number;
  /** null when nothing is loaded (「未录入住户」). */
  coveragePct: number | null;
  state: CoverageState;
}

export interface CoverageFiguresDash {
  households: number;
  loaded: number;
  screened: number;
  coveragePct: number | null;
  state: CoverageState;
  /** The three weakest lines: 未录入住户 first, then lowest coverage, then most households still to visit. */
  weakest: GridBar[];
  /** Every line (grids and 未分网格), weakest first. */
  grids: GridBar[];
  /** Lines fully screened. */
  gridsComplete: number;
  /** Grids with no household on the ledger. */
  gridsNotLoaded: number;
}

/** Days of cover of one item: the office total, or one community's store when a community is chosen. */
export interface SupplyBar {
  itemId: number;
  itemName: string;
  unit: string;
  stock: number;
  /** Units per day. */
  burn: number;
  /** null when nothing is being used. */
  cover: number | null;
  safetyDays: number;
  /** Stores (of those shown) short of this item. */
  shortStores: number;
}

export interface SuppliesFigures {
  /** Store × item rows in shortage. */
  shortRows: number;
  /** The most urgent shortage, or null. */
  first: { storeName: string; itemName: string; stockOut: string | null } | null;
  items: SupplyBar[];
}

export interface StaffingDay {
  day: string;
  required: number;
  filled: number;
  /** filled / required × 100, whole number; null when nothing is required that day. */
  ratePct: number | null;
}

export interface RotaFigures {
  /** Positions (headcount) still open from today to today + 6. */
  unfilledNext7: number;
  /** The first day with an open position, for the drill-down. */
  firstGapDay: string | null;
  /** Covered / required over the next 14 days, whole percent; null when nothing is required. */
  fillRatePct14: number | null;
  days: StaffingDay[];
}

export interface MemorialFigures {
  /** Deaths not reported to every required recipient within the limit. */
  overdueReports: number;
  memorialIds: number[];
  /** Family visits and difficulties that have come due. */
  followUpsDue: number;
}

export interface ReportsFigures {
  /** Active entries of the 报送日历: 0 means nothing is scheduled, which is not the same as nothing due. */
  scheduled: number;
  /** Due today and not yet sent (before the deadline). */
  due: number;
  /** Past the deadline and not sent. */
  overdue: number;
  items: Array<{ id: number; title: string; recipient: string; dueDay: string; dueTime: string; state: ScheduleState }>;
}

export interface DashboardSummary {
  today: string;
  communityId: number | null;
  communities: DashboardCommunity[];
  caseload: CaseloadFigures | null;
  coverage: CoverageFiguresDash | null;
  supplies: SuppliesFigures | null;
  rota: RotaFigures | null;
  /** Coordinators only (the records are confidential); null for everyone else. */
  memorials: MemorialFigures | null;
  /** The reporting calendar is the office's, so it ignores the community filter. */
  reports: ReportsFigures | null;
}
