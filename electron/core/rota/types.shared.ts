/** Words and result shapes of the rota area. Pure TypeScript: the renderer imports it too. */
export const STAFF_KINDS = ['community_worker', 'agency_cadre', 'medical', 'police', 'property', 'social_worker', 'volunteer'] as const;
export type StaffKind = (typeof STAFF_KINDS)[number];
/** 所属社区 of staff who belong to no community (sent down to the office, deployed where hands are short), on every sheet that lists staff. */
export const FLOATING_STAFF = '（机动）';

export const STAFF_KIND_LABELS: Record<StaffKind, string> = {
  community_worker: '专职社区工作者',
  agency_cadre: '下沉干部',
  medical: '社区医生/医务人员',
  police: '社区民警',
  property: '物业',
  social_worker: '社会工作者',
  volunteer: '志愿者',
};

export const POST_KINDS = ['checkpoint', 'screening', 'duty', 'fever', 'delivery', 'followup'] as const;
export type PostKind = (typeof POST_KINDS)[number];
export const POST_KIND_LABELS: Record<PostKind, string> = {
  checkpoint: '卡点值守',
  screening: '入户排查',
  duty: '值班',
  fever: '发热筛查',
  delivery: '物资配送',
  followup: '居家观察随访',
};

export const STAFF_STATUSES = ['active', 'inactive', 'deceased'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];
export const STAFF_STATUS_LABELS: Record<StaffStatus, string> = { active: '在岗', inactive: '不在岗', deceased: '已牺牲' };

export const ASSESSMENT_OUTCOMES = ['good', 'watch', 'support'] as const;
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number];
export const ASSESSMENT_LABELS: Record<AssessmentOutcome, string> = { good: '良好', watch: '需关注', support: '需心理疏导' };

export type BlockReason =
  | 'leave'
  | 'observation'
  | 'inactive'
  | 'not_added'
  | 'damaged'
  | 'medical_checkpoint'
  | 'missing_skill'
  | 'other_community'
  | 'overlap'
  | 'rest_hours'
  | 'consecutive_days'
  | 'rest_days'
  | 'busy_elsewhere';

export function blockLabel(r: BlockReason, rules: RotaRules): string {
  switch (r) {
    case 'leave':
      return '请假/不可排班';
    case 'observation':
      return '本人正在居家/医学观察';
    case 'inactive':
      return '不在岗';
    case 'not_added':
      return '尚未录入台账（自动排班不排录入之前的日子，本街道的设置）';
    case 'damaged':
      return '人员记录在本程序之外被改动过（姓名或号码不可信，请从备份恢复）';
    case 'medical_checkpoint':
      return '医务人员原则上不安排卡点值守';
    case 'missing_skill':
      return '缺少岗位要求的技能';
    case 'other_community':
      return '不属于本社区';
    case 'overlap':
      return '同一时间已有班次';
    case 'rest_hours':
      return `两班之间不足 ${rules.minRestHours} 小时`;
    case 'consecutive_days':
      return `已连续工作 ${rules.maxConsecutiveDays} 天`;
    case 'rest_days':
      return `每 7 天至少轮休 ${rules.minRestDaysPer7} 天`;
    case 'busy_elsewhere':
      return '已排在其他岗位，无人可替换';
    default: {
      const never: never = r;
      return String(never);
    }
  }
}

export interface RotaRules {
  minRestDaysPer7: number;
  maxConsecutiveDays: number;
  minRestHours: number;
}
/** Starting values of the office's own settings (the notice asks for 轮休 and sets no numbers). */
export const DEFAULT_RULES: RotaRules = { minRestDaysPer7: 1, maxConsecutiveDays: 6, minRestHours: 11 };

export interface Staff {
  id: number;
  name: string;
  kind: StaffKind;
  communityId: number | null;
  communityName: string | null;
  agency: string | null;
  phone: string;
  idNumber: string;
  /** The number was written with 15 digits (kept as its 18-digit form). */
  idNumberWas15: boolean;
  skills: string[];
  isMedical: boolean;
  isLeader: boolean;
  status: StaffStatus;
  insurer: string | null;
  insurancePolicy: string | null;
  insuranceFrom: string | null;
  insuranceTo: string | null;
  /** 不在岗 from this day (the day the user chose, today by default); null while on duty, or for a row an older version set (off every day). */
  inactiveFrom: string | null;
  lastAssessment: { on: string; outcome: AssessmentOutcome; followUpOn: string | null } | null;
}

/** One line of the 专属保险 lists. */
export interface InsuranceLine {
  staffId: number;
  name: string;
  kind: StaffKind;
  communityName: string | null;
  insurer: string | null;
  insurancePolicy: string | null;
  insuranceFrom: string | null;
  insuranceTo: string | null;
}

export interface InsuranceGaps {
  today: string;
  withinDays: number;
  /** Active staff with no 专属保险 on record, or whose cover has already ended. */
  missing: InsuranceLine[];
  /** Cover ending from today to today + withinDays. */
  ending: InsuranceLine[];
}

export interface Leave {
  id: number;
  staffId: number;
  from: string;
  to: string;
  reason: string;
}

export interface Shift {
  id: number;
  name: string;
  startMinute: number;
  endMinute: number;
  sortOrder: number;
}

export interface PostRequirement {
  shiftId: number;
  headcount: number;
  weekdays: string;
}

export interface Post {
  id: number;
  communityId: number;
  communityName: string;
  name: string;
  kind: PostKind;
  location: string;
  requiredSkills: string[];
  active: boolean;
  /** 岗位负责人, who confirms the post's attendance; null when none is set (then only a coordinator confirms). */
  leaderStaffId: number | null;
  leaderName: string | null;
  requirements: PostRequirement[];
}

export interface Assignment {
  id: number;
  day: string;
  postId: number;
  shiftId: number;
  staffId: number;
  staffName: string;
  communityId: number;
  source: 'auto' | 'manual';
  overrideReason: string | null;
  /** Rules this assignment now breaks (leave added later, rules tightened…), in words. */
  problems: string[];
}

export interface OpenSlot {
  day: string;
  postId: number;
  shiftId: number;
  missing: number;
}

export interface Calendar {
  from: string;
  to: string;
  staff: Array<Pick<Staff, 'id' | 'name' | 'kind' | 'communityId' | 'isMedical'>>;
  posts: Post[];
  shifts: Shift[];
  assignments: Assignment[];
  open: OpenSlot[];
  publishedWeeks: Array<{ communityId: number; weekStart: string }>;
  /** Day → staff ids who cannot work (leave, observation; a row changed outside the program, in a window with the key). */
  away: Record<string, Array<{ staffId: number; why: 'leave' | 'observation' | 'damaged' }>>;
}

export interface UnfilledSlot extends OpenSlot {
  postName: string;
  communityName: string;
  shiftName: string;
  /** Why nobody could take it: counts by rule, and a few named examples. */
  reasons: Array<{ reason: string; count: number; examples: string[] }>;
}

export interface Fairness {
  people: number;
  minShifts: number;
  maxShifts: number;
  meanShifts: number;
  stdevShifts: number;
  maxNights: number;
  maxWeekends: number;
}

export interface GenerateReport {
  required: number;
  filled: number;
  created: number;
  kept: number;
  unfilled: UnfilledSlot[];
  fairness: Fairness;
  skippedPublishedWeeks: number;
  /** Days of the range before today, left as they were (what happened is not re-planned). */
  pastDays: number;
  /** Members whose record was changed outside the program: planned on no day (planning.ts withoutDamagedRows). */
  heldOff: string[];
}

export interface Rate {
  staffKind: StaffKind;
  basis: 'day' | 'shift';
  amountFen: number;
  label: string;
}

export interface AllowanceRow {
  staffId: number;
  name: string;
  kind: StaffKind;
  communityName: string;
  /** Planned (排班) days and shifts in the period. */
  plannedDays: number;
  plannedShifts: number;
  /** Planned shifts nobody has confirmed yet (they pay nothing until confirmed). */
  unconfirmedShifts: number;
  /** Of those, the ones that cannot be confirmed as worked (leave, after a death, not on duty). */
  flaggedShifts: number;
  /** Days and shifts confirmed as worked (出勤): the allowance is paid on these. */
  days: number;
  shifts: number;
  /** The standard paid (several standards in the period: each label once, and the last one's basis and amount). */
  label: string;
  basis: 'day' | 'shift' | null;
  rateFen: number;
  /** Each standard the confirmed days were paid at, in order; more than one when the standard changed in the period. */
  standards: AllowanceStandard[];
  baseFen: number;
  adjustmentFen: number;
  adjustmentReasons: string[];
  totalFen: number;
}

/** The part of a period one 补助标准 applied to (from, to: the period's days under it) and what it paid there. */
export interface AllowanceStandard {
  from: string;
  to: string;
  label: string;
  basis: 'day' | 'shift' | null;
  amountFen: number;
  days: number;
  shifts: number;
  baseFen: number;
}

/**
 * 标准 as the pay sheet, 补助计算 and 值守人员及补助统计表 say it: 「120 元/天」, or, when the standard changed in the
 * period, each part with its days (「2020-03-01至2020-03-15 100 元/天；2020-03-16至2020-03-31 120 元/天」).
 */
export function standardText(r: Pick<AllowanceRow, 'basis' | 'rateFen' | 'standards'>): string {
  const one = (basis: AllowanceRow['basis'], fen: number) => (basis === null ? '未设补助标准' : `${Math.round(fen) / 100} 元/${basis === 'day' ? '天' : '班'}`);
  if (r.standards.length > 1) return r.standards.map((s) => `${s.from}至${s.to} ${one(s.basis, s.amountFen)}`).join('；');
  return r.basis === null ? '' : one(r.basis, r.rateFen);
}
