/** Input pieces the caseload's channels share (contract.ts): optional texts and days, returnee details, the grids' filters, a temperature. */
import { z } from 'zod';
import { day, id, text } from '../contract';
import { CASE_CATEGORIES, CASE_STATUSES, RESIDENT_TAGS, RISK_LEVELS, SCREENING_STATUSES } from './codes.shared';
import { HEALTH_SETTING_RANGES, outOfRangeText, type HealthNumberSetting } from './health-settings.shared';
import { RETURNEE_MAX } from './returnee.shared';

/** A number of 监测标准 within its one range (health-settings.shared.ts); out of it, the range is said. */
export function settingNumber(key: HealthNumberSetting, notANumber: string) {
  const r = HEALTH_SETTING_RANGES[key];
  return z.number({ error: notANumber }).min(r.min, outOfRangeText(key)).max(r.max, outOfRangeText(key));
}

export const optText = (max = 200) => text(max).nullable().optional();
export const optDay = day.nullable().optional();
/** The returnee details a case may carry (returnee.ts), each optional. */
export const returneeInput = {
  origin: optText(RETURNEE_MAX.origin),
  arrivedOn: optDay,
  transport: optText(RETURNEE_MAX.transport),
  transportNo: optText(RETURNEE_MAX.transportNo),
  teamGridWorker: optText(RETURNEE_MAX.teamGridWorker),
  teamDoctor: optText(RETURNEE_MAX.teamDoctor),
  teamPolice: optText(RETURNEE_MAX.teamPolice),
  teamUnsplit: optText(RETURNEE_MAX.teamUnsplit),
};

export const householdFilter = z.strictObject({
  q: text(40).optional(),
  communityId: id.optional(),
  gridId: id.optional(),
  screeningStatus: z.enum(SCREENING_STATUSES).optional(),
  revisitDue: z.boolean().optional(),
});
export const residentFilter = z.strictObject({
  q: text(40).optional(),
  communityId: id.optional(),
  gridId: id.optional(),
  householdId: id.optional(),
  tag: z.enum(RESIDENT_TAGS).optional(),
});
export const caseFilter = z.strictObject({
  q: text(40).optional(),
  communityId: id.optional(),
  gridId: id.optional(),
  category: z.enum(CASE_CATEGORIES).optional(),
  /** Several categories at once (e.g. 居家观察 and 医学观察 together); combined with `category` by AND. */
  categories: z.array(z.enum(CASE_CATEGORIES)).min(1, '请至少选择一个类别').max(CASE_CATEGORIES.length).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  riskLevel: z.enum(RISK_LEVELS).optional(),
  assignedStaffId: id.optional(),
  active: z.boolean().optional(),
  /** 观察期内: open and observed today (started, not past its end), as 工作台's 正在观察 counts (dashboard/caseload-queries.ts). */
  observing: z.boolean().optional(),
  overdue: z.boolean().optional(),
  /** 显示已作废: voided cases too, marked (left out otherwise, as from every figure). */
  withVoided: z.boolean().optional(),
});
/** The case grid's filter, as the contract parses it: the one definition (case-queries.ts builds its WHERE from it). */
export type CaseFilter = z.output<typeof caseFilter>;
export const temperature = z.number({ error: '应为数字（°C）' }).min(34, '应在 34–43 °C 之间').max(43, '应在 34–43 °C 之间');
