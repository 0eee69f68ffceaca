/**
 * 出勤确认, allowance rates and which rota rules come from the notice: words
 * and result shapes shared with the renderer. Pure TypeScript.
 */
import type { StaffKind } from './types.shared';

export const ATTENDANCE_STATUSES = ['present', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_LABELS: Record<AttendanceStatus | 'planned', string> = { planned: '待确认', present: '已出勤', absent: '缺勤' };

/** Whose sign-off an attendance confirmation records: the post's leader's (entered by a clerk) or a coordinator's own. */
export const CONFIRMED_AS_LABELS: Record<'leader' | 'coordinator', string> = { leader: '岗位负责人', coordinator: '统筹负责人' };

/** 计发方式 of an allowance rate: per day attended or per shift worked. */
export const RATE_BASES = ['day', 'shift'] as const;
export type RateBasis = (typeof RATE_BASES)[number];
export const RATE_BASIS_LABELS: Record<RateBasis, string> = { day: '按出勤天数', shift: '按班次' };

/** One planned shift of a day and what is known about whether it was worked. */
export interface AttendanceRow {
  assignmentId: number;
  day: string;
  postId: number;
  postName: string;
  communityId: number;
  communityName: string;
  shiftId: number;
  shiftName: string;
  staffId: number;
  staffName: string;
  status: AttendanceStatus | 'planned';
  confirmedBy: string | null;
  confirmedAs: 'leader' | 'coordinator' | null;
  note: string;
  /** Why this shift cannot be confirmed as worked (leave that day, after a death, not on duty, under observation); null when nothing stands in the way. */
  flag: string | null;
  /** The post's leader (岗位负责人), who confirms its attendance; null when none is set. */
  leader: { staffId: number; name: string } | null;
  /** Today's shift not begun by the office's clock, as 「16:00 才开始」: not yet confirmable as worked (出勤确认 says so on its row). */
  startsLater: string | null;
}

export interface AttendanceDay {
  day: string;
  rows: AttendanceRow[];
}

export interface ConfirmDayResult {
  confirmed: number;
  /** Planned shifts left unconfirmed, and why (each needs a person's decision). */
  skipped: Array<{ assignmentId: number; staffName: string; why: string }>;
}

/**
 * Which kinds of staff a rate label belongs to. The notice names two allowances,
 * each for one kind of person; any other kind's rate is the office's own item.
 */
export const NOTICE_ALLOWANCES: Readonly<Record<string, StaffKind>> = { 临时性工作补助: 'community_worker', 志愿者补贴: 'volunteer' };

/** The wording under each line of 补助标准. */
export const RATE_SOURCE_NOTES: Record<StaffKind, string> = {
  community_worker: '通知：为专职城乡社区工作者“适当发放临时性工作补助”（金额由本单位确定）',
  volunteer: '通知：为社区志愿者“适当发放补贴”（金额由本单位确定）',
  agency_cadre: '通知未规定，如发放请设本单位的补助项目',
  medical: '通知未规定，如发放请设本单位的补助项目',
  police: '通知未规定，如发放请设本单位的补助项目',
  property: '通知未规定，如发放请设本单位的补助项目',
  social_worker: '通知未规定，如发放请设本单位的补助项目',
};

/** A 补助标准 replaced from a day on, and the last day it applied (rate null: no standard was set then). */
export interface EarlierRate {
  staffKind: StaffKind;
  until: string;
  rate: { staffKind: StaffKind; basis: 'day' | 'shift'; amountFen: number; label: string } | null;
}

export interface RatesView {
  /**
   * The latest standard of each kind, with its first day (since: null, every day before too); pending: its first day
   * is still to come (saved with a future 执行日期), so today is paid at a replaced one.
   */
  rates: Array<{ staffKind: StaffKind; basis: 'day' | 'shift'; amountFen: number; label: string; since: string | null; pending: boolean }>;
  /** The standards they replaced, paid on the days each applied; inForceToday: the one paid today (its kind's latest is pending). */
  earlier: Array<EarlierRate & { inForceToday: boolean }>;
  /** Rates an earlier version preset (¥100/天, ¥30/班) and this ledger had in use, removed because the notice sets no amounts. */
  removedPresets: Array<{ staffKind: StaffKind; basis: 'day' | 'shift'; amountFen: number; label: string }>;
}

/** Rota rules, by where they come from: the notice (豫民文〔2020〕14号) or the office's own settings. */
export const NOTICE_ROTA_RULES = [
  { rule: '合理安排社区工作者轮休', quote: '合理安排社区工作者轮休', how: '由下面「每 7 天至少轮休」「最多连续工作」两项本街道的设置落实' },
  { rule: '社区医务人员原则上不安排在卡点值守', quote: '原则上不安排他们在卡点值守', how: '自动排班不安排；确需安排的，由统筹负责人填写理由后破例' },
] as const;
export const OFFICE_RULE_NOTE = '以下数字是本街道的设置，通知没有规定具体天数或小时数。';
