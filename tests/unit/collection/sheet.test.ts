/**
 * A blank collection sheet as a community receives it: title, office and
 * community filled in, an instructions row, the ID column as text, drop-down
 * lists, date cells, print setup, and the hidden marker.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMarker, MARKER_MAX_CHARS, MARKER_NAME } from '../../../electron/core/io/collection/marker';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { seedSmallOffice } from '../export/fixture';

let t: TestLedger;
let dir: string;

beforeAll(async () => {
  t = await openTestLedger();
  seedSmallOffice(t);
  dir = mkdtempSync(join(tmpdir(), 'taizhang-collection-'));
});
afterAll(() => {
  t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(readFileSync(path)).buffer);
  return wb;
}

describe('a returnee collection sheet for 幸福社区', () => {
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  let headers: string[];
  const col = (label: string): number => headers.indexOf(label) + 1;

  beforeAll(async () => {
    const [r] = await t.call('collection.sheet.save', { communityIds: [1], kind: 'returnees', folder: dir });
    if (!r) throw new Error('no sheet written');
    expect(r.path).toBe(join(realpathSync(dir), '幸福社区_返程人员登记表.xlsx'));
    wb = await open(r.path);
    ws = wb.worksheets[0]!;
    headers = (ws.getRow(5).values as unknown[]).slice(1).map(String);
    expect(headers).toEqual(r.columns);
  });

  it('names the community and the office, and tells the community in plain Chinese how to fill it', () => {
    expect(ws.getCell('A2').value).toBe('幸福社区 返程人员登记表');
    expect(String(ws.getCell('A3').value)).toContain('街道办事处：东风街道办事处　　社区：幸福社区　　下发日期：2020年2月17日');
    const help = String(ws.getCell('A4').value);
    expect(help).toContain('身份证号请完整填写 18 位');
    expect(help).toContain('带下拉箭头的格子');
    expect(headers.slice(0, 4)).toEqual(['网格', '姓名', '身份证号', '联系电话']);
    // The community and the category are the sheet's own: no column asks for them.
    expect(headers).not.toContain('社区');
    expect(headers).not.toContain('人员类别');
  });

  it('keeps ID numbers and phones as text, dates as dates, and offers drop-downs', () => {
    expect(ws.getCell(6, col('身份证号')).numFmt).toBe('@');
    expect(ws.getCell(305, col('联系电话')).numFmt).toBe('@');
    expect(ws.getCell(6, col('开始日期')).numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell(6, col('开始日期')).dataValidation).toMatchObject({ type: 'date' });
    const grid = ws.getCell(6, col('网格')).dataValidation;
    expect(grid).toMatchObject({ type: 'list' });
    const lists = wb.getWorksheet('下拉选项')!;
    expect(lists.state).toBe('hidden');
    const ref = /\$([A-Z]+)\$1:\$[A-Z]+\$(\d+)/.exec(String(grid.formulae[0]))!;
    const words = Array.from({ length: Number(ref[2]) }, (_, i) => lists.getCell(`${ref[1]}${i + 1}`).value);
    expect(words).toEqual(['第一网格', '第二网格']);
  });

  it('prints on A4 landscape with the header repeated', () => {
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: '5:5' });
  });

  it('carries a hidden marker naming kind, version, office and community, also as a workbook name', () => {
    expect(ws.getRow(1).hidden).toBe(true);
    const m = decodeMarker(String(ws.getCell('A1').value))!;
    expect(m).toMatchObject({ v: 1, kind: 'returnees', office: '东风街道办事处', community: '幸福社区', communityId: 1, issuedOn: '2020-02-17' });
    expect(String(ws.getCell('A1').value).length).toBeLessThanOrEqual(MARKER_MAX_CHARS);
    expect(wb.definedNames.getRanges(MARKER_NAME).ranges).toEqual([`'返程人员登记表'!$A$1`]);
  });
});

describe('the other kinds', () => {
  it("daily checks offer the check methods; stock counts the office's items", async () => {
    const checks = await open((await t.call('collection.sheet.save', { communityIds: [1], kind: 'checks', folder: dir }))[0]!.path);
    const h = (checks.worksheets[0]!.getRow(5).values as unknown[]).slice(1).map(String);
    expect(h).toEqual(['姓名', '身份证号', '日期', '体温', '症状', '方式', '监测人']);
    expect(checks.worksheets[0]!.getCell(6, 4).dataValidation).toMatchObject({ type: 'decimal', formulae: [34, 43] });
    const lists = checks.getWorksheet('下拉选项')!;
    expect([1, 2, 3].map((r) => lists.getCell(r, 1).value)).toEqual(['入户', '电话', '微信']);
    const stock = await open((await t.call('collection.sheet.save', { communityIds: [2], kind: 'stock', folder: dir }))[0]!.path);
    expect(stock.worksheets[0]!.getCell('A2').value).toBe('和平社区 防控物资盘点表');
    // No ID column on a stock sheet: its instructions speak of items and are numbered 1, 2, 3… without a gap.
    const help = String(stock.worksheets[0]!.getCell('A4').value).split('\n');
    expect(help[1]).toBe('1. 每行填一种物资，从表头下面第一行开始，中间不要空行。');
    expect(help.slice(1).map((l) => l.split('.')[0])).toEqual(['1', '2', '3', '4']);
  });

  it('a community that is not in the ledger is named as missing; a viewer may not make sheets', async () => {
    expect((await t.fail('collection.sheet.save', { communityIds: [99], kind: 'residents', folder: dir })).code).toBe('NOT_FOUND');
    const viewer = await t.sessionAs('viewer');
    expect((await t.fail('collection.sheet.save', { communityIds: [1], kind: 'residents', folder: dir }, viewer)).code).toBe('FORBIDDEN');
  });
});
