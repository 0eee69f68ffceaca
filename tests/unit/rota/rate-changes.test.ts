/**
 * 补助标准 changed mid-month: each day is paid at the standard in force that day (本街道的设置: a coordinator who sets
 * 「执行日期」 03-16 expects the 1st–15th, and February already paid, to stay at the old standard). Before migration 069
 * one standard priced every day: raising it on the 16th repriced the whole of March and February's sheet with it.
 * The expected figures are worked out here by hand, not by the code under test; the pay sheet (xlsx) and the
 * submission's 值守人员及补助统计表 say the same totals as 补助计算.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffAllowancesForm } from '../../../electron/core/io/export/forms/staff-allowances';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { rotaFixture, type RotaFixture } from './fixture';

let t: TestLedger;
let f: RotaFixture;
let worker: number;
let volunteer: number;
const FEB = { from: '2020-02-01', to: '2020-02-29' };
const MARCH = { from: '2020-03-01', to: '2020-03-31' };
/** Weekdays worked, by hand: Mon 24 – Fri 28 February; in March 2–6, 9–13, 16–20. */
const FEB_DAYS = ['2020-02-24', '2020-02-25', '2020-02-26', '2020-02-27', '2020-02-28'];
const MARCH_DAYS = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20].map((d) => `2020-03-${String(d).padStart(2, '0')}`);

beforeAll(async () => {
  t = await openTestLedger({ now: '2020-02-23T02:00:00.000Z' });
  f = await rotaFixture(t);
  worker = f.workers[0]!;
  volunteer = f.volunteer;
  await t.call('rota.rules.save', { minRestDaysPer7: 1, maxConsecutiveDays: 6, minRestHours: 0 });
  const post = (
    await t.call('rota.posts.save', {
      communityId: f.c2,
      name: '和平入户排查组',
      kind: 'screening',
      requirements: [
        { shiftId: f.shifts.day, headcount: 2 },
        { shiftId: f.shifts.evening, headcount: 1 },
      ],
    })
  ).id;
  const screening = f.screening;
  // 100.00 元 a day from the start (no 执行日期: every day); no standard for volunteers yet.
  await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: 10000, label: '临时性工作补助' });
  const ids: number[] = [];
  for (const day of [...FEB_DAYS, ...MARCH_DAYS])
    ids.push((await t.call('rota.assign', { day, postId: screening, shiftId: f.shifts.day, staffId: worker })).id);
  for (const day of ['2020-03-02', '2020-03-09', '2020-03-16', '2020-03-17'])
    ids.push((await t.call('rota.assign', { day, postId: post, shiftId: f.shifts.day, staffId: volunteer })).id);
  ids.push((await t.call('rota.assign', { day: '2020-03-17', postId: post, shiftId: f.shifts.evening, staffId: volunteer })).id);
  // February is confirmed (and paid) on 1 March.
  await admitAt(t, '2020-03-01T02:00:00.000Z');
  const feb = (await t.call('rota.allowances', FEB)).find((r) => r.staffId === worker)!;
  expect(feb).toMatchObject({ days: 0, unconfirmedShifts: 5 });
  for (const day of FEB_DAYS)
    await t.call('rota.attendance.confirm', {
      entries: (await t.call('rota.attendance.list', { day })).rows.map((r) => ({ assignmentId: r.assignmentId, status: 'present' as const })),
    });
  // On 16 March the office raises the workers' standard to 120.00 元 a day and starts paying volunteers 12.50 元 a shift,
  // both from that day.
  await admitAt(t, '2020-03-16T02:00:00.000Z');
  await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: 12000, label: '临时性工作补助', from: '2020-03-16' });
  await t.call('rota.rates.save', { staffKind: 'volunteer', basis: 'shift', amountFen: 1250, label: '志愿者补贴', from: '2020-03-16' });
  await admitAt(t, '2020-03-21T02:00:00.000Z');
  for (const day of MARCH_DAYS)
    await t.call('rota.attendance.confirm', {
      entries: (await t.call('rota.attendance.list', { day })).rows.map((r) => ({ assignmentId: r.assignmentId, status: 'present' as const })),
    });
  expect(ids).toHaveLength(FEB_DAYS.length + MARCH_DAYS.length + 5);
});
afterAll(() => t?.close());

const rowOf = async (period: { from: string; to: string }, staffId: number) => (await t.call('rota.allowances', period)).find((r) => r.staffId === staffId)!;

describe('补助标准 changed from a day on (执行日期)', () => {
  it('pays the days before the change at the old standard, and leaves February as it was paid', async () => {
    // February: 5 days × 100.00 元 = 500.00 元 (was 600.00: the March standard repriced it).
    expect(await rowOf(FEB, worker)).toMatchObject({ days: 5, baseFen: 50000, totalFen: 50000, rateFen: 10000, label: '临时性工作补助' });
    // March: 2–13 is 10 days × 100.00 + 16–20 is 5 days × 120.00 = 1,000.00 + 600.00 = 1,600.00 元 (was 15 × 120.00).
    const march = await rowOf(MARCH, worker);
    expect(march).toMatchObject({ days: 15, shifts: 15, baseFen: 160000, totalFen: 160000, rateFen: 12000 });
    expect(march.standards).toEqual([
      { from: '2020-03-01', to: '2020-03-15', label: '临时性工作补助', basis: 'day', amountFen: 10000, days: 10, shifts: 10, baseFen: 100000 },
      { from: '2020-03-16', to: '2020-03-31', label: '临时性工作补助', basis: 'day', amountFen: 12000, days: 5, shifts: 5, baseFen: 60000 },
    ]);
    // A week wholly before the change: one standard, the old one.
    expect(await rowOf({ from: '2020-03-09', to: '2020-03-15' }, worker)).toMatchObject({ days: 5, baseFen: 50000, rateFen: 10000 });
    expect((await rowOf({ from: '2020-03-09', to: '2020-03-15' }, worker)).standards).toHaveLength(1);
  });

  it('pays nothing for days before a kind had any standard', async () => {
    // 03-02 and 03-09 had no 志愿者补贴; 03-16 one shift and 03-17 two: 3 × 12.50 元 = 37.50 元 (was 5 × 12.50 = 62.50).
    const v = await rowOf(MARCH, volunteer);
    expect(v).toMatchObject({ shifts: 5, days: 4, baseFen: 3750, totalFen: 3750, label: '志愿者补贴', basis: 'shift', rateFen: 1250 });
    expect(v.standards.map((s) => [s.from, s.to, s.basis, s.shifts, s.baseFen])).toEqual([
      ['2020-03-01', '2020-03-15', null, 2, 0],
      ['2020-03-16', '2020-03-31', 'shift', 3, 3750],
    ]);
  });

  it('says each standard with its days on the pay sheet and the district form, whose totals agree with 补助计算', async () => {
    const rows = await t.call('rota.allowances', MARCH);
    const total = rows.reduce((n, r) => n + r.totalFen, 0);
    expect(total).toBe(160000 + 3750);
    const path = join(mkdtempSync(join(tmpdir(), 'taizhang-pay-')), '补助发放表.xlsx');
    expect(await t.call('rota.allowances.export', { ...MARCH, path })).toMatchObject({ totalFen: total });
    const ws = (await new ExcelJS.Workbook().xlsx.readFile(path)).getWorksheet('补助发放表')!;
    const line = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(2).value === '张伟')!;
    expect(line.getCell(9).value).toBe('2020-03-01至2020-03-15 100 元/天；2020-03-16至2020-03-31 120 元/天');
    expect(line.getCell(11).value).toBe(1600);
    const sum = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(1).value === '合计')!;
    expect([sum.getCell(1).value, sum.getCell(11).value, sum.getCell(14).value]).toEqual(['合计', 1637.5, 1637.5]);
    const form = staffAllowancesForm.read(t.core.services.ledger.handle(), { ...MARCH, today: '2020-03-21' }, t.core.services.ledger.sealer());
    const named = (name: string) => form.find((r) => r['name'] === name)!;
    expect(named('张伟')['rate']).toBe('2020-03-01至2020-03-15 100 元/天；2020-03-16至2020-03-31 120 元/天');
    expect(named('孙志愿')['rate']).toBe('2020-03-01至2020-03-15 未设补助标准；2020-03-16至2020-03-31 12.5 元/班');
    expect(form.find((r) => r['community'] === '合计')).toMatchObject({ name: '2 人', total: 1637.5 });
  });

  it('lists the standards replaced, and a change dated earlier still keeps the days before it', async () => {
    const view = await t.call('rota.rates.list', {});
    expect(view.rates.find((r) => r.staffKind === 'community_worker')).toMatchObject({ amountFen: 12000, since: '2020-03-16' });
    expect(view.earlier).toEqual([
      {
        staffKind: 'community_worker',
        until: '2020-03-15',
        rate: { staffKind: 'community_worker', basis: 'day', amountFen: 10000, label: '临时性工作补助' },
        inForceToday: false,
      },
      { staffKind: 'volunteer', until: '2020-03-15', rate: null, inForceToday: false },
    ]);
    // 110.00 from 03-10 after all: 2–6 and 9 at 100.00 (6 days), 10–13 and 16–20 at 110.00 (9 days) = 600 + 990 元.
    await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: 11000, label: '临时性工作补助', from: '2020-03-10' });
    expect(await rowOf(MARCH, worker)).toMatchObject({ days: 15, baseFen: 159000 });
    expect(await rowOf(FEB, worker)).toMatchObject({ baseFen: 50000 });
    // A correction (no 执行日期) is the standard of every day: February too, 5 × 105.00 元.
    await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: 10500, label: '临时性工作补助' });
    expect(await rowOf(FEB, worker)).toMatchObject({ baseFen: 52500 });
    expect(await rowOf(MARCH, worker)).toMatchObject({ baseFen: 15 * 10500, standards: [expect.objectContaining({ from: '2020-03-01', to: '2020-03-31' })] });
    expect((await t.call('rota.rates.list', {})).earlier.map((e) => e.staffKind)).toEqual(['volunteer']);
  });
});
