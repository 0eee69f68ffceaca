/**
 * Every sheet of forms.xlsx as the office prints it (session 25): A4 in the form's orientation, fit to one page wide
 * at 90 % or more (牺牲人员及表彰情况表 printed at 74 %: too small for an old printer and old eyes), title, 填报单位 and
 * header repeated on each page, every row as tall as its wrapped lines. The scale is worked out here as Excel, WPS and
 * LibreOffice work it out (a column of width w is 7w + 5 px in the 11-point default font); the last test prints with
 * LibreOffice where it is installed and reads the PDF.
 */
import { TextWriter, Uint8ArrayReader, ZipReader, type FileEntry } from '@zip.js/zip.js';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FORMS } from '../../../electron/core/io/export/forms/registry';
import type { FormDef } from '../../../electron/core/io/export/forms/types';
import { breakHeader, linesIn } from '../../../electron/core/print-fit';
import { writeFormsWorkbook } from '../../../electron/core/io/export/workbook';
import { sampleRows } from '../../helpers/print-samples';
import { printableScale } from '../../helpers/print-scale';

const HEAD = { officeName: '东风街道办事处', period: { from: '2020-02-10', to: '2020-02-16' }, madeOn: '2020-02-17', correction: false };

async function printed(form: FormDef, rows = sampleRows(form, 12)): Promise<ExcelJS.Worksheet> {
  const bytes = await writeFormsWorkbook([{ form, rows }], HEAD);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(bytes).buffer);
  return wb.getWorksheet(form.sheetName)!;
}

describe('every form prints whole on A4', () => {
  it.each(FORMS.map((f) => [f.title, f] as const))('%s: A4, one page wide at a scale of 0.9 or more, title and header on every page', async (_, form) => {
    const ws = await printed(form);
    const setup = ws.pageSetup;
    expect(setup.paperSize).toBe(9);
    expect(setup.orientation).toBe(form.landscape ? 'landscape' : 'portrait');
    expect([setup.fitToPage, setup.fitToWidth, setup.fitToHeight]).toEqual([true, 1, 0]);
    expect(setup.printTitlesRow).toBe('1:3');
    const scale = printableScale(
      form.columns.map((c) => c.width),
      form.landscape,
      setup.margins!,
    );
    expect(scale, `${form.title} 打印比例`).toBeGreaterThanOrEqual(0.91);
    // A column of width 9, exceljs's own default, is left out of the file: the sheet says its default is 9.
    expect(ws.properties.defaultColWidth).toBe(9);
  });

  it.each(FORMS.map((f) => [f.title, f] as const))('%s: the header says the form words, and every row is as tall as its lines', async (_, form) => {
    const ws = await printed(form);
    const header = ws.getRow(3);
    // The form's words exactly; a header that wraps in its column has its line breaks chosen between words (below).
    form.columns.forEach((c, i) => expect(String(header.getCell(i + 1).value).replace(/\n/g, '')).toBe(c.header));
    const rows = sampleRows(form, 12);
    rows.forEach((r, n) => {
      const lines = Math.max(...form.columns.map((c) => linesIn(String(r[c.key] ?? ''), c.width)));
      expect(ws.getRow(4 + n).height, `${form.title} 第 ${n + 1} 行`).toBeGreaterThanOrEqual(lines * 16);
    });
  });

  it.each(FORMS.map((f) => [f.title, f] as const))("%s: 水平居中 in the sheet's XML (the streaming writer left it out)", async (_, form) => {
    const bytes = await writeFormsWorkbook([{ form, rows: sampleRows(form, 2) }], HEAD);
    const zip = new ZipReader(new Uint8ArrayReader(new Uint8Array(bytes)));
    const sheets = (await zip.getEntries()).filter((e): e is FileEntry => !e.directory && /^xl\/worksheets\/sheet\d+\.xml$/.test(e.filename));
    expect(sheets.length).toBe(1);
    const xml = await sheets[0]!.getData(new TextWriter());
    await zip.close();
    // Once, and where the schema puts it: right before <pageMargins> (Excel refuses a sheet with its parts out of order).
    expect(xml.match(/<printOptions[^>]*>/g)).toEqual(['<printOptions horizontalCentered="1"/>']);
    expect(xml).toMatch(/<printOptions horizontalCentered="1"\/><pageMargins /);
    const ws = await printed(form, sampleRows(form, 2));
    expect(ws.pageSetup.horizontalCentered).toBe(true);
  });

  it('breaks every header that wraps between words, each line whole in its column', () => {
    for (const form of FORMS) {
      for (const c of form.columns) {
        const lines = breakHeader(c.header, c.width).split('\n');
        expect(lines.join(''), `${form.title} ${c.header}`).toBe(c.header);
        // Each line fits on one line of its column: the printer never chooses a break of its own, inside a word.
        for (const line of lines) expect(linesIn(line, c.width), `${form.title} 「${c.header}」 的「${line}」（列宽 ${c.width}）`).toBe(1);
      }
    }
    // The header session 25 saw broken 「本期已监测（」 over 「天）」.
    expect(breakHeader('本期已监测（天）', 7)).toBe('本期\n已监测\n（天）');
    expect(breakHeader('申报户数', 8)).toBe('申报\n户数');
    // One that fits stays whole.
    expect(breakHeader('本期已监测（天）', 20)).toBe('本期已监测（天）');
  });

  it('counts whole characters to a line, as a printed cell holds them', () => {
    // 「因社区防控工作牺牲」 in the memorial form's 类别 column (width 10) is 4 + 4 + 1 on paper: counted as 18 units
    // in 9.5 it was two lines, and the row was printed with its last line cut.
    expect(linesIn('因社区防控工作牺牲', 10)).toBe(3);
    expect(linesIn('东风街道幸福里第二社区居民委员会', 11)).toBe(4);
    // A day prints whole in a column of 10 (its 「-」 are narrow); 18 digits in 19.
    expect(linesIn('2020-02-10', 10)).toBe(1);
    expect(linesIn('410105196203121000', 19)).toBe(1);
    // A character beyond the BMP (𠮷) is as wide as any other.
    expect(linesIn('吉𠮷祥吉𠮷', 10)).toBe(2);
  });
});
