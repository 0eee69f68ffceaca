/**
 * An import by sheets accounts for every sheet (session 51, W68-walk-1): the sheets of the workbook not imported are
 * listed in the preview and in 导入结果 with the rows they hold and why they were left out. Before, a sheet left out was
 * named only at the mapping step: 王一 on an unticked 「一网格」 was in no count and no 退回 file, and nothing said so.
 *
 * Why, in the words a coordinator reads: hidden in WPS or Excel; no header (a 填表说明 cover: no person rows); a
 * community named for it but the sheet not ticked; no community of this office named and none chosen. The rows are
 * the filled rows under the sheet's header (every filled row of a sheet with none): what a coordinator would count
 * by eye, not what an import would read (a 合计 row counts too). Read only when the input has `sheets`.
 */
import { AppError } from '../../errors';
import type { ReadDb } from '../../db/types';
import { isBlankRow } from './cells';
import type { ImportLogEntry, LeftOutSheet } from './contract';
import type { TargetDef } from './fields.shared';
import { throwIfCancelled } from './jobs';
import { readHead } from './read-head';
import { sheetCommunities } from './sheet-communities';
import type { OpenedSource } from './source';

/** At most this many sheets left out have their rows counted (each a reading of the sheet, as inspect.ts SCORED_SHEETS). */
const COUNTED = 30;

interface Read {
  /** The last header row (1-based); null with no header. */
  header: number | null;
  titleRows: string[] | null;
}

async function readSheet(source: OpenedSource, def: TargetDef): Promise<Read> {
  try {
    const { layout, titleRows } = await readHead(source, def);
    return { header: layout.headerRows[layout.headerRows.length - 1]!, titleRows };
  } catch (e) {
    if (e instanceof AppError && e.code === 'BAD_INPUT') return { header: null, titleRows: null };
    throw e;
  }
}

async function filledRows(source: OpenedSource, below: number, signal: AbortSignal): Promise<number> {
  let n = 0;
  for await (const row of source.rows()) {
    if (row.rowNumber > below && !isBlankRow(row.cells)) n++;
    if (row.rowNumber % 4096 === 0) throwIfCancelled(signal);
  }
  return n;
}

/** Every sheet of the workbook not among `chosen`, in the workbook's order, with its rows and why it is not imported. */
export async function sheetsLeftOut(db: ReadDb, file: OpenedSource, def: TargetDef, chosen: ReadonlySet<string>, signal: AbortSignal): Promise<LeftOutSheet[]> {
  const left = file.sheets.filter((s) => !chosen.has(s));
  if (left.length === 0) return [];
  const hidden = new Set(file.hiddenSheets);
  const read = new Map<string, Read>();
  for (const sheet of left.slice(0, COUNTED)) {
    throwIfCancelled(signal);
    read.set(sheet, await readSheet(sheet === file.sheet ? file : file.otherSheet(sheet), def));
  }
  // The same words the mapping step listed the sheets with; a chosen sheet's title is not needed here, so not read again.
  const suggested = await sheetCommunities(db, file, def, async (sheet) => (chosen.has(sheet) ? undefined : read.get(sheet)?.titleRows));
  const out: LeftOutSheet[] = [];
  for (const sheet of left) {
    const r = read.get(sheet);
    const source = sheet === file.sheet ? file : file.otherSheet(sheet);
    const rows = r ? await filledRows(source, r.header ?? 0, signal) : null;
    const table = r ? r.header !== null : true;
    const s = suggested.find((x) => x.sheet === sheet);
    const why = hidden.has(sheet)
      ? '在 WPS 或 Excel 里是隐藏的工作表，按工作表分社区导入只读看得见的表'
      : !table
        ? '没有表头，不是人员名单（如填表说明）'
        : s?.community
          ? `${s.from === 'title' ? '标题' : '表名'}写的是「${s.community}」，但这张表没有勾选`
          : s?.reason
            ? `${s.reason}，也没有为它选社区`
            : '没有勾选，也没有为它选社区';
    out.push({ sheet, rows, table, why });
  }
  return out;
}

/** A chosen sheet imported from this same file before (earlier-imports.ts): left out, its rows those that import read. */
export const importedEarlier = (sheet: string, e: ImportLogEntry): LeftOutSheet => ({
  sheet,
  rows: e.total,
  table: true,
  why: `以前已从这个文件导入过（${e.displayName} 导入，见「导入记录」），这次不再导入`,
  doneBefore: true,
});
