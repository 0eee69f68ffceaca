/** Row and filter types of the caseload lists; imported by the contract (so: types only, no Node). */
import type { CareTaskStatus, CaseCategory, CaseStatus, CheckMethod, Escalation, RiskLevel, ScreeningStatus } from './codes.shared';
import type { ReturneeDetails } from './returnee.shared';

export interface CaseListRow extends ReturneeDetails {
  id: number;
  residentId: number;
  name: string;
  /** Masked: 4101**********1234 */
  idNumber: string;
  /** Masked: 138****5678 */
  phone: string;
  sex: 'M' | 'F' | null;
  /** YYYY-MM-DD; for viewers the year only (YYYY). */
  birthDate: string | null;
  communityId: number;
  communityName: string;
  gridId: number | null;
  gridName: string | null;
  address: string;
  category: CaseCategory;
  status: CaseStatus;
  riskLevel: RiskLevel;
  assignedStaffId: number | null;
  staffName: string | null;
  openedOn: string;
  dueOn: string | null;
  closedOn: string | null;
  source: string | null;
  notes: string | null;
  obsStartOn: string | null;
  obsDays: number | null;
  obsEndOn: string | null;
  lastCheckOn: string | null;
  /** Earliest observation day with no check (may be today or later). */
  firstMissingCheckOn: string | null;
  /** Days of the observation period already past (never past its end) with no check. */
  overdueDays: number;
  /** Open, and the observation's last day is past (观察期已满, not yet released): its overdueDays are the window's and stay as they are. */
  obsEnded: boolean;
  /** Under observation today and today's check not yet recorded. */
  checkDueToday: boolean;
  /** 作废登记 (migration 070): when (UTC instant), by whom and why; null for a live case. A voided case is in no figure. */
  voidedAt: string | null;
  voidedBy: string | null;
  voidReason: string | null;
}

export interface HouseholdListRow {
  id: number;
  communityId: number;
  communityName: string;
  gridId: number | null;
  gridName: string | null;
  estate: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  addressText: string | null;
  address: string;
  headName: string | null;
  phone: string;
  screeningStatus: ScreeningStatus;
  screenedOn: string | null;
  screenedBy: string | null;
  screeningResult: string | null;
  revisitOn: string | null;
  /** The day of its latest 已排查 visit, whatever came after (a later 无人在家 leaves it screened: it counts in coverage). */
  lastScreenedOn: string | null;
  residentCount: number;
}

/** One 入户排查 visit to a household (households.visits, the latest first): why it counts as screened. */
export interface ScreeningVisitRow {
  visitedOn: string;
  status: Exclude<ScreeningStatus, 'unscreened'>;
  visitedBy: string | null;
  result: string | null;
  /** edit: 人员台账; import: an 入户排查结果 sheet (sourceFile); backfill: the latest visit the ledger held before visits were kept. */
  source: 'edit' | 'import' | 'backfill';
  sourceFile: string | null;
}

export interface ResidentListRow {
  id: number;
  householdId: number | null;
  communityId: number;
  communityName: string;
  gridId: number | null;
  gridName: string | null;
  address: string;
  name: string;
  idNumber: string;
  /** The number was written with 15 digits; it is stored and matched as its 18-digit form. */
  idNumberWas15: boolean;
  phone: string;
  sex: 'M' | 'F' | null;
  /** YYYY-MM-DD; for viewers the year only (YYYY). */
  birthDate: string | null;
  tags: string[];
  /** 与户主关系 as stored (户主, 配偶, 长子…), null when not known. */
  relation: string | null;
  activeCases: number;
}

export interface HealthCheck {
  id: number;
  caseId: number;
  checkDate: string;
  temperature: number | null;
  symptoms: string | null;
  method: CheckMethod;
  checkedBy: string;
  flagged: boolean;
  escalation: Escalation | null;
  escalationNote: string | null;
  referralCaseId: number | null;
}

export interface TimelineEntry {
  at: string;
  username: string;
  /** The name colleagues know the user by (users.display_name); the username if the account is gone. */
  displayName: string;
  channel: string;
  what: string;
}

export interface CareTask {
  id: number;
  residentId: number;
  residentName: string;
  reason: string;
  nextVisitOn: string;
  status: CareTaskStatus;
  intervalDays: number;
  /** The observation (of someone in the household) that started this task; releasing it asks what happens to the task. */
  triggerCaseId: number | null;
}

export interface CaseDetail {
  case: CaseListRow;
  /** Why a care case was opened (a relative on the front line or under observation), in words; null if not recorded. */
  careFor: string | null;
  /** A 发热筛查分诊 case: the observation it was referred from, in words, saying so when that case was voided; else null. */
  referredFrom: string | null;
  checks: HealthCheck[];
  careTasks: CareTask[];
  timeline: TimelineEntry[];
  allowedNext: CaseStatus[];
  /** The core's today, so the screen defaults dates from the same clock. */
  today: string;
}
