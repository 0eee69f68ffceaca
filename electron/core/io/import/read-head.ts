/**
 * The head of a sheet for the mapping step: its header, the first data rows and the title lines above the header
 * (inspect.ts, sheet-communities.ts through left-out-sheets.ts), and the refusal of a sheet with no header, which the
 * pipeline gives too. Split from pipeline.ts (session 52).
 */
import { badInput } from '../../errors';
import { cellText, isBlankRow, type SourceRow } from './cells';
import type { TargetDef } from './fields.shared';
import { findHeader, HEADER_SCAN_ROWS, type HeaderLayout } from './header';
import type { OpenedSource } from './source';
import { sheetNameOnText } from './source-format.shared';

/** The header, the first data rows and the title above the header, for the mapping step. */
export async function readHead(
  source: OpenedSource,
  def: TargetDef,
): Promise<{ layout: HeaderLayout; sample: string[][]; head: SourceRow[]; titleRows: string[] }> {
  const head: SourceRow[] = [];
  for await (const row of source.rows()) {
    if (!isBlankRow(row.cells)) head.push(row);
    if (head.length >= HEADER_SCAN_ROWS + 5) break;
  }
  const layout = findHeader(head, def);
  if (!layout) throw emptyFile(source);
  const first = layout.headerRows[0]!;
  const last = layout.headerRows[layout.headerRows.length - 1]!;
  const sample = head
    .filter((r) => r.rowNumber > last)
    .slice(0, 5)
    .map((r) => r.cells.map(cellText));
  const titleRows = head
    .filter((r) => r.rowNumber < first)
    .map((r) =>
      r.cells
        .map(cellText)
        .filter((c) => c.trim() !== '')
        .join(' '),
    );
  return { layout, sample, head, titleRows };
}

/** A sheet (or paste) with no header in its first rows: said as the file it is. */
export const emptyFile = (source: OpenedSource) => {
  const ext = sheetNameOnText(source.format, source.fileName);
  // A text file named as a workbook: said as such (session 19; before, 「没有可导入的内容」 alone left the clerk looking for the sheet).
  if (ext)
    return badInput(
      `「${source.fileName}」的文件名是 ${ext}，但内容是纯文本（CSV/文本），不是 Excel 或 WPS 工作簿，其中也没有表格（找不到表头）。请向社区要原来的表格文件，或在 WPS 中打开核对后另存为 .xlsx 再导入。`,
    );
  // A paste: what was looked for, as the 接龙 reader says it (paste.ts); a paste has no file to ask for again.
  if (source.format === 'paste')
    return badInput(
      `粘贴的内容里找不到表头：前 ${HEADER_SCAN_ROWS} 行里没有一行写着「姓名」「身份证号」这样的列名，也没有一行有两列以上的内容。请从 Excel/WPS 复制带表头的单元格，或粘贴按 “1. 姓名 身份证号 电话 住址” 编号的接龙名单。`,
    );
  return badInput(`「${source.fileName}」${source.sheet ? `的工作表「${source.sheet}」` : ''}里没有可导入的内容（没有表头，或全是空行）。`);
};
