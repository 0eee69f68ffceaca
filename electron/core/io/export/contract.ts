/**
 * The export channels (上报): the submission package, the office's signing
 * key, the export log, the reporting calendar and the district side.
 */
import { z } from 'zod';
import { areaContract, channel, chosen, day, empty, fromNotAfterTo, id, type Page, period, PERIOD_ORDER, requiredText, text } from '../../contract';
import { templateChannels } from './templates/contract';
import { OVERLAP_CHOICES, type DistrictKey, type DistrictResult } from './district.shared';

const exportLabels = {
  formIds: '上报表格',
  formId: '表格',
  folder: '保存位置',
  password: '压缩包密码',
  scheduleId: '定期报表',
  dueDay: '应报日期',
  answers: '对应定期报表',
  'answers.scheduleId': '对应定期报表',
  'answers.dueDay': '对应定期报表的应报日期',
  title: '报表名称',
  recipient: '报送单位',
  weekday: '每周报送日',
  dueTime: '截止时间',
  paths: '上报包文件',
  packages: '上报包',
  keyPath: '公钥文件',
  'packages.path': '上报包文件',
  'packages.password': '上报包密码',
  emptyConfirmed: '报送空表',
  numbersReason: '使用完整号码的理由',
  template: '区级表格模板',
  'template.id': '区级表格模板',
  'template.folder': '保存位置',
  decisions: '统计期重叠的选择',
  'decisions.packageId': '上报包',
  'decisions.choice': '替换或不合并',
};

export interface FormPreview {
  id: string;
  title: string;
  /** A built-in form (a sheet of forms.xlsx) or the district's own template (a file of its own). */
  kind: 'builtin' | 'template';
  sheetName: string;
  /** Rows of people or things (a form's own 合计 line not counted): 0 means header only. */
  rows: number;
  /** Which personal data leaves the office with this form, in the users' words. */
  personalData: string[];
  /** The form's recorded policy: full ID numbers and phones, with the reason, or masked. */
  fullNumbers: boolean;
  numbersReason: string | null;
}

export interface ExportPreview {
  officeName: string;
  from: string;
  to: string;
  forms: FormPreview[];
  /** Forms whose ledger tables are empty or not there yet: left out, never made up. */
  leftOut: Array<{ id: string; title: string; reason: string }>;
  /** The period was sent before: this export would be a correction (更正). */
  correction: boolean;
  keyFingerprint: string | null;
}

export interface ExportWritten {
  path: string;
  fileName: string;
  sha256: string;
  bytes: number;
  correction: boolean;
  logId: number;
  counts: Record<string, number>;
}

export interface ExportLogRow {
  id: number;
  at: string;
  username: string;
  periodFrom: string;
  periodTo: string;
  formIds: string[];
  destination: string;
  fileName: string;
  sha256: string;
  bytes: number;
  isCorrection: boolean;
  scheduleId: number | null;
  dueDay: string | null;
  /** The 定期报表 the package answers (上报记录's 对应定期报表); null: 临时报送, or a package the old guess left unlinked. */
  scheduleTitle: string | null;
}

export interface OfficeKeyInfo {
  fingerprint: string;
  createdAt: string;
  /** The small text file the district keeps (public key + fingerprint). */
  publicKeyFile: string;
}

export interface ReportSchedule {
  id: number;
  title: string;
  recipient: string;
  formIds: string[];
  weekday: number;
  dueTime: string;
}

export type ScheduleState = 'sent' | 'due' | 'overdue' | 'upcoming';

export interface ScheduleStatus extends ReportSchedule {
  /** This week's due day (YYYY-MM-DD) for the schedule. */
  dueDay: string;
  state: ScheduleState;
  /** The export that satisfied this week's report, if any. */
  sentLogId: number | null;
  sentAt: string | null;
}

/** A scheduled report's one due day: what a package answers (io/export/report-answers.ts). */
export interface ReportAnswer {
  scheduleId: number;
  dueDay: string;
}

/** A report not answered yet that 生成上报包 offers: this week's, or last week's (overdue). */
export interface OpenReport extends ReportSchedule {
  dueDay: string;
  state: Exclude<ScheduleState, 'sent'>;
  lastWeek: boolean;
}

export interface AnswerOptions {
  /** The open reports whose forms the package carries. */
  options: OpenReport[];
  /** The core's suggestion, shown preselected (null: 不对应定期报表（临时报送）). */
  suggested: ReportAnswer | null;
  /** The period was sent before: the 更正 answers what the original answered (its report's title; null: none). */
  correction: { answers: ReportAnswer | null; title: string | null } | null;
}

/** The forms that have a printed page (posted at checkpoints, handed to grid workers), by id. */
export const PRINTABLE_FORMS = ['observation-roster'] as const;

/** Their titles as printed and listed (the form's own definition takes its title from here), so a refusal names them so. */
export const PRINTABLE_FORM_TITLES: Record<(typeof PRINTABLE_FORMS)[number], string> = { 'observation-roster': '居家（医学）观察人员名单' };

const formIds = z.array(z.string().min(1).max(40)).min(1, '请至少选择一张表').max(20);
/** A folder the user chose (U 盘 or a dialog): a handle, see fs-grants.ts. */
const folder = chosen('保存位置', 'folder');
/** The zip password: given to the district by phone or in person, never on the stick. */
const zipPassword = z.string().min(8, '至少 8 位').max(128, '最多 128 位');

/** A standard form as printed on A4 (#/print/export-form): its columns and rows, numbers always masked (the sheet is posted); `from`/`to` the period printed. */
export interface FormPrint {
  id: string;
  title: string;
  officeName: string;
  from: string;
  to: string;
  landscape: boolean;
  columns: Array<{ key: string; header: string; width: number }>;
  rows: Array<Record<string, string | number | null>>;
}

export const exportContract = areaContract(exportLabels, {
  'export.forms': channel<Array<{ id: string; title: string; available: boolean }>>()({ input: empty, access: 'viewer', kind: 'read' }),
  'export.form.print': channel<FormPrint>()({
    // Without a period the core prints the last 7 days to its today (forms/observation-roster.ts printedRosterPeriod).
    input: z
      .strictObject({ formId: z.enum(PRINTABLE_FORMS), from: day.optional(), to: day.optional() })
      .refine(fromNotAfterTo, PERIOD_ORDER)
      .refine((v) => (v.from === undefined) === (v.to === undefined), { message: '要和「结束日期」一起填写（都不填时打印最近 7 天）', path: ['from'] }),
    access: 'viewer',
    kind: 'read',
  }),
  'export.preview': channel<ExportPreview>()({ input: z.strictObject(period).refine(fromNotAfterTo, PERIOD_ORDER), access: 'coordinator', kind: 'read' }),
  'export.write': channel<ExportWritten>()({
    input: z
      .strictObject({
        ...period,
        formIds,
        folder,
        password: zipPassword,
        /**
         * The report it answers, as chosen on 生成上报包 or started from 上报日历; null: 不对应定期报表（临时报送）.
         * Left out: calendar.ts scheduleAnsweredBy guesses, as for every package before the choice was asked.
         */
        answers: z.strictObject({ scheduleId: id, dueDay: day }).nullable().optional(),
        /** Forms with no rows this period that the user confirmed to send as header-only forms. */
        emptyConfirmed: z.array(z.string().min(1).max(40)).max(40).default([]),
        /** Why full numbers leave this time (defaults to each form's recorded reason); audited per form. */
        numbersReason: text(200).optional(),
      })
      .refine(fromNotAfterTo, PERIOD_ORDER),
    access: 'coordinator',
    kind: 'task',
  }),
  'export.answers': channel<AnswerOptions>()({
    input: z.strictObject({ ...period, formIds: z.array(z.string().min(1).max(40)).max(20) }).refine(fromNotAfterTo, PERIOD_ORDER),
    access: 'coordinator',
    kind: 'read',
  }),
  'export.log': channel<Page<ExportLogRow>>()({
    input: z.strictObject({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    access: 'coordinator',
    kind: 'read',
  }),
  'export.officeKey': channel<OfficeKeyInfo>()({ input: empty, access: 'coordinator', kind: 'write' }),
  'export.savePublicKey': channel<{ path: string }>()({ input: z.strictObject({ folder }), access: 'coordinator', kind: 'task' }),
  'export.schedules.list': channel<ScheduleStatus[]>()({ input: empty, access: 'viewer', kind: 'read' }),
  'export.schedules.save': channel<ReportSchedule>()({
    input: z.strictObject({
      id: id.optional(),
      title: requiredText(60),
      recipient: requiredText(60),
      formIds,
      weekday: z.number().int().min(0, '应为 0（周一）到 6（周日）').max(6, '应为 0（周一）到 6（周日）'),
      dueTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM，例如 17:00'),
    }),
    access: 'coordinator',
    kind: 'write',
  }),
  'export.schedules.remove': channel<{ removed: true }>()({ input: z.strictObject({ id }), access: 'coordinator', kind: 'write' }),
  'export.district.keys': channel<DistrictKey[]>()({ input: empty, access: 'coordinator', kind: 'read' }),
  'export.district.addKey': channel<DistrictKey>()({ input: z.strictObject({ keyPath: chosen('公钥文件', 'open') }), access: 'coordinator', kind: 'write' }),
  'export.district.verify': channel<DistrictResult>()({
    input: z.strictObject({
      packages: z
        .array(z.strictObject({ path: chosen('上报包', 'open'), password: z.string().min(1, '不能为空').max(128) }))
        .min(1, '请至少选择一个上报包')
        .max(100),
      /** Fill this saved template with every verified office's rows and save it in the folder. */
      template: z.strictObject({ id, folder }).optional(),
      /** The user's answers to overlap questions (「替换」 / 「不合并这个」), by package id. */
      decisions: z
        .array(z.strictObject({ packageId: z.string().regex(/^[0-9a-f]{64}$/, '不是上报包的编号'), choice: z.enum(OVERLAP_CHOICES) }))
        .max(100)
        .default([]),
    }),
    access: 'coordinator',
    kind: 'task',
  }),
  ...templateChannels,
});
