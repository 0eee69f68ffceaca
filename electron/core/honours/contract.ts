/**
 * The honours area's channels: memorial records (coordinators only; opening
 * one is audited, so `honours.memorials.get` is kind 'write'), their
 * reporting timeline, family care, publicity and attachments, and
 * commendations for the deceased and the living.
 */
import { z } from 'zod';
import { areaContract, channel, chosen, day, empty, id, pastDay, requiredText, text } from '../contract';
import { ISO_INSTANT_RE } from '../dates.shared';
import { REQUIRED_RECIPIENTS } from './reporting.shared';
import {
  COMMENDATION_STATUSES,
  DIFFICULTY_KINDS,
  DIFFICULTY_STATUSES,
  MEMORIAL_CAUSES,
  MEMORIAL_STEPS,
  STEP_STATUSES,
  type HonoursSettings,
  SUBJECT_KINDS,
  type AttachmentContent,
  type Commendation,
  type HonoursDue,
  type MemorialDetail,
  type MemorialRow,
  type StaffOption,
} from './types.shared';

export * from './types.shared';

const honoursLabels = {
  memorialId: '牺牲人员记录',
  staffId: '工作人员',
  sex: '性别',
  birthDate: '出生日期',
  idNumber: '身份证号',
  post: '岗位职务',
  diedAt: '牺牲时间',
  learnedAt: '获悉时间',
  place: '牺牲地点',
  circumstances: '牺牲经过',
  cause: '原因类别',
  deeds: '主要事迹',
  psychSupport: '心理疏导安排',
  psychSupportOn: '心理疏导日期',
  reportedAt: '报告时间',
  recipient: '报告对象',
  via: '报告方式',
  reportedBy: '报告人',
  relation: '与逝者关系',
  visitedOn: '慰问日期',
  visitors: '慰问人员',
  brought: '慰问物品',
  nextVisitOn: '下次回访日期',
  difficultyId: '困难事项',
  description: '困难情况',
  owner: '责任人',
  actions: '帮扶措施',
  raisedOn: '提出日期',
  followUpOn: '跟进日期',
  publishedOn: '发布日期',
  outlet: '发布渠道',
  headline: '标题',
  caption: '附件说明',
  attachmentId: '附件',
  commendationId: '表彰记录',
  subjectKind: '表彰对象类别',
  subjectName: '表彰对象',
  proposedTitle: '拟授予称号',
  proposer: '推荐单位（人）',
  approvingBody: '审批机关',
  conferredTitle: '授予称号',
  decidedOn: '审批日期',
  decisionNotes: '审批意见',
  reportLimitHours: '报告时限',
  query: '在人员名册中查找',
  phone: '联系电话',
  on: '日期',
  name: '姓名',
  notes: '备注',
  kind: '困难类别',
  status: '办理状态',
  path: '附件文件',
};

/** An instant with its zone (the renderer converts local time); stored as UTC ISO. */
export const instant = z
  .string()
  .regex(ISO_INSTANT_RE, { message: '时间格式不对，应包含日期和时刻', abort: true })
  // Date.parse rolls 2020-02-30 over into March: the day must exist as written.
  .refine((s) => day.safeParse(s.slice(0, 10)).success && !Number.isNaN(Date.parse(s)), '不是真实的时间')
  .transform((s) => new Date(Date.parse(s)).toISOString());

const notes = text(2000).default('');
const longText = (max: number) => requiredText(max);

export const memorialInput = z.strictObject({
  id: id.optional(),
  staffId: id.nullable().default(null),
  name: requiredText(30),
  sex: z.enum(['男', '女']).nullable().default(null),
  birthDate: pastDay.nullable().default(null),
  idNumber: text(20).nullable().default(null),
  post: requiredText(60),
  communityId: id.nullable().default(null),
  diedAt: instant,
  /** When the office learned of the death, if later: the report clock then starts here. */
  learnedAt: instant.nullable().default(null),
  place: requiredText(120),
  circumstances: longText(4000),
  cause: z.enum(MEMORIAL_CAUSES, { error: '请选择原因类别' }),
  deeds: text(8000).default(''),
});

const commendationInput = z.strictObject({
  id: id.optional(),
  memorialId: id.nullable().default(null),
  subjectKind: z.enum(SUBJECT_KINDS),
  subjectName: requiredText(60),
  staffId: id.nullable().default(null),
  communityId: id.nullable().default(null),
  proposedTitle: requiredText(60),
  deeds: longText(8000),
  proposer: requiredText(60),
});

export const honoursContract = areaContract(honoursLabels, {
  'honours.memorials.list': channel<MemorialRow[]>()({ input: z.strictObject({ communityId: id.optional() }), access: 'coordinator', kind: 'read' }),
  /** Opening a record is audited: this read goes through the router's write path to leave its audit row. */
  'honours.memorials.get': channel<MemorialDetail>()({ input: z.strictObject({ id }), access: 'coordinator', kind: 'write' }),
  'honours.memorials.save': channel<MemorialDetail>()({ input: memorialInput, access: 'coordinator', kind: 'write' }),
  'honours.staffOptions': channel<StaffOption[]>()({ input: z.strictObject({ query: text(30).default('') }), access: 'coordinator', kind: 'read' }),
  'honours.reports.add': channel<MemorialDetail>()({
    input: z.strictObject({
      memorialId: id,
      recipient: z.enum(REQUIRED_RECIPIENTS, { error: '请选择报告对象' }),
      reportedAt: instant,
      via: requiredText(30),
      reportedBy: requiredText(30),
      notes,
    }),
    access: 'coordinator',
    kind: 'write',
  }),
  'honours.family.save': channel<MemorialDetail>()({
    input: z.strictObject({
      memorialId: id,
      id: id.optional(),
      name: requiredText(30),
      relation: requiredText(20),
      phone: text(20).nullable().default(null),
      notes,
    }),
    access: 'coordinator',
    kind: 'write',
    labels: { name: '家属姓名' },
  }),
  'honours.visits.add': channel<MemorialDetail>()({
    input: z.strictObject({
      memorialId: id,
      visitedOn: day,
      visitors: requiredText(120),
      brought: text(300).default(''),
      notes,
      nextVisitOn: day.nullable().default(null),
    }),
    access: 'coordinator',
    kind: 'write',
    labels: { notes: '走访情况' },
  }),
  'honours.difficulties.save': channel<MemorialDetail>()({
    input: z.strictObject({
      memorialId: id,
      id: id.optional(),
      kind: z.enum(DIFFICULTY_KINDS, { error: '请选择困难类别' }),
      description: requiredText(1000),
      owner: requiredText(30),
      actions: text(2000).default(''),
      status: z.enum(DIFFICULTY_STATUSES).default('open'),
      raisedOn: day,
      followUpOn: day.nullable().default(null),
    }),
    access: 'coordinator',
    kind: 'write',
  }),
  'honours.care.save': channel<MemorialDetail>()({
    input: z.strictObject({ memorialId: id, psychSupport: text(1000), psychSupportOn: day.nullable().default(null) }),
    access: 'coordinator',
    kind: 'write',
    labels: { psychSupportOn: '开始日期' },
  }),
  'honours.publicity.add': channel<MemorialDetail>()({
    input: z.strictObject({ memorialId: id, publishedOn: day, outlet: requiredText(60), headline: requiredText(120), notes }),
    access: 'coordinator',
    kind: 'write',
  }),
  /** Reads the file the user chose (shell.openFile's handle) in the core: the renderer never sends the bytes. */
  'honours.attachments.add': channel<MemorialDetail>()({
    input: z.strictObject({ memorialId: id, path: chosen('附件文件', 'open'), caption: text(120).default('') }),
    access: 'coordinator',
    kind: 'write',
  }),
  'honours.attachments.open': channel<AttachmentContent>()({ input: z.strictObject({ attachmentId: id }), access: 'coordinator', kind: 'write' }),
  /** Writes a copy of an attachment where the user chose (shell.saveFile's handle), e.g. to print a PDF; audited. */
  'honours.attachments.saveAs': channel<{ path: string }>()({
    input: z.strictObject({ attachmentId: id, path: chosen('保存位置', 'save') }),
    access: 'coordinator',
    kind: 'write',
    labels: { path: '保存到' },
  }),
  'honours.attachments.remove': channel<MemorialDetail>()({ input: z.strictObject({ attachmentId: id }), access: 'coordinator', kind: 'write' }),
  'honours.commendations.list': channel<Commendation[]>()({
    input: z.strictObject({ communityId: id.optional(), subjectKind: z.enum(SUBJECT_KINDS).optional(), status: z.enum(COMMENDATION_STATUSES).optional() }),
    access: 'viewer',
    kind: 'read',
    labels: { status: '状态' },
  }),
  'honours.commendations.get': channel<Commendation>()({ input: z.strictObject({ id }), access: 'viewer', kind: 'read' }),
  'honours.commendations.save': channel<Commendation>()({ input: commendationInput, access: 'clerk', kind: 'write' }),
  'honours.commendations.advance': channel<Commendation>()({
    input: z.strictObject({
      id,
      status: z.enum(['submitted', 'approved', 'declined']),
      on: day,
      approvingBody: text(60).default(''),
      conferredTitle: text(60).default(''),
      decisionNotes: text(1000).default(''),
    }),
    access: 'clerk',
    kind: 'write',
    labels: { status: '审批结果' },
  }),
  'honours.due': channel<HonoursDue>()({ input: empty, access: 'coordinator', kind: 'read' }),
  /** The office's own limits (the notice says 第一时间 and sets no hours): reporting a death, the first family visit. */
  'honours.settings.get': channel<HonoursSettings>()({ input: empty, access: 'coordinator', kind: 'read' }),
  'honours.settings.update': channel<HonoursSettings>()({
    input: z.strictObject({
      reportLimitHours: z.number({ error: '应为小时数' }).int('应为整数').min(1, '至少 1 小时').max(168, '最多 168 小时（7 天）').optional(),
      firstVisitDays: z.number({ error: '应为天数' }).int('应为整数').min(1, '至少 1 天').max(30, '最多 30 天').optional(),
    }),
    access: 'coordinator',
    kind: 'write',
    labels: { firstVisitDays: '首次慰问时限' },
  }),
  /** 工伤认定 / 烈士评定 / 抚恤: where each application stands and the outcome as decided by the body concerned. */
  'honours.steps.save': channel<MemorialDetail>()({
    input: z.strictObject({
      memorialId: id,
      kind: z.enum(MEMORIAL_STEPS),
      status: z.enum(STEP_STATUSES),
      appliedOn: day.nullable().default(null),
      appliedTo: text(60).default(''),
      decidedOn: day.nullable().default(null),
      outcome: text(200).default(''),
      notes: text(500).default(''),
    }),
    access: 'coordinator',
    kind: 'write',
    labels: { kind: '后续办理', status: '办理情况', appliedOn: '申请日期', appliedTo: '受理部门', decidedOn: '结果日期', outcome: '结果', notes: '说明' },
  }),
});
