/**
 * A district template filled by the office prints whole in the district's own columns (session 46, LibreOffice → PDF
 * looked at): a value in words wider than its column wraps inside it and its row grows to its lines, where it printed
 * cut (the roster template's 街道 column held 「东风街道办事处」 as 「东风街道办事」); a number, a day or an ID number
 * stays on one line, set a little smaller if the printer's font is wider. The district's print setup stays as it was.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { observationRosterForm } from '../../../electron/core/io/export/forms/observation-roster';
import { fillTemplate } from '../../../electron/core/io/export/templates/fill';
import { ROSTER_MAPPING, rosterTemplate } from './district-templates';

const dir = mkdtempSync(join(tmpdir(), 'template-fill-fit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const person = (n: number) => ({
  name: `孔刚燕${n}`,
  idNumber: `41010419600112523${n}`,
  phone: `1863850539${n}`,
  startOn: '2020-02-16',
  endOn: '2020-02-29',
  community: '幸福社区',
});

describe('a district template filled with rows wider than its columns', () => {
  it('wraps words inside their column with the row as tall as its lines, keeps numbers and days on one line, keeps the print setup', async () => {
    const template = join(dir, '花名册模板.xlsx');
    await rosterTemplate(template);
    const filled = await fillTemplate({
      bytes: readFileSync(template),
      sheet: '花名册',
      mapping: ROSTER_MAPPING,
      fields: observationRosterForm.columns,
      rows: [1, 2, 3, 4, 5].map((n) => ({ office: '东风街道办事处', row: person(n) })),
      ctx: { officeName: '东风街道办事处', period: { from: '2020-02-10', to: '2020-02-16' }, madeOn: '2020-02-17' },
      unit: '人',
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(filled.bytes).buffer);
    const ws = wb.getWorksheet('花名册')!;
    // Rows 5–7 are the template's own ruled rows, 8 and 9 inserted before its 合计.
    for (const r of [5, 6, 7, 8, 9]) {
      const where = `第 ${r} 行`;
      // 街道 is 14 wide, 12-point: 「东风街道办事处」 takes two lines of 16 × 12/11 points.
      expect(ws.getCell(r, 2).value, where).toBe('东风街道办事处');
      expect(ws.getCell(r, 2).alignment?.wrapText, where).toBe(true);
      expect(ws.getRow(r).height, where).toBeGreaterThanOrEqual(36);
      for (const c of [4, 5, 6, 7]) {
        expect(ws.getCell(r, c).alignment?.wrapText, `${where} ${c} 列`).toBeFalsy();
        expect(ws.getCell(r, c).alignment?.shrinkToFit, `${where} ${c} 列`).toBe(true);
      }
      // The template's borders and fonts stay.
      expect(ws.getCell(r, 4).border?.left?.style, where).toBe('thin');
      expect(ws.getCell(r, 4).font?.size, where).toBe(12);
    }
    // A cell styled alike in the template is not changed with another: the header keeps its own alignment.
    expect(ws.getCell('C4').alignment?.shrinkToFit).toBeFalsy();
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:4' });
    expect(ws.headerFooter.oddFooter).toBe('第 &P 页');
  });
});
