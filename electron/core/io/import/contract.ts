/**
 * The import channels: inspect a file, preview what it would do, commit it
 * all or nothing, cancel, history, and the rejected-rows workbook.
 */
import { z } from 'zod';
import { areaContract, channel, chosen, id, type Page } from '../../contract';
import { TARGET_IDS, type TargetId } from './fields.shared';
import { MAX_PASTE_CHARS } from './paste-limit.shared';
import type { ValueSuggestion } from './suggestions.shared';
import type { SourceFormat } from './source-format.shared';

/**
 * A file whose target, columns and whole-file values are known in advance (the office's own
 * collection sheets; see preset.ts for the hook that recognises them).
 */
export interface ImportPreset {
  target: TargetId;
  /** One field key (or null) per column of the header the pipeline finds. */
  mapping: (string | null)[];
  /** Whole-file values: field key → the value as a user would type it. */
  constants: Record<string, string>;
  /** What the wizard says the file is, e.g. 「东风街道返程人员采集表（2020-02-17 下发）」. */
  label: string;
  /** The title lines as the reader sees them, when the file has rows that are not titles (a collection sheet's hidden marker). */
  titleRows?: string[];
}

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
};

export const DUPLICATE_MODES = ['skip', 'update', 'flag'] as const;
export type DuplicateMode = (typeof DUPLICATE_MODES)[number];
/** A CSV's text encoding: found by the reader (auto) or chosen in the wizard. */
export const IMPORT_ENCODINGS = ['auto', 'utf-8', 'gb18030', 'utf-16le'] as const;
export const ENCODING_LABELS: Record<(typeof IMPORT_ENCODINGS)[number], string> = {
  auto: '自动识别',
  'utf-8': 'UTF-8',
  gb18030: 'GBK / GB18030',
  'utf-16le': 'UTF-16',
};
export const DUPLICATE_LABELS: Record<DuplicateMode, string> = { skip: '跳过（保留台账原样）', update: '用文件更新台账', flag: '两条都保留，标记待核实' };

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

export interface ImportCounts {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  flagged: number;
  rejected: number;
}

export interface ImportLogEntry extends ImportCounts {
  id: number;
  target: TargetId;
  fileName: string;
  fileHash: string;
  fileFormat: SourceFormat;
  sheet: string | null;
  encoding: string | null;
  onDuplicate: DuplicateMode;
  /** A pasted 接龙's repeats merged into their first row, in no count (migration 079; 0 before it). */
  merged: number;
  username: string;
  /** Who imported it, as people know them (王建国); the username when that user is gone. */
  displayName: string;
  at: string;
}

export interface InspectResult {
  fileName: string;
  format: SourceFormat;
  encoding: string | null;
  detectedEncoding: string | null;
  sheets: string[];
  /** Of `sheets`, those hidden in Excel or WPS (a template's lists of choices): marked in the sheet list. */
  hiddenSheets: string[];
  sheet: string | null;
  headerRows: number[];
  headers: string[];
  mapping: (string | null)[];
  /** Whole-file values filled in already: remembered with the mapping, or from a preset. */
  constants: Record<string, string>;
  /** True when the mapping was remembered from an earlier file with the same headers. */
  remembered: boolean;
  /** Values found in the title rows, sheet name or file name, for the user to confirm (never applied by the core). */
  suggestions: ValueSuggestion[];
  /** The title rows above the header, as read. */
  titleRows: string[];
  /** Of them, the line the mapping step shows (suggest.ts titleLine): the one naming the community or category; null with none. */
  title: string | null;
  /** What was left unread and why, as the preview's readNotes (a 接龙's notice past its title lines). */
  readNotes: string[];
  /** A file whose target, columns and values are known in advance (preset.ts); null for a community's own sheet. */
  preset: ImportPreset | null;
  /** The first data rows as text, so the user can see what each column holds. */
  sample: string[][];
  alreadyImported: ImportLogEntry | null;
  /**
   * A workbook of two or more visible sheets, for a target with 社区: each visible sheet with the community of this
   * office its name names (to confirm), or why none (session 49). Empty for one sheet, a CSV or a paste.
   */
  sheetCommunities: SheetCommunitySuggestion[];
}

export interface SheetCommunitySuggestion {
  sheet: string;
  /** The community of this office the sheet's name or title names, as the user would type it; null with a reason. */
  community: string | null;
  /** Where `community` was read: the sheet's name, or its title rows (session 50); null with none. */
  from: 'sheet' | 'title' | null;
  /** The sheet's title line as the mapping step shows one (suggest.ts titleLine); null with none or not read. */
  title: string | null;
  reason: string | null;
  /** False for a sheet with no table (no header: a cover, a 填表说明): no community is chosen for it by hand. */
  table: boolean;
}

/** One sheet's part of an import by sheets: its confirmed community and its own counts. */
export interface SheetCounts {
  sheet: string;
  community: string;
  /** The sheet's 导入记录 (its rows sent back are saved from it); null at preview. */
  importId: number | null;
  counts: ImportCounts;
  merged: number;
}

/** A sheet of the workbook not imported in an import by sheets (left-out-sheets.ts): said in the preview and 导入结果. */
export interface LeftOutSheet {
  sheet: string;
  /** Filled rows under its header (every filled row of a sheet with no header); null when not counted (past 30 sheets). */
  rows: number | null;
  /** False for a sheet with no header (a cover, a 填表说明): its rows are no person's. */
  table: boolean;
  /** Why it was not imported, as the screen says it. */
  why: string;
  /** Imported from this same file before (its rows are in that 导入记录, not missing): chosen, so left out this time. */
  doneBefore?: true;
}

export interface CellReason {
  field: string;
  message: string;
}

export interface RejectedRowView {
  /** In an import by sheets, the sheet the row is on. */
  sheet?: string;
  rowNumber: number;
  cells: string[];
  reasons: CellReason[];
}

export interface ConflictView {
  rowNumber: number;
  existingId: number;
  existing: Record<string, string>;
  incoming: Record<string, string>;
  outcome: 'updated' | 'skipped' | 'flagged';
}

export interface PreviewResult {
  previewId: string;
  fileName: string;
  fileHash: string;
  headers: string[];
  alreadyImported: ImportLogEntry | null;
  counts: ImportCounts;
  /** Up to 500 rejected rows with their reasons (all of them go into the rejected-rows workbook). */
  rejected: RejectedRowView[];
  conflicts: ConflictView[];
  /** A few of the rows that would be added, as they will read in the ledger. */
  sample: { rowNumber: number; outcome: 'created' | 'updated' | 'unchanged'; shown: Record<string, string> }[];
  /** Rows whose dates were written without a year (2月10日) and read in the year the file's title or name states: shown for the user to check. */
  yearFromFile: { year: string; rows: number } | null;
  /** How rows were read that the user should know of: 「第 5–12 行的「楼栋」取自合并单元格…」, 合计/签名/注释 rows left out. */
  readNotes: string[];
  /** A pasted list's rows the very same as an earlier one (a 接龙's next round): 「重复，已合并」, not in `counts`. */
  merged: number;
  /** An import by sheets: each sheet's counts (`counts` is their sum); empty otherwise. */
  sheets: SheetCounts[];
  /** An import by sheets: every other sheet of the workbook, with its rows and why it is not imported; absent otherwise. */
  sheetsLeftOut?: LeftOutSheet[];
}

export interface CommitResult {
  importId: number | null;
  alreadyImported: ImportLogEntry | null;
  counts: ImportCounts;
  /** As PreviewResult.merged: the repeats imported once, counted apart from the rows sent back. */
  merged: number;
  /** An import by sheets: each sheet's counts, one 导入记录 each, all written in one transaction; empty otherwise. */
  sheets: SheetCounts[]; /** As PreviewResult.sheetsLeftOut. */
  sheetsLeftOut?: LeftOutSheet[];
}

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
