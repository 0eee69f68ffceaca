/**
 * The import channels: inspect a file, preview what it would do, commit it
 * all or nothing, cancel, history, and the rejected-rows workbook.
 */
import { z } from 'zod';
import { areaContract, channel, id, type Page } from '../../contract';
import { TARGET_IDS, type TargetId } from './fields.shared';

const importLabels = {
  target: '导入内容',
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
};

export const DUPLICATE_MODES = ['skip', 'update', 'flag'] as const;
export type DuplicateMode = (typeof DUPLICATE_MODES)[number];
export const DUPLICATE_LABELS: Record<DuplicateMode, string> = { skip: '跳过（保留台账原样）', update: '用文件更新台账', flag: '两条都保留，标记待核实' };

const filePath = z.string().min(1, '请先选择文件').max(1000);
const jobId = z.string().regex(/^[\w-]{1,64}$/, '任务编号格式不对');

const fileInput = {
  path: filePath,
  target: z.enum(TARGET_IDS),
  sheet: z.string().max(200).optional(),
  encoding: z.enum(['auto', 'utf-8', 'gb18030', 'utf-16le']).default('auto'),
};

const planInput = {
  ...fileInput,
  mapping: z.array(z.string().max(40).nullable()).max(500),
  onDuplicate: z.enum(DUPLICATE_MODES).default('skip'),
  jobId: jobId.optional(),
};

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
  fileFormat: 'xlsx' | 'csv';
  sheet: string | null;
  encoding: string | null;
  onDuplicate: DuplicateMode;
  username: string;
  at: string;
}

export interface InspectResult {
  fileName: string;
  format: 'xlsx' | 'csv';
  encoding: string | null;
  detectedEncoding: string | null;
  sheets: string[];
  sheet: string | null;
  headerRows: number[];
  headers: string[];
  mapping: (string | null)[];
  /** True when the mapping was remembered from an earlier file with the same headers. */
  remembered: boolean;
  /** The first data rows as text, so the user can see what each column holds. */
  sample: string[][];
  alreadyImported: ImportLogEntry | null;
}

export interface CellReason {
  field: string;
  message: string;
}

export interface RejectedRowView {
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
}

export interface CommitResult {
  importId: number | null;
  alreadyImported: ImportLogEntry | null;
  counts: ImportCounts;
}

export const importContract = areaContract(importLabels, {
  'import.inspect': channel<InspectResult>()({ input: z.strictObject(fileInput), access: 'clerk', kind: 'task' }),
  'import.preview': channel<PreviewResult>()({ input: z.strictObject(planInput), access: 'clerk', kind: 'task' }),
  'import.commit': channel<CommitResult>()({
    input: z.strictObject({ ...planInput, previewId: z.string().max(64).optional(), rememberMapping: z.boolean().default(true) }),
    access: 'clerk',
    kind: 'task',
  }),
  'import.cancel': channel<{ cancelled: boolean }>()({ input: z.strictObject({ jobId }), access: 'clerk', kind: 'read' }),
  'import.history': channel<Page<ImportLogEntry>>()({
    input: z.strictObject({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    access: 'viewer',
    kind: 'read',
  }),
  'import.rejected.save': channel<{ path: string; rows: number }>()({ input: z.strictObject({ importId: id, outPath: filePath }), access: 'clerk', kind: 'task' }),
});
