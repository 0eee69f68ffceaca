/**
 * Streams rows of one sheet with exceljs's WorkbookReader, so a 100,000-row
 * workbook never sits in memory whole. Styles are not read: a date column
 * arrives as Excel's serial number, which the date normaliser understands.
 */
import ExcelJS from 'exceljs';
import { checkedText, type Cell, type SourceRow } from './cells';
import type { SheetInfo } from './zip-probe';

function fromValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return checkedText(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return checkedText((o.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join(''));
  if ('formula' in o || 'sharedFormula' in o) {
    if (o.result === undefined || o.result === null) return { problem: '单元格是公式，文件里没有保存计算结果；请在 Excel 中把这一列“复制 → 选择性粘贴为数值”后再导入', shown: '（公式）' };
    if (typeof o.result === 'object' && o.result !== null && 'error' in o.result) return { problem: `公式的结果是错误值 ${String((o.result as { error: unknown }).error)}`, shown: String((o.result as { error: unknown }).error) };
    return fromValue(o.result);
  }
  if ('error' in o) return { problem: `单元格是错误值 ${String(o.error)}`, shown: String(o.error) };
  if (typeof o.text === 'string') return checkedText(o.text);
  return null;
}

/** Rows of the chosen sheet, 1-based numbers as Excel shows them; empty rows are yielded too (the caller skips them). */
export async function* readXlsxRows(path: string, sheet: SheetInfo): AsyncGenerator<SourceRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'ignore' });
  for await (const ws of reader) {
    const sheetReader = ws as unknown as AsyncIterable<ExcelJS.Row> & { id: number | string; name: string };
    if (sheetReader.name !== sheet.name) {
      // Unchosen sheets still have to be read past; nothing of them is kept.
      for await (const row of sheetReader) void row;
      continue;
    }
    for await (const row of sheetReader) {
      const values = row.values as unknown[];
      const cells: Cell[] = [];
      for (let i = 1; i < values.length; i++) cells.push(fromValue(values[i]));
      yield { rowNumber: row.number, cells };
    }
    return;
  }
}
