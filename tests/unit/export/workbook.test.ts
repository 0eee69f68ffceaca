/** forms.xlsx as it prints: A4, header row repeated, long cells wrapped inside their column, the lines the district fills in. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { caseloadSummaryForm } from '../../../electron/core/io/export/forms/caseload-summary';
import { observationRosterForm } from '../../../electron/core/io/export/forms/observation-roster';
import { writeFormsWorkbook } from '../../../electron/core/io/export/workbook';

describe('forms.xlsx layout', () => {
  it('prints on A4, wraps a long cell, and leaves 填报人 / 联系电话 / 填报日期 to fill', async () => {
    const form = observationRosterForm;
    const row = Object.fromEntries(form.columns.map((c) => [c.key, c.kind === 'number' ? 3 : '某']));
    row['team'] = '网格员 张伟（第一网格）、社区医生 李娜（和平社区卫生服务站）、社区民警 王强';
    const bytes = await writeFormsWorkbook([{ form, rows: [row, row], headCount: '2 人' }], {
      officeName: '东风街道办事处',
      period: { from: '2020-02-10', to: '2020-02-16' },
      madeOn: '2020-02-17',
      correction: false,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(bytes).buffer);
    const ws = wb.getWorksheet(form.sheetName)!;
    expect(ws.pageSetup.paperSize).toBe(9);
    // How many people the list holds, as the printed roster says it (共 2 人): the district's first question.
    expect(ws.getCell(2, 1).value).toBe('填报单位：东风街道办事处　　统计期间：2020-02-10 至 2020-02-16　　共 2 人');
    const teamCol = form.columns.findIndex((c) => c.key === 'team') + 1;
    for (const r of [4, 5]) {
      expect(ws.getCell(r, teamCol).alignment?.wrapText).toBe(true);
      expect(ws.getCell(r, 1).alignment?.wrapText).toBe(true);
    }
    const sign = String(ws.getCell(7, 1).value);
    for (const words of ['填报人：', '联系电话：', '审核人：', '填报日期：2020-02-17']) expect(sign).toContain(words);
  });

  // Session 23 converted forms.xlsx to PDF (LibreOffice) and looked at every page: two-line headers and wrapped cells
  // were printed cut to one line (a row written without a height stays one line), page 2 of a roster named no form,
  // and on the portrait summary the 填报人 line ran off the page and lost 填报日期.
  it('prints every page with its title, office and period, and rows tall enough for what wraps', async () => {
    const roster = observationRosterForm;
    const row = Object.fromEntries(roster.columns.map((c) => [c.key, c.kind === 'number' ? 3 : '某']));
    row['team'] = '网格员 张伟（第一网格）、社区医生 李娜（和平社区卫生服务站）、社区民警 王强';
    const bytes = await writeFormsWorkbook(
      [
        { form: roster, rows: [row, { ...row, team: '网格员 张伟' }], headCount: '2 人' },
        { form: caseloadSummaryForm, rows: [] },
      ],
      { officeName: '东风街道办事处', period: { from: '2020-02-10', to: '2020-02-16' }, madeOn: '2020-02-17', correction: false },
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(bytes).buffer);
    const ws = wb.getWorksheet(roster.sheetName)!;
    expect(ws.pageSetup.printTitlesRow).toBe('1:3');
    // Each form's pages numbered from 1 under its own name, not 「第 3 页，共 13 页」 of the whole workbook.
    expect(ws.pageSetup.firstPageNumber).toBe(1);
    expect(ws.headerFooter.oddFooter).toBe('居家（医学）观察人员名单　第 &P 页');
    // 本期已监测（天） takes two lines in its 9 characters; the team three in its 18; a short team one (no height set).
    expect(ws.getRow(3).height).toBeGreaterThanOrEqual(30);
    expect(ws.getRow(4).height).toBeGreaterThanOrEqual(45);
    expect(ws.getRow(5).height ?? 15).toBeLessThan(20);
    // The narrow portrait summary breaks its 填报人 line between its parts, 填报日期 whole on the second line.
    const summary = wb.getWorksheet(caseloadSummaryForm.sheetName)!;
    const signRow = summary.rowCount; // the last line, under the table and its note
    const lines = String(summary.getCell(signRow, 1).value).split('\n');
    expect(lines.length).toBe(2);
    expect(lines.at(-1)).toMatch(/填报日期：2020-02-17$/);
    expect(summary.getRow(signRow).height).toBeGreaterThanOrEqual(30);
    expect(summary.getCell(signRow, 1).alignment?.wrapText).toBe(true);
  });

  it('a form of counts with its own 合计 row says no head count', async () => {
    const form = caseloadSummaryForm;
    const bytes = await writeFormsWorkbook([{ form, rows: [] }], {
      officeName: '东风街道办事处',
      period: { from: '2020-02-10', to: '2020-02-16' },
      madeOn: '2020-02-17',
      correction: false,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(bytes).buffer);
    expect(wb.getWorksheet(form.sheetName)!.getCell(2, 1).value).toBe('填报单位：东风街道办事处　　统计期间：2020-02-10 至 2020-02-16');
  });
});
