/**
 * What every sheet the office prints from Excel or WPS shares (forms.xlsx, 补助发放表, 投保人员名单): A4, fit to the
 * page's width, the header row (row 3) repeated on each page, margins a binder's holes leave alone, 「第 1 页，共 3 页」
 * at the foot, cells that wrap inside their column (on paper a cell cannot spill into the next one).
 */
import type ExcelJS from 'exceljs';
import { rowPoints } from './print-fit';

export function a4Sheet(landscape: boolean): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    pageSetup: {
      paperSize: 9,
      orientation: landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:3',
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
    // exceljs leaves out a column of width 9, its own default, and readers then give it theirs (8.43): the sheet's
    // default is said to be 9, so a column set to 9 prints at 9.
    properties: { defaultColWidth: 9 },
  };
}

const THIN = { style: 'thin' as const };
export const THIN_BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const WRAP_TOP = { wrapText: true, vertical: 'top' as const };

/**
 * A table written with exceljs's ordinary writer, printed as forms.xlsx is: columns `widths` wide, rows `header` to
 * `last` ruled in thin lines, the header centred, every cell wrapped inside its column and each row as tall as its
 * lines (a row written without a height prints one line in Excel and WPS: a long 调整原因 was cut to its first 12
 * characters, session 25).
 */
export function ruledTable(ws: ExcelJS.Worksheet, widths: readonly number[], header: number, last: number): void {
  ws.columns.forEach((c, i) => (c.width = widths[i] ?? 10));
  for (let r = header; r <= last; r++) {
    const row = ws.getRow(r);
    widths.forEach((_, i) => {
      row.getCell(i + 1).border = THIN_BORDER;
      row.getCell(i + 1).alignment = r === header ? { horizontal: 'center', vertical: 'middle', wrapText: true } : WRAP_TOP;
    });
    row.height = rowPoints(widths.map((width, i) => ({ text: String(row.getCell(i + 1).value ?? ''), width })));
  }
}

/**
 * The lines under a form: who made it and how to reach them (the recipient's first question), who checked it, the day.
 * `extra` adds a line a sheet needs, e.g. 负责人签字 on a pay sheet.
 */
export function signLine(madeOn: string, extra = ''): string {
  return `填报人：__________　　联系电话：______________　　审核人：__________　　${extra ? `${extra}：__________　　` : ''}填报日期：${madeOn}`;
}
