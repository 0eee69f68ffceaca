/**
 * The one pipeline every target shares: rows of the file → header → mapped
 * fields → normalised and checked values → records, with every row either
 * planned or rejected with per-cell reasons, and duplicates within the file
 * caught. Reads nothing from the ledger but the community/grid names.
 */
import { badInput } from '../../errors';
import { cellText, isBlankRow, MAX_SENT_BACK_CHARS, type MergeRange, type SourceRow } from './cells';
import type { TargetDef } from './fields.shared';
import { findHeader, HEADER_SCAN_ROWS, type HeaderLayout } from './header';
import { checkBlockTitles } from './block-titles';
import { footerRows, rangesOf } from './footer-rows';
import { breathe, throwIfCancelled } from './jobs';
import { dittoFill } from './ditto-cells';
import { lostMerges } from './lost-merges';
import { dataMerges, mergeFill, type MergeFill } from './merged-cells';
import { yearStatedIn } from './normalise';
import type { OpenedSource } from './source';
import type { AnyTarget, Built } from './targets/types';
import { noOneReasons, readField, type Lookups, type Reason, type Values } from './values';
import { checkPlan } from './plan-inputs';
import { hiddenColumnsNotes } from './hidden-columns';
import { emptyFile } from './read-head';

export interface PlannedRow {
  rowNumber: number;
  record: Record<string, unknown>;
  key: string;
}

export interface RejectedRow {
  rowNumber: number;
  cells: string[];
  reasons: Reason[];
}

export interface Plan {
  headers: string[];
  headerRows: number[];
  planned: PlannedRow[];
  rejected: RejectedRow[];
  total: number;
  /** Rows with a date written without its year (2月10日), read in the year the file's title or name states: the preview says so. */
  yearFromFile?: { year: string; rows: number };
  /** What the preview tells about how the rows were read: cells taken from merged ranges, footer rows left out. */
  notes: string[];
  /**
   * A pasted list's rows the very same as an earlier row (two rounds of one 接龙 pasted together): merged into it, not
   * counted in `total` and not sent back (session 49). A file's identical rows are still sent back as repeats.
   */
  merged?: number;
}

export type Progress = (phase: string, done: number, total: number) => void;

const CHUNK = 2000;

export async function analyse(
  source: OpenedSource,
  target: AnyTarget,
  mapping: readonly (string | null)[],
  constants: Readonly<Record<string, string>>,
  lookups: Lookups,
  signal: AbortSignal,
  progress: Progress,
  ledgerCheck?: (record: Record<string, unknown>) => Built<Record<string, unknown>>,
): Promise<Plan> {
  const fixed = checkPlan(target.def, mapping, constants, lookups);
  const known = source.merges();
  const plan = await readPlan({ source, target, mapping, fixed, lookups, signal, progress, ledgerCheck }, known ?? []);
  // An .xlsx keeps its merged ranges after its rows: known only now. A sheet whose merges fill data rows is read
  // again with them (a community's sheet of some hundred rows); one without (most, and the bench's) is read once.
  const found = known ? null : source.merges();
  const last = plan.headerRows[plan.headerRows.length - 1] ?? 0;
  if (found && dataMerges(found, last, (c) => (mapping[c] ?? null) !== null).length > 0) {
    return readPlan({ source, target, mapping, fixed, lookups, signal, progress, ledgerCheck }, found);
  }
  return plan;
}

interface PassInput {
  source: OpenedSource;
  target: AnyTarget;
  mapping: readonly (string | null)[];
  fixed: Values;
  lookups: Lookups;
  signal: AbortSignal;
  progress: Progress;
  ledgerCheck?: ((record: Record<string, unknown>) => Built<Record<string, unknown>>) | undefined;
}

async function readPlan(input: PassInput, merges: readonly MergeRange[]): Promise<Plan> {
  const { source, target, mapping, fixed, lookups, signal, progress, ledgerCheck } = input;
  const def = target.def;
  const fields = mapping.map((key) => (key === null ? null : (def.fields.find((f) => f.key === key) ?? null)));
  const hasIdField = def.fields.some((f) => f.key === 'idNumber');

  const head: SourceRow[] = [];
  let layout: HeaderLayout | null = null;
  const plan: Plan = { headers: [], headerRows: [], planned: [], rejected: [], total: 0, notes: [] };
  // Each key's first row, as its place in plan.planned: a number, not an object per row kept through the whole reading.
  const firstRowOf = new Map<string, number>();
  let seen = 0;
  let merged: MergeFill | null = null;
  const footer = footerRows();
  const lost = source.format === 'csv' ? lostMerges(fields) : null;
  const ditto = dittoFill(fields, source.format === 'xlsx' || source.format === 'xls');
  const begin = (found: HeaderLayout): void => {
    const first = found.headerRows[0]!;
    footer.header(
      head.filter((r) => found.headerRows.includes(r.rowNumber)),
      head.filter((r) => r.rowNumber < first),
    );
    const last = found.headerRows[found.headerRows.length - 1]!;
    const filling = dataMerges(merges, last, (c) => fields[c] != null);
    if (filling.length > 0) merged = mergeFill(filling, (c) => fields[c]?.label ?? found.headers[c] ?? `第${c + 1}列`);
  };

  // The year a title row or the file's name states; the title rows are known once the header is found (startBody).
  let rowLookups: Lookups = { ...lookups, fileYear: yearStatedIn([source.fileName]), date1904: source.date1904 };
  let monthDayRows = 0;
  // Rows hidden in the sheet (by hand or by a filter left on) and read as data: said, never left out unseen.
  const hidden = source.hiddenRows;
  const hiddenTaken: number[] = [];
  // Rows taken with something to say of them (targets/types.ts Built.warning), by what is said.
  const warned = new Map<string, number[]>();
  let sentBack = 0;
  // A pasted 接龙's second round repeats the first: the very same entry again is merged, counted apart (session 49).
  const mergesRepeats = source.format === 'paste';
  const repeated: number[] = [];
  const take = (raw: SourceRow): void => {
    // Filled before the footer check so a merge's first row is seen; the footer is judged on the cells as written.
    const unmarked = merged ? (merged as MergeFill).fill(raw) : raw;
    if (footer.skip(raw, plan.total > 0)) {
      ditto.skipped();
      return;
    }
    // 「同上」/「〃」 after the footer check, so the row above is the one taken before (ditto-cells.ts).
    const isHidden = hidden.size > 0 && hidden.has(raw.rowNumber);
    const row = ditto.fill(unmarked, isHidden);
    plan.total++;
    if (isHidden) hiddenTaken.push(raw.rowNumber);
    lost?.see(row);
    const values: Values = { ...fixed };
    const reasons: Reason[] = [];
    let yearFromFile = false;
    // By index: `fields.entries()` made an iterator result and a [col, field] pair per cell, 1,400,000 a 100,000-row file.
    for (let col = 0; col < fields.length; col++) {
      const field = fields[col];
      if (!field) continue;
      const r = readField(field, row.cells[col] ?? null, rowLookups);
      if (r.ok) {
        values[field.key] = r.value;
        if (r.was15) values[`${field.key}Was15`] = true;
        if (r.yearFromFile) yearFromFile = true;
      } else reasons.push({ field: field.label, message: r.message });
    }
    if (yearFromFile && reasons.length === 0) monthDayRows++;
    // The row as written is kept only for a row sent back (most rows are not), within MAX_SENT_BACK_CHARS in all.
    const sendBack = (why: Reason[]): void => {
      const cells = plan.headers.map((_, i) => cellText(row.cells[i] ?? null));
      sentBack += cells.reduce((n, c) => n + c.length, 0) + why.reduce((n, r) => n + r.message.length, 0);
      if (sentBack > MAX_SENT_BACK_CHARS) throw tooMuchSentBack(source, row.rowNumber);
      plan.rejected.push({ rowNumber: row.rowNumber, cells, reasons: why });
    };
    if (reasons.length > 0) return sendBack(noOneReasons(reasons, values, hasIdField));
    let built = target.build(values, lookups);
    const warning = built.ok ? built.warning : undefined;
    if (built.ok && ledgerCheck) built = ledgerCheck(built.record);
    if (!built.ok) return sendBack(built.reasons);
    const key = target.keyOf(built.record);
    const firstAt = firstRowOf.get(key);
    if (firstAt !== undefined) {
      const first = plan.planned[firstAt]!;
      const identical = JSON.stringify(first.record) === JSON.stringify(built.record);
      if (identical && mergesRepeats) {
        plan.total--;
        repeated.push(row.rowNumber);
        return;
      }
      const how = key.startsWith('id:') ? '身份证号相同' : '姓名和电话相同';
      const message = identical
        ? `与第 ${first.rowNumber} 行完全相同（重复登记）`
        : (target.sameKeyMessage?.(first.rowNumber) ?? `与第 ${first.rowNumber} 行是同一人（${how}）但内容不同，请核对后合并为一行`);
      return sendBack([{ field: '', message }]);
    }
    firstRowOf.set(key, plan.planned.length);
    plan.planned.push({ rowNumber: row.rowNumber, record: built.record, key });
    if (warning !== undefined) (warned.get(warning) ?? warned.set(warning, []).get(warning)!).push(row.rowNumber);
  };

  for await (const row of source.rows()) {
    if (++seen % CHUNK === 0) {
      progress('read', seen, Math.max(seen, source.estimatedRows));
      await breathe();
      throwIfCancelled(signal);
    }
    if (!layout) {
      if (!isBlankRow(row.cells)) head.push(row);
      if (head.length < HEADER_SCAN_ROWS) continue;
      rowLookups = withTitleYear(rowLookups, head, def, source.fileName);
      layout = startBody(head, def, plan, take, begin);
      if (!layout) throw emptyFile(source);
      continue;
    }
    if (!isBlankRow(row.cells)) take(row);
  }
  if (!layout) {
    rowLookups = withTitleYear(rowLookups, head, def, source.fileName);
    layout = startBody(head, def, plan, take, begin);
  }
  if (!layout) throw emptyFile(source);
  if (plan.total === 0) throw badInput(`「${source.fileName}」只有表头，没有数据行。`);
  checkBlockTitles(footer.titles(), def, fixed, lookups);
  if (repeated.length > 0) plan.merged = repeated.length;
  if (monthDayRows > 0 && rowLookups.fileYear) plan.yearFromFile = { year: rowLookups.fileYear, rows: monthDayRows };
  plan.notes = [
    ...(source.readNotes?.() ?? []),
    ...hiddenColumnsNotes(source.hiddenColumns, plan.headers, (c) => fields[c] != null, true),
    ...(hiddenTaken.length > 0 ? [hiddenRowsNote(hiddenTaken)] : []),
    ...((merged as MergeFill | null)?.notes() ?? []),
    ...ditto.notes(),
    ...(repeated.length > 0 ? [repeatsNote(repeated)] : []),
    ...footer.notes(),
    ...(lost?.notes() ?? []),
    ...[...warned].map(([message, rows]) => `第 ${rangesOf(rows)} 行：${message}。`),
  ];
  progress('read', seen, seen);
  return plan;
}

/** A 接龙 pasted in two rounds: who is in both is one person, named once; not a refusal. */
const repeatsNote = (rows: readonly number[]): string =>
  `第 ${rangesOf(rows)} 行与前面的某一行完全相同（接龙的下一轮又贴了一遍），重复，已合并：只导入一次，不算退回（共 ${rows.length} 行）。`;

/** What the coordinator did not see in Excel or WPS but the import reads: whether they belong is theirs to say. */
const hiddenRowsNote = (rows: readonly number[]): string =>
  `第 ${rangesOf(rows)} 行在表格里是隐藏的（隐藏了的行，或筛选时没有显示的行），也已读取：请核对这些人是否该导入；不该导入的，请在表格里删去这些行，另存后再导入。`;

const tooMuchSentBack = (source: OpenedSource, rowNumber: number): Error =>
  badInput(
    `「${source.fileName}」${source.sheet ? `的工作表「${source.sheet}」` : ''}到第 ${rowNumber} 行，不能导入的行里的文字已超过 ${MAX_SENT_BACK_CHARS / 10_000} 万字，` +
      '不像社区的登记表（也可能是单元格里有大段重复的文字）。本次没有导入任何内容：请先检查「对应列」是否选对；文件很大时请按社区或网格拆分后分别导入。',
  );

/** The year stated in a title row above the header wins over one in the file's name. */
function withTitleYear(lookups: Lookups, head: readonly SourceRow[], def: TargetDef, fileName: string): Lookups {
  const layout = findHeader([...head], def);
  const first = layout?.headerRows[0] ?? 0;
  const titles = head.filter((r) => r.rowNumber < first).map((r) => r.cells.map(cellText).join(' '));
  return { ...lookups, fileYear: yearStatedIn([...titles, fileName]) };
}

/** Once the head is read: fix the header, then process the data rows already read. */
function startBody(head: SourceRow[], def: TargetDef, plan: Plan, take: (r: SourceRow) => void, begin: (l: HeaderLayout) => void): HeaderLayout | null {
  const layout = findHeader(head, def);
  if (!layout) return null;
  begin(layout);
  plan.headers = layout.headers;
  plan.headerRows = layout.headerRows;
  const last = layout.headerRows[layout.headerRows.length - 1]!;
  for (const r of head) if (r.rowNumber > last) take(r);
  return layout;
}
