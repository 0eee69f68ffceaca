/**
 * A district template's 覆盖率 column formatted as the district formats it: as a percentage (0%, the cell holds a
 * fraction) or as a whole number (0). The form's rate is a number of percent with one decimal, 100 only when every
 * household is screened (percent.shared.ts shownPct). Written as it is into a 0% cell, 66.7 printed 「6670%」; rounded
 * by a whole-number format, 1,999 of 2,000 households (99.9) printed 「100%」 / 「100」, as if all were screened. Filled,
 * the cell holds the rate in the cell's own unit and shows at least the form's one decimal where the rate is not whole.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { screeningCoverageForm } from '../../../electron/core/io/export/forms/screening-coverage';
import { fillTemplate } from '../../../electron/core/io/export/templates/fill';
import type { MappingSource } from '../../../electron/core/io/export/templates/contract';

const dir = mkdtempSync(join(tmpdir(), 'template-percent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const THIN = { style: 'thin' as const };

/** 序号 | 社区（村） | 应排查户数 | 已排查户数 | 覆盖率, three ruled rows whose 覆盖率 cells have `numFmt`, then 合计. */
async function coverageTemplate(numFmt: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('覆盖情况');
  ws.columns = [6, 16, 12, 12, 12].map((width) => ({ width }));
  ws.getCell('A1').value = '入户排查覆盖情况统计表';
  ws.mergeCells('A1:E1');
  ['序号', '社区（村）', '应排查户数', '已排查户数', '覆盖率'].forEach((h, i) => (ws.getCell(2, i + 1).value = h));
  for (let r = 2; r <= 6; r++)
    for (let c = 1; c <= 5; c++) {
      ws.getCell(r, c).border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
      if (c === 5 && r > 2 && r < 6) ws.getCell(r, c).numFmt = numFmt;
    }
  ws.getCell('A6').value = '合计';
  const path = join(dir, `模板${numFmt.replace(/\W/g, '_')}.xlsx`);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return readFileSync(path);
}

const MAPPING: MappingSource[] = [
  { kind: 'serial' },
  { kind: 'field', key: 'community' },
  { kind: 'field', key: 'households' },
  { kind: 'field', key: 'screened' },
  { kind: 'field', key: 'coverage' },
];
const ROWS = [
  { community: '幸福社区', households: 2000, screened: 1999, coverage: 99.9 },
  { community: '和平社区', households: 3, screened: 2, coverage: 66.7 },
  { community: '青松社区', households: 4, screened: 4, coverage: 100 },
  { community: '空白社区', households: 0, screened: 0, coverage: null },
];

/** The 覆盖率 cells as filled: value and format, rows 3–6 (one inserted before 合计). */
async function filled(numFmt: string): Promise<Array<{ value: unknown; numFmt: string | undefined }>> {
  const out = await fillTemplate({
    bytes: await coverageTemplate(numFmt),
    sheet: '覆盖情况',
    mapping: MAPPING,
    fields: screeningCoverageForm.columns,
    rows: ROWS.map((row) => ({ office: '东风街道办事处', row })),
    ctx: { officeName: '东风街道办事处', period: { from: '2020-02-10', to: '2020-02-16' }, madeOn: '2020-02-17' },
    unit: '条',
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(out.bytes).buffer);
  const ws = wb.getWorksheet('覆盖情况')!;
  return [3, 4, 5, 6].map((r) => ({ value: ws.getCell(r, 5).value, numFmt: ws.getCell(r, 5).numFmt }));
}

describe('a template’s 覆盖率 column in the district’s own format', () => {
  it('a percentage cell (0%) holds the fraction, with a decimal where the rate is not whole: never 100% short of all', async () => {
    const cells = await filled('0%');
    expect(cells.map((c) => c.value)).toEqual([0.999, 0.667, 1, null]);
    expect(cells[0]!.numFmt).toBe('0.0%');
    expect(cells[1]!.numFmt).toBe('0.0%');
    expect(cells[2]!.numFmt).toBe('0%');
  });

  // [template format, then each rate's value and format as filled]: 0.00% keeps its format; a whole-number 0 holds the
  // percent and gets a decimal where the rate is not whole.
  const KEPT: Array<[string, Array<[number, string]>]> = [
    [
      '0.00%',
      [
        [0.999, '0.00%'],
        [0.667, '0.00%'],
        [1, '0.00%'],
      ],
    ],
    [
      '0',
      [
        [99.9, '0.0'],
        [66.7, '0.0'],
        [100, '0'],
      ],
    ],
  ];
  it.each(KEPT)('a %s cell: the rate in its unit, shown to at least one decimal', async (format, want) => {
    expect((await filled(format)).slice(0, 3).map((c) => [c.value, c.numFmt])).toEqual(want);
  });

  it('a cell without a number format (常规) holds the percent as the form prints it', async () => {
    const cells = await filled('General');
    expect(cells.slice(0, 3).map((c) => c.value)).toEqual([99.9, 66.7, 100]);
  });
});
