/**
 * The caseload area's channels (人员台账, 今日随访, 入户排查覆盖). Field labels are field-labels.shared.ts; input pieces
 * several channels share (filters, returnee details) inputs.shared.ts.
 */
import { z } from 'zod';
import { areaContract, channel, day, empty, id, listParams, type Page, pastDay, requiredText } from '../contract';
import { CASE_SORT_FIELDS } from './case-sort.shared';
import { VOID_KINDS } from './case-void.shared';
import { CASE_CATEGORIES, CASE_STATUSES, CHECK_METHODS, RESIDENT_TAGS, RISK_LEVELS, SCREENING_STATUSES } from './codes.shared';
import type { CoverageSummary } from './coverage-types.shared';
import type { HealthSettings } from './health-settings.shared';
import type { CaseDetail, CaseListRow, HealthCheck, HouseholdListRow, ResidentListRow, ScreeningVisitRow } from './list-types.shared';
import { TODAY_KINDS, type TodayList } from './today-types.shared';
import { RELATION_MAX } from './relation.shared';
import { digitSearchAudit } from './search.shared';
import { caseloadLabels } from './field-labels.shared';
import { caseFilter, householdFilter, optDay, optText, residentFilter, returneeInput, settingNumber, temperature } from './inputs.shared';

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
  /** 作废登记: the case leaves every figure and form, its row and history kept (case-void.ts). Read-only after. */
  'cases.void': channel<CaseListRow>()({
    input: z.strictObject({ caseId: id, kind: z.enum(VOID_KINDS), reason: optText(200) }),
    access: 'clerk',
    kind: 'write',
    labels: { kind: '作废原因', reason: '作废说明' },
  }),
  /** 撤销作废: a coordinator brings a voided case back into the figures, saying why. */
  'cases.restore': channel<CaseListRow>()({
    input: z.strictObject({ caseId: id, reason: requiredText(200) }),
    access: 'coordinator',
    kind: 'write',
    labels: { reason: '撤销原因' },
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
