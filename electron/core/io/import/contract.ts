/**
 * The import channels: inspect a file, preview what it would do, commit it
 * all or nothing, cancel, history, and the rejected-rows workbook. Their inputs
 * here; what they hand back in results.shared.ts, the choices beside the columns
 * in options.shared.ts (both re-exported: callers import from here).
 */
import { z } from 'zod';
import { areaContract, channel, chosen, id, type Page } from '../../contract';
import { TARGET_IDS } from './fields.shared';
import { DUPLICATE_MODES, IMPORT_ENCODINGS } from './options.shared';
import { MAX_PASTE_CHARS } from './paste-limit.shared';
import type { CommitResult, ImportLogEntry, InspectResult, PreviewResult } from './results.shared';

export { DUPLICATE_LABELS, DUPLICATE_MODES, ENCODING_LABELS, IMPORT_ENCODINGS, type DuplicateMode } from './options.shared';
export type {
  ImportPreset,
  ImportCounts,
  ImportLogEntry,
  InspectResult,
  SheetCommunitySuggestion,
  SheetCounts,
  LeftOutSheet,
  CellReason,
  RejectedRowView,
  ConflictView,
  PreviewResult,
  CommitResult,
} from './results.shared';
/** A pasted list beyond this is a file's worth: save it as one (the transport's cap is derived from it). */
export { MAX_PASTE_CHARS };

const importLabels = {
  target: '导入内容',
  text: '粘贴的名单',
  constants: '全表统一的值',
  sheet: '工作表',
  encoding: '文字编码',
  mapping: '列对应关系',
  onDuplicate: '与台账重复时',
  jobId: '任务编号',
  previewId: '预览编号',
  importId: '导入记录',
  outPath: '退回表格保存到',
  path: '文件路径',
  rememberMapping: '记住列对应关系',
  sheets: '各工作表的社区',
  'sheets.community': '社区',
  'sheets.grid': '网格',
};

/** The file the user chose (a handle, see fs-grants.ts); read again at preview and commit. */
const filePath = chosen('要导入的文件', 'open');
const jobId = z.string().regex(/^[\w-]{1,64}$/, '任务编号格式不对');

/** A file by its path, or a list pasted into the wizard: exactly one of them. */
const fileInput = {
  path: filePath.optional(),
  text: z
    .string()
    .min(1, '没有粘贴任何内容')
    .max(MAX_PASTE_CHARS, `粘贴的内容超过 ${MAX_PASTE_CHARS / 10_000} 万字，请分批粘贴，或保存为表格文件后导入`)
    .optional(),
  target: z.enum(TARGET_IDS),
  sheet: z.string().max(200).optional(),
  encoding: z.enum(IMPORT_ENCODINGS).default('auto'),
};
const oneSource = (i: { path?: string | undefined; text?: string | undefined }) => (i.path === undefined) !== (i.text === undefined);
const ONE_SOURCE = { message: '请选择一个文件，或粘贴名单（二者选一）', path: ['path'] };

/**
 * Whole-file values: a field given one value for every row instead of a column (blank values are
 * left out). Checked as one field, so a problem is reported as 「全表统一的值」, naming the field.
 */
const constants = z
  .record(z.string().max(40), z.unknown())
  .superRefine((c, ctx) => {
    const entries = Object.entries(c);
    if (entries.length > 50) ctx.addIssue({ code: 'custom', message: '太多（最多 50 项）' });
    for (const [key, value] of entries) {
      if (typeof value !== 'string') ctx.addIssue({ code: 'custom', message: `中的 ${key.slice(0, 40)} 应为文字` });
      else if (value.trim().length > 200) ctx.addIssue({ code: 'custom', message: `中的 ${key.slice(0, 40)} 最多 200 个字` });
    }
  })
  .transform((c): Record<string, string> =>
    Object.fromEntries(Object.entries(c).flatMap(([k, v]) => (typeof v === 'string' && v.trim() !== '' ? [[k, v.trim()]] : []))),
  )
  .default({});

/**
 * A workbook kept one sheet per community (session 49): the sheets to import in one pass, each under the 社区 the
 * coordinator confirmed for it (its name suggested, never applied by the core), the columns mapped once for all.
 */
export const MAX_COMMUNITY_SHEETS = 60;
const sheetsInput = z
  .array(
    z.strictObject({
      sheet: z.string().min(1, '工作表名不能为空').max(200),
      community: z.string().trim().min(1, '每张工作表都要确认一个社区').max(40, '社区名最多 40 个字'),
      /** A sheet named after a grid (「一网格」): that grid for each of its rows, when the coordinator ticks it. */
      grid: z.string().trim().min(1, '网格名不能为空').max(40, '网格名最多 40 个字').optional(),
    }),
  )
  .min(1, '请至少选一张工作表')
  .max(MAX_COMMUNITY_SHEETS, `一次最多导入 ${MAX_COMMUNITY_SHEETS} 张工作表`)
  .refine((a) => new Set(a.map((s) => s.sheet)).size === a.length, '同一张工作表选了两次')
  .optional();

const planInput = {
  ...fileInput,
  mapping: z.array(z.string().max(40).nullable()).max(500),
  constants,
  onDuplicate: z.enum(DUPLICATE_MODES).default('skip'),
  jobId: jobId.optional(),
  sheets: sheetsInput,
};
/** Sheets by community come from a workbook, never with one sheet chosen besides. */
const sheetsFit = (i: { sheets?: unknown; sheet?: string | undefined; text?: string | undefined }) =>
  i.sheets === undefined || (i.sheet === undefined && i.text === undefined);
const SHEETS_FIT = { message: '按工作表分社区导入时，请不要另选一张工作表，也不能用粘贴的名单', path: ['sheets'] };

export const importContract = areaContract(importLabels, {
  'import.inspect': channel<InspectResult>()({ input: z.strictObject(fileInput).refine(oneSource, ONE_SOURCE), access: 'clerk', kind: 'task' }),
  'import.preview': channel<PreviewResult>()({
    input: z.strictObject(planInput).refine(oneSource, ONE_SOURCE).refine(sheetsFit, SHEETS_FIT),
    access: 'clerk',
    kind: 'task',
  }),
  'import.commit': channel<CommitResult>()({
    input: z
      .strictObject({ ...planInput, previewId: z.string().max(64).optional(), rememberMapping: z.boolean().default(true) })
      .refine(oneSource, ONE_SOURCE)
      .refine(sheetsFit, SHEETS_FIT),
    access: 'clerk',
    kind: 'task',
  }),
  'import.cancel': channel<{ cancelled: boolean }>()({ input: z.strictObject({ jobId }), access: 'clerk', kind: 'read' }),
  'import.history': channel<Page<ImportLogEntry>>()({
    input: z.strictObject({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    access: 'viewer',
    kind: 'read',
  }),
  'import.rejected.save': channel<{ path: string; rows: number }>()({
    input: z.strictObject({ importId: id, outPath: chosen('退回表格的保存位置', 'save') }),
    access: 'clerk',
    kind: 'task',
  }),
});
