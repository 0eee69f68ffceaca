/** The caseload area's channels (人员台账, 今日随访, 入户排查覆盖). */
import { z } from 'zod';
import { areaContract, channel, day, empty, id, listParams, type Page, pastDay, requiredText, text } from '../contract';
import { CASE_SORT_FIELDS } from './case-sort.shared';
import { CASE_CATEGORIES, CASE_STATUSES, CHECK_METHODS, RESIDENT_TAGS, RISK_LEVELS, SCREENING_STATUSES } from './codes.shared';
import type { CoverageSummary } from './coverage-types.shared';
import { HEALTH_SETTING_RANGES, outOfRangeText, type HealthNumberSetting, type HealthSettings } from './health-settings.shared';
import type { CaseDetail, CaseListRow, HealthCheck, HouseholdListRow, ResidentListRow, ScreeningVisitRow } from './list-types.shared';
import { TODAY_KINDS, type TodayList } from './today-types.shared';
import { RELATION_MAX } from './relation.shared';
import { RETURNEE_LABELS, RETURNEE_MAX } from './returnee.shared';
import { digitSearchAudit } from './search.shared';

/** A number of 监测标准 within its one range (health-settings.shared.ts); out of it, the range is said. */
function settingNumber(key: HealthNumberSetting, notANumber: string) {
  const r = HEALTH_SETTING_RANGES[key];
  return z.number({ error: notANumber }).min(r.min, outOfRangeText(key)).max(r.max, outOfRangeText(key));
}

const caseloadLabels = {
  residentId: '居民',
  householdId: '住户',
  caseId: '个案',
  caseIds: '个案',
  checkId: '监测记录',
  feverThreshold: '发热标准',
  observationDays: '默认观察天数',
  startFromArrival: '按返程日期起算',
  careTaskId: '照料任务',
  visitId: '走访记录',
  estate: '小区',
  building: '楼栋',
  unit: '单元',
  room: '室',
  addressText: '地址',
  headName: '户主',
  phone: '联系电话',
  screeningStatus: '排查状态',
  screenedOn: '排查日期',
  screenedBy: '排查人',
  screeningResult: '排查结果',
  revisitOn: '复访日期',
  idNumber: '身份证号',
  tags: '人员标签',
  relation: '与户主关系',
  sex: '性别',
  birthDate: '出生日期',
  category: '个案类别',
  categories: '个案类别',
  status: '状态',
  to: '新状态',
  riskLevel: '风险等级',
  assignedStaffId: '责任人',
  openedOn: '登记日期',
  dueOn: '办结期限',
  source: '来源',
  notes: '备注',
  obsStartOn: '观察开始日期',
  obsDays: '观察天数',
  originCaseId: '照料缘由（被观察人员）',
  originStaffId: '照料缘由（工作人员）',
  reason: '原因',
  changeReason: '变更原因',
  careTasks: '照料任务',
  careCases: '照料个案',
  careCaseId: '照料个案',
  checkDate: '监测日期',
  temperature: '体温',
  notMeasured: '未测',
  symptoms: '症状',
  method: '监测方式',
  checkedBy: '监测人',
  visitDate: '走访日期',
  visitedBy: '走访人',
  needs: '需求',
  actions: '采取的措施',
  needsOpen: '需求未解决',
  note: '排除原因',
  field: '字段',
  q: '搜索',
  overdue: '逾期',
  active: '在办',
  revisitDue: '待复访',
  tag: '人员标签',
  name: '姓名',
  ...RETURNEE_LABELS,
};

const optText = (max = 200) => text(max).nullable().optional();
const optDay = day.nullable().optional();
/** The returnee details a case may carry (returnee.ts), each optional. */
const returneeInput = {
  origin: optText(RETURNEE_MAX.origin),
  arrivedOn: optDay,
  transport: optText(RETURNEE_MAX.transport),
  transportNo: optText(RETURNEE_MAX.transportNo),
  teamGridWorker: optText(RETURNEE_MAX.teamGridWorker),
  teamDoctor: optText(RETURNEE_MAX.teamDoctor),
  teamPolice: optText(RETURNEE_MAX.teamPolice),
  teamUnsplit: optText(RETURNEE_MAX.teamUnsplit),
};

const householdFilter = z.strictObject({
  q: text(40).optional(),
  communityId: id.optional(),
  gridId: id.optional(),
  screeningStatus: z.enum(SCREENING_STATUSES).optional(),
  revisitDue: z.boolean().optional(),
});
const residentFilter = z.strictObject({
  q: text(40).optional(),
  communityId: id.optional(),
  gridId: id.optional(),
  householdId: id.optional(),
  tag: z.enum(RESIDENT_TAGS).optional(),
});
const caseFilter = z.strictObject({
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
  overdue: z.boolean().optional(),
});
/** The case grid's filter, as the contract parses it: the one definition (case-queries.ts builds its WHERE from it). */
export type CaseFilter = z.output<typeof caseFilter>;
const temperature = z.number({ error: '应为数字（°C）' }).min(34, '应在 34–43 °C 之间').max(43, '应在 34–43 °C 之间');

export interface CheckRecorded {
  check: HealthCheck;
  flagged: boolean;
  case: CaseListRow;
}

export const caseloadContract = areaContract(caseloadLabels, {
  'households.save': channel<HouseholdListRow>()({
    input: z.strictObject({
      id: id.optional(),
      communityId: id,
      gridId: id.nullable().optional(),
      estate: optText(40),
      building: optText(20),
      unit: optText(20),
      room: optText(20),
      addressText: optText(120),
      headName: optText(40),
      phone: optText(30),
      screeningStatus: z.enum(SCREENING_STATUSES).optional(),
      screenedOn: optDay,
      screenedBy: optText(40),
      screeningResult: optText(500),
      revisitOn: optDay,
    }),
    access: 'clerk',
    kind: 'write',
  }),
  'households.get': channel<HouseholdListRow>()({ input: z.strictObject({ id }), access: 'viewer', kind: 'read' }),
  /** Every 入户排查 visit to the household, the latest first. */
  'households.visits': channel<ScreeningVisitRow[]>()({ input: z.strictObject({ householdId: id }), access: 'viewer', kind: 'read' }),
  'households.list': channel<Page<HouseholdListRow>>()({
    input: listParams(householdFilter, ['address', 'screenedOn', 'revisitOn', 'headName']),
    access: 'viewer',
    kind: 'read',
  }),
  'residents.save': channel<ResidentListRow>()({
    input: z.strictObject({
      id: id.optional(),
      householdId: id.nullable().optional(),
      communityId: id.optional(),
      gridId: id.nullable().optional(),
      name: requiredText(40),
      idNumber: optText(30),
      phone: optText(30),
      tags: z.array(z.enum(RESIDENT_TAGS)).max(10).optional(),
      relation: optText(RELATION_MAX),
      sex: z.enum(['M', 'F']).nullable().optional(),
      birthDate: pastDay.nullable().optional(),
    }),
    access: 'clerk',
    kind: 'write',
  }),
  'residents.get': channel<ResidentListRow>()({ input: z.strictObject({ id }), access: 'viewer', kind: 'read' }),
  /** A search with digits in it (the end of an ID number or phone) is audited: the query and the count, once a minute per query and session. */
  'residents.list': channel<Page<ResidentListRow>>()({
    input: listParams(residentFilter, ['name', 'birthDate']),
    access: 'viewer',
    kind: 'read',
    auditRead: digitSearchAudit,
  }),
  /** Shows one masked value in full; every reveal is audited. Viewers never may. */
  'residents.reveal': channel<{ value: string }>()({
    input: z.strictObject({ residentId: id, field: z.enum(['idNumber', 'phone']) }),
    access: 'clerk',
    kind: 'write',
  }),
  'cases.open': channel<CaseListRow>()({
    input: z.strictObject({
      residentId: id,
      category: z.enum(CASE_CATEGORIES),
      riskLevel: z.enum(RISK_LEVELS).optional(),
      assignedStaffId: id.nullable().optional(),
      openedOn: day.optional(),
      dueOn: optDay,
      source: optText(40),
      notes: optText(1000),
      obsStartOn: day.optional(),
      obsDays: settingNumber('observationDays', '应为天数').int('应为整数').optional(),
      /** Care cases only: opened for a dependant of a person under observation, or of a staff member on the front line. */
      originCaseId: id.nullable().optional(),
      originStaffId: id.nullable().optional(),
      ...returneeInput,
    }),
    access: 'clerk',
    kind: 'write',
  }),
  'cases.get': channel<CaseDetail>()({ input: z.strictObject({ id }), access: 'viewer', kind: 'read' }),
  'cases.list': channel<Page<CaseListRow>>()({
    input: listParams(caseFilter, CASE_SORT_FIELDS),
    access: 'viewer',
    kind: 'read',
    labels: { riskLevel: '风险' },
    auditRead: digitSearchAudit,
  }),
  /** Closing an observation that started care tasks for others in the household needs a keep/close decision for each (careTasks). */
  'cases.transition': channel<CaseListRow>()({
    input: z.strictObject({
      caseId: id,
      to: z.enum(CASE_STATUSES),
      reason: optText(500),
      careTasks: z
        .array(z.strictObject({ careTaskId: id, keep: z.boolean() }))
        .max(50)
        .optional(),
      /** On release: care cases opened for dependants because of this observation; any left out stay open. */
      careCases: z
        .array(z.strictObject({ careCaseId: id, keep: z.boolean() }))
        .max(50)
        .optional(),
    }),
    access: 'clerk',
    kind: 'write',
    labels: { to: '改为', reason: '原因 / 结果说明', keep: '观察结束后的照料' },
  }),
  /** All or nothing: one illegal move refuses the whole batch, naming the case. */
  'cases.bulkTransition': channel<{ changed: number }>()({
    input: z.strictObject({ caseIds: z.array(id).min(1, '请至少选择一个个案').max(1000), to: z.enum(CASE_STATUSES), reason: optText(500) }),
    access: 'clerk',
    kind: 'write',
    labels: { to: '批量改为' },
  }),
  'cases.update': channel<CaseListRow>()({
    input: z.strictObject({
      caseId: id,
      riskLevel: z.enum(RISK_LEVELS).optional(),
      assignedStaffId: id.nullable().optional(),
      dueOn: optDay,
      source: optText(40),
      notes: optText(1000),
      obsDays: settingNumber('observationDays', '应为天数').int('应为整数').optional(),
      changeReason: optText(500),
      ...returneeInput,
    }),
    access: 'clerk',
    kind: 'write',
    labels: { changeReason: '原因 / 结果说明', riskLevel: '风险' },
  }),
  'checks.record': channel<CheckRecorded>()({
    input: z.strictObject({
      caseId: id,
      checkDate: day,
      temperature: temperature.nullable().optional(),
      notMeasured: z.boolean().optional(),
      symptoms: optText(200),
      method: z.enum(CHECK_METHODS),
      checkedBy: requiredText(40),
    }),
    access: 'clerk',
    kind: 'write',
  }),
  'checks.list': channel<HealthCheck[]>()({ input: z.strictObject({ caseId: id }), access: 'viewer', kind: 'read' }),
  /** A fever or symptom: open a 发热筛查分诊 case in one step. */
  'checks.escalate': channel<CaseListRow>()({
    input: z.strictObject({ checkId: id, assignedStaffId: id.nullable().optional(), notes: optText(500) }),
    access: 'clerk',
    kind: 'write',
  }),
  'checks.dismiss': channel<{ ok: true }>()({ input: z.strictObject({ checkId: id, note: requiredText(200) }), access: 'clerk', kind: 'write' }),
  'care.visits.record': channel<{ id: number }>()({
    input: z.strictObject({
      careTaskId: id,
      visitDate: day,
      visitedBy: requiredText(40),
      needs: optText(500),
      actions: optText(500),
      needsOpen: z.boolean().optional(),
    }),
    access: 'clerk',
    kind: 'write',
  }),
  'care.tasks.close': channel<{ ok: true }>()({ input: z.strictObject({ careTaskId: id, reason: requiredText(200) }), access: 'clerk', kind: 'write' }),
  'care.needs.resolve': channel<{ ok: true }>()({ input: z.strictObject({ visitId: id, actions: optText(500) }), access: 'clerk', kind: 'write' }),
  'today.list': channel<TodayList>()({
    // Every kind's items from `offset` (at most `limit` of each), or, with `kind`, that kind's page; counts are every kind's, whole.
    input: z.strictObject({
      communityId: id.optional(),
      gridId: id.optional(),
      kind: z.enum(TODAY_KINDS).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(2000).default(300),
    }),
    labels: { kind: '事项' },
    access: 'viewer',
    kind: 'read',
  }),
  'coverage.summary': channel<CoverageSummary>()({ input: z.strictObject({ communityId: id.optional() }), access: 'viewer', kind: 'read' }),
  'coverage.zeroReport': channel<{ id: number }>()({ input: z.strictObject({ gridId: id }), access: 'clerk', kind: 'write' }),
  /** The fever line and usual observation length: health-authority guidance kept as office settings, not the notice's. */
  'caseload.settings.get': channel<HealthSettings>()({ input: empty, access: 'viewer', kind: 'read' }),
  'caseload.settings.update': channel<HealthSettings>()({
    input: z.strictObject({
      feverThreshold: settingNumber('feverThreshold', '应为温度（°C）').optional(),
      observationDays: settingNumber('observationDays', '应为天数').int('应为整数').optional(),
      startFromArrival: z.boolean({ error: '应为是或否' }).optional(),
    }),
    access: 'coordinator',
    kind: 'write',
  }),
});
