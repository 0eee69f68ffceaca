/**
 * A district template's 覆盖率 table (入户排查覆盖情况统计表) whose rate cells carry a given number format, filled with
 * four communities' coverage (99.9, 66.7, 100, none): template-percent.test and session48-template-rate.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
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
export async function filled(numFmt: string): Promise<Array<{ value: unknown; numFmt: string | undefined }>> {
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
