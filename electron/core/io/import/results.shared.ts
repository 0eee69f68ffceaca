/**
 * What the import channels hand back (contract.ts): inspect's reading of a file, the preview's and the commit's
 * counts, the rows sent back, the sheets of an import by sheets, and 导入记录's entries. Split from contract.ts
 * (session 52); the channels' inputs stay there.
 */
import type { TargetId } from './fields.shared';
import type { DuplicateMode } from './options.shared';
import type { SourceFormat } from './source-format.shared';
import type { ValueSuggestion } from './suggestions.shared';

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
  /** On the second and later sheets read as one community: 「两张表都读作青松里社区：…」 (sheet-communities.ts). */
  readAlike?: string;
  /** A sheet named as a grid is (「一网格」, a table): offered as that sheet's 网格 for every row, applied only if ticked. */
  gridName?: string;
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
