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
import { breakAtGaps, breakHeader, rowPoints } from '../../print-fit';

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

/**
 * A line across the sheet (填报单位 and period, a footnote, 填报人…填报日期): merged over every column and wrapped
 * within them, as tall as its lines. On a narrow portrait form the 填报人 line ran past the last column and lost
 * 填报日期 on paper.
 */
function acrossLine(ws: ExcelJS.Worksheet, text: string, form: FormDef): void {
  const width = form.columns.reduce((n, c) => n + c.width, 0);
  const broken = breakAtGaps(text, width);
  const row = ws.addRow([broken]);
  ws.mergeCells(row.number, 1, row.number, form.columns.length);
  row.alignment = { wrapText: true, vertical: 'top' };
  row.height = rowPoints([{ text: broken, width }]);
  row.commit();
}

/**
 * 水平居中 on paper. exceljs's streaming writer takes pageSetup.horizontalCentered but never writes <printOptions>, so
 * a narrow portrait form printed against the left margin (session 25). The element goes just before <pageMargins> (the
 * worksheet schema's order), which that writer writes in its _writePageMargins step: the element is written there
 * first. An exceljs without that step throws here rather than print uncentred unnoticed (workbook.test reads the XML).
 */
function centredOnPaper(ws: ExcelJS.Worksheet): void {
  const writer = ws as unknown as { _writePageMargins?: () => void; stream: { write(xml: string): void } };
  const margins = writer._writePageMargins;
  if (typeof margins !== 'function') throw new Error('exceljs 的流式写入没有 _writePageMargins：forms.xlsx 无法设置水平居中');
  writer._writePageMargins = () => {
    writer.stream.write('<printOptions horizontalCentered="1"/>');
    margins.call(writer);
  };
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
    const sheet = a4Sheet(form.landscape);
    const ws = wb.addWorksheet(form.sheetName, {
      ...sheet,
      // Every page says which form, whose and which period (title, 填报单位 and period over the header): a district
      // files a form's pages apart from the other forms', and page 2 of a roster alone named nothing. Each form's
      // pages are numbered from 1: printed together, the roster's first page read 「第 3 页，共 13 页」.
      pageSetup: { ...sheet.pageSetup, printTitlesRow: '1:3', firstPageNumber: 1 },
      headerFooter: { oddFooter: `${form.title}　第 &P 页` },
      views: [{ state: 'frozen', ySplit: 3 }],
    });
    centredOnPaper(ws);
    ws.columns = form.columns.map((c) => ({ key: c.key, width: c.width }));
    const last = form.columns.length;
    const title = ws.addRow([`${form.title}${head.correction ? '（更正）' : ''}`]);
    title.font = { bold: true, size: 16 };
    title.alignment = { horizontal: 'center' };
    title.height = 28;
    ws.mergeCells(1, 1, 1, last);
    title.commit();
    const count = headCount ? `　　共 ${headCount}` : '';
    acrossLine(ws, `填报单位：${head.officeName}　　统计期间：${head.period.from} 至 ${head.period.to}${count}`, form);
    const headers = form.columns.map((c) => breakHeader(c.header, c.width));
    const header = ws.addRow(headers);
    header.eachCell((cell) => {
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN_BORDER;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    });
    header.height = rowPoints(form.columns.map((c, i) => ({ text: headers[i]!, width: c.width })));
    header.commit();
    for (const r of rows) {
      const values = form.columns.map((c) => cellValue(c, r[c.key] ?? null));
      const row = ws.addRow(values);
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.border = THIN_BORDER;
        cell.alignment = WRAP_TOP;
      });
      // Every row gets its height, one line included: a row left at the sheet's 15 points cut the foot of its
      // Chinese text in LibreOffice (「未约定」, 「否」 on 防控物资库存与缺口表, session 25).
      row.height = rowPoints(form.columns.map((c, i) => ({ text: String(values[i]), width: c.width })));
      row.commit();
    }
    if (form.footnote) acrossLine(ws, form.footnote, form);
    ws.addRow([]).commit();
    acrossLine(ws, signLine(head.madeOn), form);
    ws.commit();
  }
  await wb.commit();
  return Buffer.concat(chunks);
}
