/**
 * What a recipient reads off two forms, beyond their rows (session 21's walk of the forms):
 * - 重点人群关爱服务台账 lists care cases, so a person under two kinds of care is two rows: its 「共 …」 line says
 *   how many people, and how many kinds of care where the two differ (「共 1 人（2 项关爱）」), never the rows as people.
 * - 防控物资库存与缺口表 writes 「未消耗」 in 可用天数 where nothing was issued (a blank cell reads as forgotten), and
 *   says under the table how 可用天数 is worked out and that the rule is the office's own.
 * 居家（医学）观察人员名单 keeps its 「共 N 人」. The package is written by export.write on a real encrypted ledger, opened with the office key, and its
 * forms.xlsx and data.json read back.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asWriteDb } from '../../../electron/core/db/types';
import { PART_NAMES, verifyPackage } from '../../../electron/core/io/export/package-format';
import { saveCareRosterTemplate } from './district-templates';
import { bindCases } from '../../helpers/bound-cases';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { PERIOD, seedSmallOffice, ZIP_PASSWORD } from './fixture';

let t: TestLedger;
let out: string;
let workbook: ExcelJS.Workbook;
let data: { forms: Array<{ id: string; rows: Array<Record<string, unknown>> }> };

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'taizhang-form-counts-'));
  t = await openTestLedger();
  seedSmallOffice(t);
  // 李奶奶 (空巢（独居）老年人 since 02-03) is also 分散供养特困人员: one person, two kinds of care, two rows.
  const db = asWriteDb(t.core.services.ledger.handle());
  db.prepare(
    `INSERT INTO cases (resident_id, community_id, grid_id, category, status, opened_on, created_at, updated_at)
     SELECT resident_id, community_id, grid_id, 'extreme_poverty', 'open', '2020-02-05', created_at, updated_at FROM cases WHERE category = 'solitary_elderly'`,
  ).run();
  bindCases(t);
  const items = await t.call('supplies.items.list', {});
  const item = (name: string) => items.find((i) => i.name === name)!.id;
  // 幸福社区 (id 1): 20 thermometers (非接触式体温计) in stock, none ever issued; masks issued, so that row has a figure.
  const receive = (name: string, quantity: number) =>
    t.call('supplies.receive', { storeId: 1, itemId: item(name), day: '2020-02-05', quantity, sourceKind: 'upstream', sourceName: '区卫健委' });
  await receive('非接触式体温计', 20);
  await receive('口罩', 500);
  await t.call('supplies.issue', { storeId: 1, itemId: item('口罩'), day: '2020-02-14', quantity: 70, recipient: '东门卡点' });
  const written = await t.call('export.write', {
    ...PERIOD,
    formIds: ['observation-roster', 'care-ledger', 'supplies-shortage'],
    folder: out,
    password: ZIP_PASSWORD,
  });
  const key = await t.call('export.officeKey', {});
  const pem = /-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/.exec(key.publicKeyFile)![0];
  const v = await verifyPackage(readFileSync(written.path), ZIP_PASSWORD, [{ officeName: '', publicKeyPem: pem, fingerprint: key.fingerprint }]);
  if (!v.ok) throw new Error(v.reason);
  data = JSON.parse(Buffer.from(v.parts.get(PART_NAMES.data)!).toString('utf8')) as typeof data;
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(v.parts.get(PART_NAMES.forms)!).buffer);
});
afterAll(() => {
  t.close();
  rmSync(out, { recursive: true, force: true });
});

describe('重点人群关爱服务台账: how many people it lists', () => {
  it('says 共 1 人（2 项关爱） for one person under two kinds of care, listed as two rows', () => {
    const rows = data.forms.find((f) => f.id === 'care-ledger')!.rows;
    expect(rows.map((r) => [r.name, r.category])).toEqual([
      ['李奶奶', '空巢（独居）老年人'],
      ['李奶奶', '分散供养特困人员'],
    ]);
    const ws = workbook.getWorksheet('重点人群关爱服务')!;
    expect(ws.getCell(2, 1).value).toBe('填报单位：东风街道办事处　　统计期间：2020-02-10 至 2020-02-16　　共 1 人（2 项关爱）');
  });
});

describe('a district template filled from 重点人群关爱服务台账', () => {
  it('says the people in its 合计 row (合计：1 人（2 项关爱）), not the rows as people', async () => {
    // The district's roster shape (序号 | 街道 | 姓名 | 身份证号码 | 联系电话 | 开始 | 结束 | 社区 | 备注, 合计 on row 8).
    const id = await saveCareRosterTemplate(t, out);
    const outPath = join(out, '本周关爱名册.xlsx');
    await t.call('export.templates.fill', { id, ...PERIOD, outPath });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(readFileSync(outPath)).buffer);
    const ws = wb.worksheets[0]!;
    expect([5, 6].map((r) => ws.getCell(r, 9).value)).toEqual(['空巢（独居）老年人', '分散供养特困人员']);
    expect(ws.getCell('A8').value).toBe('合计：1 人（2 项关爱）');
  });
});

describe('居家（医学）观察人员名单: one row a person', () => {
  it('still says 共 1 人 beside the period', () => {
    const ws = workbook.getWorksheet('居家医学观察名单')!;
    expect(ws.getCell(2, 1).value).toBe('填报单位：东风街道办事处　　统计期间：2020-02-10 至 2020-02-16　　共 1 人');
  });
});

describe('防控物资库存与缺口表: 可用天数 where nothing was used', () => {
  it('writes 未消耗 (not a blank) in the cell and in data.json, and keeps figures as numbers', () => {
    const rows = data.forms.find((f) => f.id === 'supplies-shortage')!.rows;
    expect(rows.find((r) => r.item === '非接触式体温计')).toMatchObject({ stock: 20, burn: 0, cover: '未消耗' });
    // 70 issued in the 7 days to 02-16: 10 a day, 430 left = 43 days.
    expect(rows.find((r) => r.item === '口罩')).toMatchObject({ stock: 430, burn: 10, cover: 43 });
    const ws = workbook.getWorksheet('防控物资库存与缺口')!;
    const coverCol = (ws.getRow(3).values as unknown[]).indexOf('可用天数');
    const byItem = new Map([4, 5].map((r) => [String(ws.getCell(r, 2).value), ws.getCell(r, coverCol).value]));
    expect(byItem.get('非接触式体温计')).toBe('未消耗');
    expect(byItem.get('口罩')).toBe(43);
  });

  it('says under the table how 可用天数 is worked out, as the office’s own rule', () => {
    const ws = workbook.getWorksheet('防控物资库存与缺口')!;
    const note = String(ws.getCell(6, 1).value);
    expect(note).toMatch(/^注：可用天数＝期末库存÷日均消耗，日均消耗为截至统计期末近 7 天的出库量÷7/);
    expect(note).toContain('按近 28 天计');
    expect(note).toContain('写「未消耗」');
    expect(note).toContain('本街道的设定');
    // The note sits between the last row and the 填报人 line, across the sheet.
    expect(String(ws.getCell(8, 1).value)).toMatch(/^填报人：/);
  });
});
