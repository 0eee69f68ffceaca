/**
 * 排班 on the demo street office, counted again from the ledger's rows by a stranger: plain SQL on rota_assignments,
 * rota_attendance, staff, staff_leave and the 补助标准 tables, and arithmetic here, never the app's rota modules. Each
 * figure is compared with what the screens' channels say: the rest rules on every person's calendar (rota.calendar),
 * the printed roster (rota.roster), 补助计算 (rota.allowances) and the submission's 值守人员及补助统计表.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { ReadDb } from '../../../electron/core/db/types';
import type { Roster } from '../../../electron/core/rota/report-types.shared';
import type { AllowanceRow, Calendar } from '../../../electron/core/rota/types.shared';
import { DEMO_USERS } from '../../../electron/core/demo/build-demo';
import { addDays, eachDay } from '../../../electron/core/dates.shared';
import { staffAllowancesForm } from '../../../electron/core/io/export/forms/staff-allowances';
import { demoOfficeInTempDir } from '../../helpers/demo-office';

let dir: string;
let core: Core;
let db: ReadDb;
let today: string;
/** The demo's rota: this week and next, Monday to Sunday fortnight. */
let from: string;
let to: string;

const call = async <T>(channel: string, input: unknown): Promise<T> => {
  const r = await core.call('admin', channel as never, input as never);
  if (r.ok !== true) throw new Error(`${channel}: ${JSON.stringify(r)}`);
  return r.value as T;
};

beforeAll(async () => {
  ({ dir, core } = await demoOfficeInTempDir('taizhang-rota-recount-', 300));
  const unlock = await core.call('admin', 'auth.unlock', { username: 'admin', password: DEMO_USERS[0].password });
  expect(unlock.ok).toBe(true);
  db = core.services.ledger.handle();
  today = core.services.clock.today();
  const span = db.prepare(`SELECT min(day) AS a, max(day) AS b FROM rota_assignments`).get() as { a: string; b: string };
  from = span.a;
  to = span.b;
}, 300_000);
afterAll(() => {
  core?.close?.();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Shift {
  id: number;
  day: string;
  post: number;
  shift: number;
  staff: number;
  override: string | null;
}
const shifts = (): Shift[] =>
  db
    .prepare(`SELECT id, day, post_id AS post, shift_id AS shift, staff_id AS staff, override_reason AS override FROM rota_assignments ORDER BY day, id`)
    .all() as Shift[];
const rule = (key: string, fallback: number): number => {
  const row = db.prepare(`SELECT value FROM settings WHERE key = @key`).get({ key }) as { value: string } | undefined;
  return row ? Number(row.value) : fallback;
};
const onLeave = (staff: number, day: string): boolean =>
  db.prepare(`SELECT 1 FROM staff_leave WHERE staff_id = @staff AND @day BETWEEN from_day AND to_day`).get({ staff, day }) !== undefined;

describe('排班 on the demo office, recounted from the rows', () => {
  it('has a fortnight to count, around today', () => {
    expect(shifts().length).toBeGreaterThan(200);
    expect(from <= today && today <= to).toBe(true);
    expect(eachDay(from, to)).toHaveLength(14);
  });

  it('gives everyone the rest days and no longer runs than the office set (本街道的设置), and the calendar marks none', async () => {
    const restPer7 = rule('rota.minRestDaysPer7', 1);
    const maxRun = rule('rota.maxConsecutiveDays', 6);
    const worked = new Map<number, Set<string>>();
    for (const s of shifts()) worked.set(s.staff, (worked.get(s.staff) ?? new Set()).add(s.day));
    const days = eachDay(addDays(from, -7), addDays(to, 7));
    let people = 0;
    for (const [staff, set] of worked) {
      people++;
      let run = 0;
      for (const d of days) {
        run = set.has(d) ? run + 1 : 0;
        expect(run, `人员 ${staff} 连续上班到 ${d}`).toBeLessThanOrEqual(maxRun);
      }
      for (let i = 0; i + 7 <= days.length; i++) {
        const week = days.slice(i, i + 7);
        const rest = week.filter((d) => !set.has(d)).length;
        expect(rest, `人员 ${staff} ${week[0]} 起 7 天`).toBeGreaterThanOrEqual(restPer7);
      }
    }
    expect(people).toBeGreaterThan(50);
    const cal = await call<Calendar>('rota.calendar', { from, to });
    expect(cal.assignments).toHaveLength(shifts().length);
    expect(cal.assignments.filter((a) => a.problems.length > 0)).toEqual([]);
  });

  it('puts no doctor or nurse on a 卡口 without a recorded reason, and nobody on a day of leave', () => {
    const medicalAtCheckpoints = db
      .prepare(
        `SELECT count(*) AS n FROM rota_assignments a JOIN staff s ON s.id = a.staff_id JOIN rota_posts p ON p.id = a.post_id
         WHERE p.kind = 'checkpoint' AND (s.is_medical = 1 OR s.kind = 'medical') AND a.override_reason IS NULL`,
      )
      .get() as { n: number };
    expect(medicalAtCheckpoints.n).toBe(0);
    const medical = db.prepare(`SELECT count(*) AS n FROM staff WHERE is_medical = 1 OR kind = 'medical'`).get() as { n: number };
    expect(medical.n, 'the demo has medical staff to keep off the checkpoints').toBeGreaterThan(0);
    expect(shifts().filter((s) => onLeave(s.staff, s.day))).toEqual([]);
  });

  /** The printed roster for the week from today, recounted cell by cell from the assignments, leave and demand. */
  const recountRoster = async () => {
    const roster = await call<Roster>('rota.roster', { from: today, to: addDays(today, 6) });
    const demand = db
      .prepare(
        `SELECT r.post_id AS post, r.shift_id AS shift, r.headcount AS n, r.weekdays AS w FROM rota_post_shifts r JOIN rota_posts p ON p.id = r.post_id WHERE p.active = 1`,
      )
      .all() as Array<{ post: number; shift: number; n: number; w: string }>;
    const names = db.prepare(`SELECT id, name FROM staff`).all() as Array<{ id: number; name: string }>;
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const week = shifts().filter((s) => s.day >= today && s.day <= addDays(today, 6));
    let printed = 0;
    let gaps = 0;
    for (const c of roster.communities)
      for (const p of c.posts)
        for (const d of c.days)
          for (const s of c.shifts) {
            const here = week.filter((x) => x.post === p.id && x.day === d && x.shift === s.id);
            const cell = p.cells[`${d}|${s.id}`];
            expect((cell?.names ?? []).map((n) => n.name).sort(), `${p.name} ${d}`).toEqual(here.map((x) => nameOf.get(x.staff)).sort());
            const weekday = (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7;
            const need = demand.filter((r) => r.post === p.id && r.shift === s.id && r.w[weekday] === '1').reduce((n, r) => n + r.n, 0);
            const able = here.filter((x) => !onLeave(x.staff, x.day)).length;
            expect(cell?.missing ?? 0, `${p.name} ${d} 缺`).toBe(Math.max(0, need - able));
            gaps += Math.max(0, need - able);
            printed += here.length;
          }
    expect(printed).toBe(week.length);
    expect(roster.people).toBe(new Set(week.map((x) => x.staff)).size);
    // 工作台's 「7 天内缺岗」: the same week's open positions, counted here cell by cell.
    const dash = await call<{ rota: { unfilledNext7: number } | null }>('dashboard.summary', {});
    expect(dash.rota?.unfilledNext7).toBe(gaps);
    return roster;
  };

  it('prints on the A4 roster every shift the calendar holds, and 「缺 N 人」 = headcount less those who can work it', async () => {
    await recountRoster();
  });

  it('prints 「缺 1 人」 where the person on duty has since gone on leave, as the calendar counts the position open', async () => {
    const tomorrow = addDays(today, 1);
    const one = shifts().find((s) => s.day === tomorrow)!;
    await call('rota.leave.add', { staffId: one.staff, from: tomorrow, to: tomorrow, reason: '病假' });
    const roster = await recountRoster();
    const cal = await call<Calendar>('rota.calendar', { from: tomorrow, to: tomorrow });
    const open = cal.open.find((o) => o.postId === one.post && o.shiftId === one.shift && o.day === tomorrow);
    const cell = roster.communities.flatMap((c) => c.posts).find((p) => p.id === one.post)!.cells[`${tomorrow}|${one.shift}`]!;
    expect(open?.missing ?? 0).toBeGreaterThan(0);
    expect(cell.missing).toBe(open!.missing);
    const name = (db.prepare(`SELECT name FROM staff WHERE id = @id`).get({ id: one.staff }) as { name: string }).name;
    expect(cell.names.find((n) => n.name === name)?.away, '印在表上，注明请假').toBe('请假');
  });

  it('pays each person the confirmed days at the standard in force each day, changed mid-period, and the sums agree', async () => {
    // The office's standards: 120 元 a day to the day before today, 150 元 from today; volunteers 30 元 a shift.
    await call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: 12000, label: '临时性工作补助' });
    await call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: 15000, label: '临时性工作补助', from: today });
    await call('rota.rates.save', { staffKind: 'volunteer', basis: 'shift', amountFen: 3000, label: '补贴' });
    // Today's shifts confirmed too, so the period holds days at both standards.
    const todays = db
      .prepare(`SELECT DISTINCT p.community_id AS c FROM rota_assignments a JOIN rota_posts p ON p.id = a.post_id WHERE a.day = @today`)
      .all({ today }) as Array<{ c: number }>;
    for (const { c } of todays) await call('rota.attendance.confirmDay', { day: today, communityId: c });
    const rows = await call<AllowanceRow[]>('rota.allowances', { from, to });

    const worked = db
      .prepare(
        `SELECT t.staff_id AS staff, t.day, s.kind FROM rota_attendance t JOIN staff s ON s.id = t.staff_id WHERE t.status = 'present' AND t.day BETWEEN @from AND @to`,
      )
      .all({ from, to }) as Array<{ staff: number; day: string; kind: string }>;
    expect(worked.some((w) => w.day === today) && worked.some((w) => w.day < today)).toBe(true);
    const fen = (kind: string, day: string): { basis: string; fen: number } | null => {
      if (kind === 'community_worker') return { basis: 'day', fen: day < today ? 12000 : 15000 };
      if (kind === 'volunteer') return { basis: 'shift', fen: 3000 };
      return null;
    };
    const want = new Map<number, { days: number; shifts: number; fen: number }>();
    const seen = new Set<string>();
    for (const w of worked) {
      const r = want.get(w.staff) ?? { days: 0, shifts: 0, fen: 0 };
      const first = !seen.has(`${w.staff}|${w.day}`);
      seen.add(`${w.staff}|${w.day}`);
      if (first) r.days++;
      r.shifts++;
      const rate = fen(w.kind, w.day);
      if (rate && (rate.basis === 'shift' || first)) r.fen += rate.fen;
      want.set(w.staff, r);
    }
    expect([...want.values()].some((w) => w.fen > 0)).toBe(true);
    for (const row of rows) {
      const w = want.get(row.staffId) ?? { days: 0, shifts: 0, fen: 0 };
      expect({ days: row.days, shifts: row.shifts, total: row.totalFen }, row.name).toEqual({ days: w.days, shifts: w.shifts, total: w.fen });
      expect(row.standards.reduce((n, s) => n + s.baseFen, 0)).toBe(row.baseFen);
    }
    expect(new Set(rows.filter((r) => r.shifts > 0).map((r) => r.staffId))).toEqual(new Set(want.keys()));

    // 值守人员及补助统计表 for the same period: a row per person with the screen's figures, and 合计 = the rows summed.
    const form = staffAllowancesForm.read(db, { from, to, today }, core.services.ledger.sealer());
    const total = form.at(-1)!;
    const body = form.slice(0, -1);
    expect(body).toHaveLength(rows.length);
    const sumFen = rows.reduce((n, r) => n + r.totalFen, 0);
    expect(total['community']).toBe('合计');
    for (const k of ['planned', 'days', 'shifts', 'base', 'total'])
      expect(Math.round(Number(total[k]) * 100), k).toBe(Math.round(body.reduce((n, r) => n + Number(r[k]), 0) * 100));
    expect(Math.round(Number(total['total']) * 100)).toBe(sumFen);
    for (const r of rows)
      expect(
        body.some((b) => b['name'] === r.name && Math.round(Number(b['total']) * 100) === r.totalFen),
        r.name,
      ).toBe(true);
    expect(sumFen).toBe([...want.values()].reduce((n, w) => n + w.fen, 0));
  });
});
