/**
 * forms.xlsx: one sheet per form, A4 print-ready (title, office and period,
 * repeated header row, fit to page width, cells that wrap rather than run
 * past the printed column, 填报人 / 联系电话 / 审核人 / 填报日期 lines).
 * Written with exceljs's streaming writer so rows are flushed as they go.
 */
import ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import { a4Sheet, signLine, THIN_BORDER, WRAP_TOP } from '../../xlsx-print';
import type { CellValue, FormColumn, FormDef, FormRow, Period } from './forms/types';

export interface SheetInput {
  form: FormDef;
  rows: FormRow[];
  /** How many people a name list holds (FormDef.headCount), said beside the period as 「共 …」. */
  headCount?: string | null;
}

export interface WorkbookHeader {
  officeName: string;
  period: Period;
  /** The day the package is made, YYYY-MM-DD. */
  madeOn: string;
  correction: boolean;
}

function cellValue(c: FormColumn, v: CellValue): CellValue {
  if (v === null || v === undefined) return '';
  // A figure column may say in words why it has no figure (可用天数 「未消耗」): that text is kept, not turned into NaN.
  const figure = c.kind === 'number' || c.kind === 'percent';
  return figure && (typeof v === 'number' || !Number.isNaN(Number(v))) ? Number(v) : String(v);
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
  for (const { form, rows, headCount } of sheets) {
    const ws = wb.addWorksheet(form.sheetName, { ...a4Sheet(form.landscape), views: [{ state: 'frozen', ySplit: 3 }] });
    ws.columns = form.columns.map((c) => ({ key: c.key, width: c.width }));
    const last = form.columns.length;
    const title = ws.addRow([`${form.title}${head.correction ? '（更正）' : ''}`]);
    title.font = { bold: true, size: 16 };
    title.alignment = { horizontal: 'center' };
    title.height = 28;
    ws.mergeCells(1, 1, 1, last);
    title.commit();
    const count = headCount ? `　　共 ${headCount}` : '';
    const sub = ws.addRow([`填报单位：${head.officeName}　　统计期间：${head.period.from} 至 ${head.period.to}${count}`]);
    ws.mergeCells(2, 1, 2, last);
    sub.commit();
    const header = ws.addRow(form.columns.map((c) => c.header));
    header.eachCell((cell) => {
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN_BORDER;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    });
    header.commit();
    for (const r of rows) {
      const row = ws.addRow(form.columns.map((c) => cellValue(c, r[c.key] ?? null)));
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.border = THIN_BORDER;
        cell.alignment = WRAP_TOP;
      });
      row.commit();
    }
    if (form.footnote) {
      const note = ws.addRow([form.footnote]);
      ws.mergeCells(note.number, 1, note.number, last);
      note.alignment = { wrapText: true, vertical: 'top' };
      // A merged cell does not grow with its text: room for the lines the note takes across the sheet.
      note.height = 15 * Math.ceil(form.footnote.length / Math.max(20, form.columns.reduce((n, c) => n + c.width, 0) / 2));
      note.commit();
    }
    ws.addRow([]).commit();
    const sign = ws.addRow([signLine(head.madeOn)]);
    ws.mergeCells(sign.number, 1, sign.number, last);
    sign.commit();
    ws.commit();
  }
  await wb.commit();
  return Buffer.concat(chunks);
}
