/**
 * District templates made by the tests in the shapes districts send: title
 * rows, a 填报单位 / 填报日期 line, a merged two-row header with a 序号
 * column, ruled blank rows, a 合计 row, a signature line, A4 print setup.
 */
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestLedger } from '../../helpers/ledger';
import type { MappingSource } from '../../../electron/core/io/export/templates/contract';

const THIN = { style: 'thin' as const };
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const BODY_FONT = { name: '仿宋_GB2312', size: 12 };
export const HEAD_FONT = { name: '黑体', size: 12, bold: true };

function ruled(ws: ExcelJS.Worksheet, row: number, width: number, font = BODY_FONT): void {
  for (let c = 1; c <= width; c++) {
    const cell = ws.getCell(row, c);
    cell.border = BOX;
    cell.font = font;
  }
}

/**
 * 居家医学观察人员花名册 (A–I): 序号 | 街道 | 基本信息(姓名, 身份证号码, 联系电话) | 观察情况(开始日期, 结束日期) | 所在社区 | 备注,
 * header on rows 3–4, three ruled rows (5–7), 合计 on row 8 (A8:B8 merged), signature line on row 10.
 */
export async function rosterTemplate(path: string, title = '金水区居家医学观察人员花名册'): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.3, right: 0.3, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.2 },
    },
    headerFooter: { oddFooter: '第 &P 页' },
  });
  ws.pageSetup.printTitlesRow = '3:4';
  ws.columns = [6, 14, 10, 22, 14, 12, 12, 14, 16].map((width) => ({ width }));
  ws.getCell('A1').value = title;
  ws.getCell('A1').font = { name: '方正小标宋简体', size: 18 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells('A1:I1');
  ws.getCell('A2').value = '填报单位（盖章）：                    填报日期：    年  月  日';
  ws.mergeCells('A2:I2');
  const heads: Array<[string, string]> = [
    ['A3:A4', '序号'],
    ['B3:B4', '街道'],
    ['C3:E3', '基本信息'],
    ['F3:G3', '观察情况'],
    ['H3:H4', '所在社区'],
    ['I3:I4', '备注'],
  ];
  for (const [range, text] of heads) {
    ws.getCell(range.split(':')[0]!).value = text;
    ws.mergeCells(range);
  }
  ws.getCell('C4').value = '姓名';
  ws.getCell('D4').value = '身份证号码';
  ws.getCell('E4').value = '联系电话';
  ws.getCell('F4').value = '开始日期';
  ws.getCell('G4').value = '结束日期';
  for (const r of [3, 4]) ruled(ws, r, 9, HEAD_FONT);
  for (const r of [5, 6, 7]) ruled(ws, r, 9);
  ws.getRow(5).height = 22;
  ws.getCell('A8').value = '合计';
  ws.mergeCells('A8:B8');
  ruled(ws, 8, 9, HEAD_FONT);
  ws.getCell('A10').value = '填报人：            审核人：            联系电话：';
  ws.mergeCells('A10:I10');
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
}

/** What rosterTemplate's columns A–I take from 居家（医学）观察人员名单 (I, 备注, left blank). */
export const ROSTER_MAPPING: MappingSource[] = [
  { kind: 'serial' },
  { kind: 'office' },
  { kind: 'field', key: 'name' },
  { kind: 'field', key: 'idNumber' },
  { kind: 'field', key: 'phone' },
  { kind: 'field', key: 'startOn' },
  { kind: 'field', key: 'endOn' },
  { kind: 'field', key: 'community' },
  { kind: 'blank' },
];

/** 人员排查管控情况统计表: one header row straight above a 合计 row (no ruled rows at all), 统计时间 in the title block. */
export async function summaryTemplate(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('统计表', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [6, 16, 18, 10, 10, 10].map((width) => ({ width }));
  ws.getCell('A1').value = '人员排查管控情况统计表';
  ws.mergeCells('A1:F1');
  ws.getCell('A2').value = '统计时间：';
  ws.mergeCells('A2:F2');
  ['序号', '社区（村）', '人员类别', '在管人数', '本期新增', '本期解除'].forEach((h, i) => (ws.getCell(3, i + 1).value = h));
  ruled(ws, 3, 6, HEAD_FONT);
  ws.getCell('A4').value = '合计';
  ws.mergeCells('A4:C4');
  ruled(ws, 4, 6, HEAD_FONT);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
}

/** A sheet that is a notice, not a form: nothing a header could be. */
export async function noHeaderTemplate(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('说明');
  ws.getCell('A1').value = '关于报送居家观察人员情况的通知';
  ws.getCell('A3').value = '请各街道于每周一下午五点前报送。';
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
}

/**
 * The roster template saved as the district's 区重点人群关爱名册, filled from 重点人群关爱服务台账: 序号 | 街道 | 姓名 |
 * 身份证号码 | 联系电话 | (开始, 结束 left blank) | 社区 | 备注 ← 人员类别. Returns the template's id.
 */
export async function saveCareRosterTemplate(t: TestLedger, dir: string): Promise<number> {
  const templatePath = join(dir, '关爱名册模板.xlsx');
  await rosterTemplate(templatePath, '金水区重点人群关爱名册');
  const saved = await t.call('export.templates.save', {
    templatePath,
    name: '区重点人群关爱名册',
    baseForm: 'care-ledger',
    mapping: [
      { kind: 'serial' },
      { kind: 'office' },
      { kind: 'field', key: 'name' },
      { kind: 'field', key: 'idNumber' },
      { kind: 'field', key: 'phone' },
      { kind: 'blank' },
      { kind: 'blank' },
      { kind: 'field', key: 'community' },
      { kind: 'field', key: 'category' },
    ],
  });
  return saved.id;
}
