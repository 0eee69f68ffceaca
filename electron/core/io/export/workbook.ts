/**
 * forms.xlsx: one sheet per form, A4 print-ready (title, office and period,
 * repeated header row, fit to page width, cells that wrap rather than run
 * past the printed column, 填报人 / 联系电话 / 审核人 / 填报日期 lines).
 * Written with exceljs's streaming writer so rows are flushed as they go.
 */
import ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import type { CellValue, FormColumn, FormDef, FormRow, Period } from './forms/types';

export interface SheetInput {
  form: FormDef;
  rows: FormRow[];
}

export interface WorkbookHeader {
  officeName: string;
  period: Period;
  /** The day the package is made, YYYY-MM-DD. */
  madeOn: string;
  correction: boolean;
}

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** A long address or note wraps inside its column: on paper a cell cannot spill into the next one. */
const WRAP = { wrapText: true, vertical: 'top' as const };

function cellValue(c: FormColumn, v: CellValue): CellValue {
  if (v === null || v === undefined) return '';
  return c.kind === 'number' || c.kind === 'percent' ? Number(v) : String(v);
}

export async function writeFormsWorkbook(sheets: SheetInput[], head: WorkbookHeader): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  wb.creator = head.officeName;
  for (const { form, rows } of sheets) {
    const ws = wb.addWorksheet(form.sheetName, {
      pageSetup: {
        paperSize: 9,
        orientation: form.landscape ? 'landscape' : 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '3:3',
        horizontalCentered: true,
        margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
      views: [{ state: 'frozen', ySplit: 3 }],
    });
    ws.columns = form.columns.map((c) => ({ key: c.key, width: c.width }));
    const last = form.columns.length;
    const title = ws.addRow([`${form.title}${head.correction ? '（更正）' : ''}`]);
    title.font = { bold: true, size: 16 };
    title.alignment = { horizontal: 'center' };
    title.height = 28;
    ws.mergeCells(1, 1, 1, last);
    title.commit();
    const sub = ws.addRow([`填报单位：${head.officeName}　　统计期间：${head.period.from} 至 ${head.period.to}`]);
    ws.mergeCells(2, 1, 2, last);
    sub.commit();
    const header = ws.addRow(form.columns.map((c) => c.header));
    header.eachCell((cell) => {
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    });
    header.commit();
    for (const r of rows) {
      const row = ws.addRow(form.columns.map((c) => cellValue(c, r[c.key] ?? null)));
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.border = BORDER;
        cell.alignment = WRAP;
      });
      row.commit();
    }
    ws.addRow([]).commit();
    const sign = ws.addRow([`填报人：__________　　联系电话：______________　　审核人：__________　　填报日期：${head.madeOn}`]);
    ws.mergeCells(sign.number, 1, sign.number, last);
    sign.commit();
    ws.commit();
  }
  await wb.commit();
  return Buffer.concat(chunks);
}
