/**
 * 补助发放表 as the district's finance office prints it: A4 landscape fitted to the width with the header row on every
 * page, page numbers at the foot, a long 调整原因 wrapped inside its column, and under the table who made it, how to
 * reach them, who checked and signed, and the day it was made (the office's day, not blank).
 */
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { rotaFixture } from './fixture';
import { linesIn } from '../../../electron/core/print-fit';
import { printableScale } from '../../helpers/print-scale';

const WEEK = { from: '2020-02-17', to: '2020-02-23' };

let t: TestLedger;
beforeAll(async () => {
  t = await openTestLedger();
});
afterAll(() => t?.close());

describe('补助发放表 on paper', () => {
  it('prints at A4 with its header repeated, page numbers, wrapped reasons and a dated sign line with a phone', async () => {
    const f = await rotaFixture(t);
    await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: 10000, label: '临时性工作补助' });
    const id = (await t.call('rota.assign', { day: '2020-02-17', postId: f.screening, shiftId: f.shifts.day, staffId: f.workers[0]! })).id;
    t.clock.set('2020-02-18T10:00:00.000Z');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    await t.call('rota.attendance.confirm', { entries: [{ assignmentId: id, status: 'present' as const }] });
    const reason = '2月17日下午因家中老人就医请假半天，经社区书记同意按半天扣减';
    await t.call('rota.allowances.adjust', { staffId: f.workers[0]!, day: '2020-02-17', amountFen: -2000, reason });
    const path = join(mkdtempSync(join(tmpdir(), 'taizhang-pay-')), '补助发放表.xlsx');
    await t.call('rota.allowances.export', { ...WEEK, path });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('补助发放表')!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
    expect(ws.pageSetup.margins).toMatchObject({ left: 0.4, right: 0.4 });
    expect(ws.headerFooter.oddFooter).toBe('第 &P 页，共 &N 页');
    const reasonCell = ws.getCell(4, 13);
    expect(reasonCell.value).toBe(reason);
    expect(reasonCell.alignment).toMatchObject({ wrapText: true });
    // At 90 % or more of full size (179 units printed at 78 %, too small for the finance office's printer), the
    // reason's row as tall as its lines, the headers wrapped inside their columns (「确认出勤天数」 ran into the next).
    const widths = Array.from({ length: 15 }, (_, i) => ws.getColumn(i + 1).width ?? 9);
    expect(printableScale(widths, true, ws.pageSetup.margins!)).toBeGreaterThanOrEqual(0.91);
    expect(ws.getRow(4).height).toBeGreaterThanOrEqual(linesIn(reason, widths[12]!) * 16);
    expect(linesIn(reason, widths[12]!)).toBeGreaterThan(1);
    for (let c = 1; c <= 15; c++) expect(ws.getCell(3, c).alignment, `表头第 ${c} 列`).toMatchObject({ wrapText: true });
    expect(ws.getRow(3).height).toBeGreaterThanOrEqual(32);
    const sign = ws.getRow(ws.rowCount).getCell(1).value;
    expect(String(sign)).toMatch(/填报人：_+　　联系电话：_+　　审核人：_+　　负责人签字：_+　　填报日期：2020-02-18$/);
  });
});

// w66 walk: the finance clerk's reading of the printed sheet. A 下沉干部 sent to no community printed a blank 所属社区
// (the screen says 机动), and every amount printed as a bare 200 or 50 beside 「（元）」 headers: yuan to the fen. The
// total in words (大写) under the 合计 row, as the office's pay sheets carry it.
describe('补助发放表 as the finance clerk reads it', () => {
  let u: TestLedger;
  beforeAll(async () => {
    u = await openTestLedger();
  });
  afterAll(() => u?.close());

  it('names a floating cadre’s 所属社区 and prints every amount to the fen, the 合计 row too', async () => {
    const f = await rotaFixture(u);
    const cadre = (await u.call('rota.staff.save', { name: '钱下沉', kind: 'agency_cadre', agency: '区财政局', phone: '13600000000' })).id;
    await u.call('rota.rates.save', { staffKind: 'agency_cadre', basis: 'shift', amountFen: 5000, label: '值守补助' });
    const id = (await u.call('rota.assign', { day: '2020-02-19', postId: f.screening, shiftId: f.shifts.day, staffId: cadre })).id;
    u.clock.set('2020-02-20T10:00:00.000Z');
    await u.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    await u.call('rota.attendance.confirm', { entries: [{ assignmentId: id, status: 'present' as const }] });
    const path = join(mkdtempSync(join(tmpdir(), 'taizhang-pay-')), '补助发放表.xlsx');
    await u.call('rota.allowances.export', { ...WEEK, path });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('补助发放表')!;
    const rows = Array.from({ length: ws.rowCount - 3 }, (_, i) => ws.getRow(i + 4));
    const line = rows.find((r) => r.getCell(2).value === '钱下沉')!;
    expect(line.getCell(4).value).toBe('（机动）');
    const total = rows.find((r) => r.getCell(1).value === '合计')!;
    for (const r of [line, total]) for (const c of [11, 12, 14]) expect(r.getCell(c).numFmt, `第 ${r.number} 行第 ${c} 列`).toBe('0.00');
    expect(line.getCell(9).numFmt).toBe('0.00');
    // Under the 合计 row, the total in words (one shift at 50 元).
    expect(ws.getRow(total.number + 1).getCell(1).value).toBe('合计金额（大写）：人民币伍拾元整');
  });
});
