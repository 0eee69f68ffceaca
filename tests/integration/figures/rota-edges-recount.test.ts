/**
 * 排班 at the edges of a period, on a small office this test makes: someone added mid-week, someone put on leave
 * after the rota was made, someone who left (不在岗) before the week ended. Every figure is counted again here from
 * the rows (plain SQL on staff, rota_assignments, rota_attendance, staff_leave) and compared with the calendar, the
 * printed roster, 补助计算, the pay sheet (补助发放表 xlsx) and the submission's 值守人员及补助统计表.
 *
 * The office's choices (本街道的设置): 自动排班 plans today on and leaves the days before today as they were planned
 * (session 40); it plans nobody on a day before the day their record was added; a shift placed by hand on an earlier
 * day is the coordinator recording work done before the record was made, and is paid.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDay } from '../../../electron/core/dates.shared';
import { staffAllowancesForm } from '../../../electron/core/io/export/forms/staff-allowances';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';

const WEEK = { from: '2020-02-17', to: '2020-02-23' };
const DAY_FEN = 10000;

let t: TestLedger;
let out: string;
let c: number;
let post: number;
let dayShift: number;
const who: Record<'zhang' | 'li' | 'wang' | 'zhao', number> = { zhang: 0, li: 0, wang: 0, zhao: 0 };
type Report = { pastDays: number; unfilled: Array<{ day: string; missing: number; reasons: Array<{ reason: string; examples: string[] }> }> };
let first: Report;
let generated: Report;

const db = () => t.core.services.ledger.handle();
const rows = <T>(sql: string, params: Record<string, unknown> = {}): T[] => db().prepare(sql).all(params) as T[];

beforeAll(async () => {
  // Monday 17 February, 09:00 in Beijing: three community workers are on the ledger.
  t = await openTestLedger();
  out = mkdtempSync(join(tmpdir(), 'taizhang-edges-'));
  c = (await t.call('org.communities.save', { name: '新华社区' })).id;
  dayShift = (await t.call('rota.shifts.list', {}))[0]!.id;
  post = (
    await t.call('rota.posts.save', {
      communityId: c,
      name: '东门卡点',
      kind: 'checkpoint',
      location: '新华小区东门',
      requirements: [{ shiftId: dayShift, headcount: 3 }],
    })
  ).id;
  for (const [key, name] of [
    ['zhang', '张建国'],
    ['li', '李秀英'],
    ['wang', '王桂兰'],
  ] as const)
    who[key] = (await t.call('rota.staff.save', { name, kind: 'community_worker', communityId: c })).id;
  await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: DAY_FEN, label: '临时性工作补助' });
  await t.call('rota.leave.add', { staffId: who.zhang, from: '2020-02-17', to: '2020-02-17', reason: '事假' });
  // The coordinator plans the week that morning.
  first = await t.call('rota.generate', WEEK);

  // Wednesday the 19th: 赵志强 joins and is entered; he had already stood the 18th, which the coordinator enters by hand.
  await admitAt(t, '2020-02-19T02:00:00.000Z');
  who.zhao = (await t.call('rota.staff.save', { name: '赵志强', kind: 'community_worker', communityId: c })).id;
  await t.call('rota.assign', { day: '2020-02-18', postId: post, shiftId: dayShift, staffId: who.zhao });
  // The coordinator runs 自动排班 on the whole week again; then 王桂兰 asks for the 20th and 21st off.
  generated = await t.call('rota.generate', WEEK);
  await t.call('rota.leave.add', { staffId: who.wang, from: '2020-02-20', to: '2020-02-21', reason: '病假' });

  // Monday the 24th: 李秀英 left on Saturday the 22nd (recorded late), then the week's attendance is confirmed.
  await admitAt(t, '2020-02-24T02:00:00.000Z');
  await t.call('rota.staff.save', { id: who.li, name: '李秀英', kind: 'community_worker', communityId: c, status: 'inactive', inactiveFrom: '2020-02-22' });
  for (const day of eachDay(WEEK.from, WEEK.to)) await t.call('rota.attendance.confirmDay', { day, communityId: c });
}, 120_000);
afterAll(() => {
  t?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

/** What a coordinator expects paid: each person's days on the rota that they could work, as the rows say. */
const expectedDays = (staffId: number): string[] => {
  const planned = rows<{ day: string }>(`SELECT DISTINCT day FROM rota_assignments WHERE staff_id = @staffId AND day BETWEEN @from AND @to ORDER BY day`, {
    staffId,
    ...WEEK,
  }).map((r) => r.day);
  const leave = new Set(
    rows<{ a: string; b: string }>(`SELECT from_day AS a, to_day AS b FROM staff_leave WHERE staff_id = @staffId`, { staffId }).flatMap((l) =>
      eachDay(l.a, l.b),
    ),
  );
  const left = (rows<{ d: string | null }>(`SELECT inactive_from AS d FROM staff WHERE id = @staffId`, { staffId })[0]?.d ?? null) as string | null;
  return planned.filter((d) => !leave.has(d) && (left === null || d < left));
};

describe('排班 at the edges of the week, recounted from the rows', () => {
  it('自动排班 run again on Wednesday keeps Monday and Tuesday as planned, and puts nobody on a day before their record was added', () => {
    const zhao = rows<{ day: string; source: string }>(`SELECT day, source FROM rota_assignments WHERE staff_id = @id ORDER BY day`, { id: who.zhao });
    // The 18th is the one he stood and the coordinator entered by hand; the generator placed him from the 19th only.
    expect(zhao.filter((r) => r.day < '2020-02-19')).toEqual([{ day: '2020-02-18', source: 'manual' }]);
    expect(zhao.filter((r) => r.source === 'auto').length).toBeGreaterThan(0);
    // The 17th needs three; of the three on the ledger on Monday 张建国 was on leave: two stand it, one position stays
    // open, and Wednesday's run leaves the 17th and 18th as Monday planned them (it says so).
    const on17 = rows<{ s: number }>(`SELECT staff_id AS s FROM rota_assignments WHERE day = '2020-02-17' ORDER BY staff_id`).map((r) => r.s);
    expect(on17).toEqual([who.li, who.wang].sort((x, y) => x - y));
    const open17 = first.unfilled.find((x) => x.day === '2020-02-17');
    expect(open17?.missing).toBe(1);
    expect(open17?.reasons.find((r) => r.examples.includes('张建国'))?.reason).toMatch(/请假/);
    const on18 = rows<{ s: number }>(`SELECT staff_id AS s FROM rota_assignments WHERE day = '2020-02-18' AND source = 'auto' ORDER BY staff_id`);
    expect(on18.map((r) => r.s)).toEqual([who.zhang, who.li, who.wang].sort((x, y) => x - y));
    expect(generated.pastDays).toBe(2);
    expect(generated.unfilled.filter((x) => x.day < '2020-02-19')).toEqual([]);
  });

  it('shows on the calendar and prints on the roster exactly the week’s shifts, 请假 and 不在岗 beside the name and not filling a post', async () => {
    const cal = await t.call('rota.calendar', WEEK);
    const all = rows<{ id: number; day: string; staff: number }>(
      `SELECT id, day, staff_id AS staff FROM rota_assignments WHERE day BETWEEN @from AND @to`,
      WEEK,
    );
    expect(cal.assignments.map((a) => a.id).sort((x, y) => x - y)).toEqual(all.map((a) => a.id).sort((x, y) => x - y));
    const roster = await t.call('rota.roster', WEEK);
    const cells = roster.communities.find((x) => x.communityId === c)!.posts.find((p) => p.id === post)!.cells;
    const names = new Map(rows<{ id: number; name: string }>(`SELECT id, name FROM staff`).map((s) => [s.id, s.name]));
    for (const day of eachDay(WEEK.from, WEEK.to)) {
      const here = all.filter((a) => a.day === day);
      const cell = cells[`${day}|${dayShift}`] ?? { names: [], missing: 3 };
      expect(cell.names.map((n) => n.name).sort(), day).toEqual(here.map((a) => names.get(a.staff)!).sort());
      const away = (id: number) =>
        id === who.wang && day >= '2020-02-20' && day <= '2020-02-21' ? '请假' : id === who.li && day >= '2020-02-22' ? '不在岗' : null;
      for (const a of here) expect(cell.names.find((n) => n.name === names.get(a.staff))!.away, `${day} ${names.get(a.staff)}`).toBe(away(a.staff));
      const able = here.filter((a) => away(a.staff) === null).length;
      expect(cell.missing, `${day} 缺`).toBe(Math.max(0, 3 - able));
      expect(cal.open.find((o) => o.day === day)?.missing ?? 0, `${day} 日历上的空缺`).toBe(Math.max(0, 3 - able));
    }
  });

  it('pays each person the days they could work, at 100 元 a day, on screen, on the pay sheet and on the form, and the totals are the rows summed', async () => {
    const paid = rows<{ staff: number; n: number }>(
      `SELECT staff_id AS staff, count(DISTINCT day) AS n FROM rota_attendance WHERE status = 'present' AND day BETWEEN @from AND @to GROUP BY staff_id`,
      WEEK,
    );
    const screen = await t.call('rota.allowances', WEEK);
    let sum = 0;
    for (const [key, id] of Object.entries(who)) {
      const want = expectedDays(id);
      expect(paid.find((p) => p.staff === id)?.n ?? 0, `${key} 出勤天数（记录）`).toBe(want.length);
      const row = screen.find((r) => r.staffId === id)!;
      expect([row.days, row.totalFen], key).toEqual([want.length, want.length * DAY_FEN]);
      sum += want.length * DAY_FEN;
    }
    // The edges themselves: 赵志强 from the 18th (entered by hand), 王桂兰 not the 20th–21st, 李秀英 not after the 21st.
    expect(expectedDays(who.zhao)[0]).toBe('2020-02-18');
    expect(expectedDays(who.wang).filter((d) => d === '2020-02-20' || d === '2020-02-21')).toEqual([]);
    expect(expectedDays(who.li).every((d) => d < '2020-02-22')).toBe(true);
    const wang = screen.find((r) => r.staffId === who.wang)!;
    const leaveShifts = rows(`SELECT 1 FROM rota_assignments WHERE staff_id = @id AND day BETWEEN '2020-02-20' AND '2020-02-21'`, { id: who.wang }).length;
    expect(wang.flaggedShifts).toBe(leaveShifts);
    expect(screen.reduce((n, r) => n + r.totalFen, 0)).toBe(sum);

    const path = join(out, '补助发放表.xlsx');
    const exported = await t.call('rota.allowances.export', { ...WEEK, path });
    expect(exported.totalFen).toBe(sum);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('补助发放表')!;
    const header = ws.getRow(3).values as unknown[];
    const col = (title: string) => header.indexOf(title);
    let sheetRows = 0;
    let sheetSum = 0;
    let totalRow: ExcelJS.Row | undefined;
    ws.eachRow((r, n) => {
      if (n <= 3) return;
      if (r.getCell(1).value === '合计') totalRow = r;
      else if (typeof r.getCell(1).value === 'number') {
        const id = Object.entries(who).find(([, i]) => screen.find((s) => s.staffId === i)?.name === r.getCell(col('姓名')).value)![1];
        expect(r.getCell(col('确认出勤天数')).value, String(r.getCell(col('姓名')).value)).toBe(expectedDays(id).length);
        expect(r.getCell(col('实发（元）')).value).toBe((expectedDays(id).length * DAY_FEN) / 100);
        sheetSum += Number(r.getCell(col('实发（元）')).value);
        sheetRows++;
      }
    });
    expect(sheetRows).toBe(4);
    expect(totalRow?.getCell(col('实发（元）')).value).toBe(sheetSum);
    expect(sheetSum).toBe(sum / 100);

    const form = staffAllowancesForm.read(db(), { ...WEEK, today: '2020-02-24' }, null);
    const total = form.at(-1)!;
    const body = form.slice(0, -1);
    const numeric = Object.keys(total).filter((k) => typeof total[k] === 'number');
    expect(numeric.length).toBeGreaterThan(0);
    for (const k of numeric) expect(total[k], k).toBe(body.reduce((n, r) => n + Number(r[k] ?? 0), 0));
  });
});
