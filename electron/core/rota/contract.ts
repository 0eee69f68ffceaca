/** The rota area's channels: staff, posts and shifts, rules, calendar, generator, rosters, allowances. */
import { z } from 'zod';
import { areaContract, channel, chosen, day, empty, fromNotAfterTo, id, pastDay, period, PERIOD_ORDER, requiredText, text } from '../contract';
import type { AllowanceRow, Calendar, GenerateReport, InsuranceGaps, Leave, Post, Rate, RotaRules, Shift, Staff } from './types.shared';
import { ATTENDANCE_STATUSES, RATE_BASES, type AttendanceDay, type ConfirmDayResult, type RatesView } from './duty-types.shared';
import { ASSESSMENT_OUTCOMES, POST_KINDS, STAFF_KINDS, STAFF_STATUSES } from './types.shared';
import { ROSTER_PHONES, type Roster, type RotaOutlook } from './report-types.shared';
import type { ReadAuditEntry } from '../contract';

/** A roster printed with full phones leaves a row (once a minute per session and question, as every audited read). */
function fullPhonesPrinted(input: { from: string; to: string; communityId?: number | undefined; phones: string }, result: Roster): ReadAuditEntry | null {
  if (input.phones !== 'full') return null;
  const communities = result.communities.map((c) => c.communityName).join('、');
  return {
    entity: 'rota_roster',
    after: { from: input.from, to: input.to, communities, people: result.people, phones: 'full' },
    key: `${input.from}|${input.to}|${input.communityId ?? ''}`,
  };
}

export * from './types.shared';
export * from './duty-types.shared';

const rotaLabels = {
  jobId: '任务编号',
  staffId: '人员',
  postId: '岗位',
  shiftId: '班次',
  day: '日期',
  phone: '联系电话',
  idNumber: '身份证号',
  agency: '派出单位',
  skills: '技能',
  isMedical: '医务人员',
  isLeader: '带班领导',
  status: '状态',
  inactiveFrom: '不在岗日期',
  insurer: '承保公司',
  insurancePolicy: '保单号',
  insuranceFrom: '保险起始日',
  insuranceTo: '保险截止日',
  reason: '原因',
  overrideReason: '破例安排的理由',
  medicalReason: '破例安排的理由',
  medicalLater: '先保存，稍后调换',
  headcount: '需要人数',
  weekdays: '适用星期',
  startMinute: '开始时间',
  endMinute: '结束时间',
  location: '地点',
  requiredSkills: '岗位要求技能',
  minRestDaysPer7: '每 7 天至少轮休',
  maxConsecutiveDays: '最多连续工作',
  minRestHours: '两班最短间隔',
  amountFen: '补助标准',
  basis: '计发方式',
  weekStart: '周起始日',
  outcome: '评估结果',
  on: '评估日期',
  kind: '人员类别',
  name: '姓名',
  search: '在人员名册中查找',
  staffKind: '人员类别',
  label: '补助项目',
  communityIds: '社区',
  includePublished: '含已发布的周',
  published: '发布排班',
  replacesId: '被替换的值守安排',
  path: '保存到',
};

const skills = z.array(requiredText(20)).max(20).default([]);
/** The name a screen gives its 自动排班 run, so its 取消 can stop it. */
const runId = z.string().regex(/^[\w-]{1,64}$/, '任务编号格式不对');
/**
 * The answer to a save that would put medical staff on a 卡点值守 post they are planned on (medical-checkpoint-save.ts):
 * a reason recorded on those shifts, or save now and rearrange later.
 */
const medicalAnswer = { medicalReason: text(120).optional(), medicalLater: z.boolean().optional() };

export const rotaContract = areaContract(rotaLabels, {
  'rota.staff.list': channel<Staff[]>()({
    input: z.strictObject({ communityId: id.optional(), kind: z.enum(STAFF_KINDS).optional(), search: text(40).optional() }),
    access: 'viewer',
    kind: 'read',
  }),
  'rota.staff.reveal': channel<{ phone: string; idNumber: string }>()({ input: z.strictObject({ id }), access: 'clerk', kind: 'write' }),
  /** New person, or an edit: on an edit, fields left out keep their value (every change audited). */
  'rota.staff.save': channel<Staff>()({
    input: z
      .strictObject({
        id: id.optional(),
        name: requiredText(30),
        kind: z.enum(STAFF_KINDS),
        communityId: id.nullable().optional(),
        agency: text(60).nullable().optional(),
        phone: text(20).optional(),
        idNumber: text(20).optional(),
        skills: z.array(requiredText(20)).max(20).optional(),
        isMedical: z.boolean().optional(),
        isLeader: z.boolean().optional(),
        status: z.enum(STAFF_STATUSES).optional(),
        /** 不在岗 from this day (not after today); only with 不在岗. Left out: today, or the day already recorded. */
        inactiveFrom: pastDay.optional(),
        insurer: text(60).nullable().optional(),
        insurancePolicy: text(60).nullable().optional(),
        insuranceFrom: day.nullable().optional(),
        insuranceTo: day.nullable().optional(),
        ...medicalAnswer,
      })
      .refine((v) => fromNotAfterTo({ from: v.insuranceFrom, to: v.insuranceTo }), { message: '不能早于{insuranceFrom}', path: ['insuranceTo'] }),
    access: 'clerk',
    kind: 'write',
  }),
  /** Who has no 专属保险, and whose cover ends within the coming days (default 14). */
  'rota.staff.insurance': channel<InsuranceGaps>()({
    input: z.strictObject({ withinDays: z.number().int().min(1).max(90).default(14) }),
    access: 'viewer',
    kind: 'read',
    labels: { withinDays: '到期提醒天数' },
  }),
  /** The insurer's roster (name, ID number in full, kind, community, cover dates): coordinator only, audited. Written where the user chose (a handle). */
  'rota.staff.insurerRoster': channel<{ path: string; rows: number }>()({
    input: z.strictObject({ path: chosen('保存位置', 'save'), insurer: text(60).optional() }),
    access: 'coordinator',
    kind: 'task',
    labels: { path: '保存到（.xlsx 文件）', insurer: '承保公司' },
  }),
  'rota.leave.list': channel<Leave[]>()({
    input: z.strictObject({ staffId: id.optional(), ...period }).refine(fromNotAfterTo, PERIOD_ORDER),
    access: 'viewer',
    kind: 'read',
  }),
  'rota.leave.add': channel<Leave>()({
    input: z.strictObject({ staffId: id, ...period, reason: text(60).default('') }).refine(fromNotAfterTo, PERIOD_ORDER),
    access: 'clerk',
    kind: 'write',
    labels: { from: '请假开始', to: '请假结束', reason: '请假原因' },
  }),
  'rota.leave.remove': channel<null>()({ input: z.strictObject({ id }), access: 'clerk', kind: 'write' }),
  /** 需关注 / 需心理疏导 need a follow-up day: the person is on 今日随访 from it until assessed again. */
  'rota.assessments.add': channel<null>()({
    input: z.strictObject({ staffId: id, on: day, outcome: z.enum(ASSESSMENT_OUTCOMES), followUpOn: day.nullable().optional() }),
    access: 'clerk',
    kind: 'write',
    labels: { followUpOn: '随访日期' },
  }),

  'rota.shifts.list': channel<Shift[]>()({ input: empty, access: 'viewer', kind: 'read' }),
  'rota.shifts.save': channel<Shift>()({
    input: z.strictObject({
      id: id.optional(),
      name: requiredText(30),
      startMinute: z.number().int().min(0).max(1439),
      endMinute: z.number().int().min(1).max(1440),
      sortOrder: z.number().int().min(0).max(99).default(0),
    }),
    access: 'coordinator',
    kind: 'write',
    labels: { name: '班次名称', sortOrder: '排序' },
  }),
  'rota.posts.list': channel<Post[]>()({ input: z.strictObject({ communityId: id.optional() }), access: 'viewer', kind: 'read' }),
  'rota.posts.save': channel<Post>()({
    input: z.strictObject({
      id: id.optional(),
      communityId: id,
      name: requiredText(40),
      kind: z.enum(POST_KINDS),
      location: text(80).default(''),
      requiredSkills: skills,
      active: z.boolean().default(true),
      /** 岗位负责人: confirms the post's attendance (a clerk enters their sign-off). */
      leaderStaffId: id.nullable().optional(),
      requirements: z
        .array(
          z.strictObject({
            shiftId: id,
            headcount: z.number().int().min(1, '至少 1 人').max(50, '最多 50 人'),
            weekdays: z
              .string()
              .regex(/^[01]{7}$/, '应为 7 位 0/1（周一到周日）')
              .default('1111111'),
          }),
        )
        .max(12),
      ...medicalAnswer,
    }),
    access: 'coordinator',
    kind: 'write',
    labels: { name: '岗位名称', kind: '岗位类型', active: '启用', requirements: '各班次需要人数', leaderStaffId: '岗位负责人' },
  }),
  'rota.rules.get': channel<RotaRules>()({ input: empty, access: 'viewer', kind: 'read' }),
  'rota.rules.save': channel<RotaRules>()({
    input: z.strictObject({
      minRestDaysPer7: z.number().int().min(0).max(3),
      maxConsecutiveDays: z.number().int().min(1).max(14),
      minRestHours: z.number().int().min(0).max(24),
    }),
    access: 'coordinator',
    kind: 'write',
  }),

  'rota.calendar': channel<Calendar>()({
    input: z.strictObject({ ...period, communityId: id.optional(), postId: id.optional() }).refine(fromNotAfterTo, PERIOD_ORDER),
    access: 'viewer',
    kind: 'read',
  }),
  'rota.assign': channel<{ id: number }>()({
    input: z.strictObject({ day, postId: id, shiftId: id, staffId: id, overrideReason: text(120).optional(), replacesId: id.optional() }),
    access: 'clerk',
    kind: 'write',
  }),
  'rota.unassign': channel<null>()({ input: z.strictObject({ id }), access: 'clerk', kind: 'write' }),
  'rota.publish': channel<null>()({ input: z.strictObject({ communityId: id, weekStart: day, published: z.boolean() }), access: 'coordinator', kind: 'write' }),
  'rota.generate': channel<GenerateReport>()({
    input: z
      .strictObject({ ...period, communityIds: z.array(id).max(100).optional(), includePublished: z.boolean().default(false), jobId: runId.optional() })
      .refine(fromNotAfterTo, PERIOD_ORDER),
    access: 'coordinator',
    kind: 'task',
  }),
  /** 自动排班's 取消: stops the run the screen named (its 任务编号) while it plans, this window's only (another's: FORBIDDEN naming who); nothing is written. */
  'rota.generate.cancel': channel<{ cancelled: boolean }>()({ input: z.strictObject({ jobId: runId }), access: 'coordinator', kind: 'read' }),
  /** The printed roster; with full phones (a choice, never the default) the print is audited: who, which period, how many people's phones. */
  'rota.roster': channel<Roster>()({
    input: z.strictObject({ ...period, communityId: id.optional(), phones: z.enum(ROSTER_PHONES).default('masked') }).refine(fromNotAfterTo, PERIOD_ORDER),
    access: 'clerk',
    kind: 'read',
    labels: { phones: '电话' },
    auditRead: fullPhonesPrinted,
  }),
  'rota.outlook': channel<RotaOutlook>()({ input: empty, access: 'viewer', kind: 'read' }),

  /** 出勤确认: a day's planned shifts, confirmed or not, with what stands in the way of each. */
  'rota.attendance.list': channel<AttendanceDay>()({
    input: z.strictObject({ day, communityId: id.optional() }),
    access: 'viewer',
    kind: 'read',
    labels: { day: '日期' },
  }),
  /** Shift by shift: the post's leader (leaderStaffId, entered by a clerk) or, without one, a coordinator. */
  'rota.attendance.confirm': channel<{ changed: number }>()({
    input: z.strictObject({
      entries: z
        .array(z.strictObject({ assignmentId: id, status: z.enum(ATTENDANCE_STATUSES), note: text(120).optional() }))
        .min(1, '请至少选择一班')
        .max(500),
      leaderStaffId: id.optional(),
    }),
    access: 'clerk',
    kind: 'write',
    labels: { entries: '出勤情况', assignmentId: '排班', status: '出勤情况', note: '说明', leaderStaffId: '确认人（岗位负责人）' },
  }),
  /** A whole day (of a community or post) as worked, except the shifts flagged (leave, after a death…), which are listed back. */
  'rota.attendance.confirmDay': channel<ConfirmDayResult>()({
    input: z.strictObject({ day, communityId: id.optional(), postId: id.optional(), leaderStaffId: id.optional() }),
    access: 'clerk',
    kind: 'write',
    labels: { day: '日期', leaderStaffId: '确认人（岗位负责人）' },
  }),
  'rota.rates.list': channel<RatesView>()({ input: empty, access: 'viewer', kind: 'read' }),
  'rota.rates.save': channel<Rate>()({
    input: z.strictObject({
      staffKind: z.enum(STAFF_KINDS),
      basis: z.enum(RATE_BASES),
      amountFen: z.number().int().min(0).max(10_000_000),
      label: requiredText(30),
      /** 执行日期: the first day paid at this standard, the days before keep theirs. Left out: a correction for every day. */
      from: day.optional(),
    }),
    access: 'coordinator',
    kind: 'write',
    labels: { from: '执行日期' },
  }),
  'rota.allowances': channel<AllowanceRow[]>()({
    input: z.strictObject({ ...period, communityId: id.optional() }).refine(fromNotAfterTo, PERIOD_ORDER),
    access: 'clerk',
    kind: 'read',
    labels: { from: '补助开始日期', to: '补助结束日期' },
  }),
  'rota.allowances.adjust': channel<null>()({
    input: z.strictObject({ staffId: id, day, amountFen: z.number().int().min(-10_000_000).max(10_000_000), reason: requiredText(120) }),
    access: 'coordinator',
    kind: 'write',
    labels: { amountFen: '调整金额', day: '调整日期', reason: '调整原因', staffId: '调整人员' },
  }),
  'rota.allowances.export': channel<{ path: string; rows: number; people: number; totalFen: number }>()({
    input: z.strictObject({ ...period, path: chosen('补助发放表的保存位置', 'save') }).refine(fromNotAfterTo, PERIOD_ORDER),
    access: 'coordinator',
    kind: 'task',
    labels: { from: '补助开始日期', to: '补助结束日期' },
  }),
});
