/**
 * 轮休 when the posts need more than the staff can give. The notice asks only 「合理安排社区工作者轮休」 (and 「合理安排
 * 参与社区防控工作人员轮休」); the rest days per 7 are the office's setting. What a coordinator expects of a fair rotation
 * (本街道的设置): the rest days are staggered, so the gaps a shortage leaves are spread over the week instead of leaving a
 * post empty on one day, and the weekend rest goes round instead of everyone resting on Sunday. Counted here from the
 * rows with plain SQL and compared with the calendar's and the printed roster's 「缺 N 人」.
 */
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../../electron/core/demo/build-demo';
import { demoOfficeInTempDir } from '../../helpers/demo-office';
import { addDays, eachDay } from '../../../electron/core/dates.shared';
import type { Roster } from '../../../electron/core/rota/report-types.shared';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

const FROM = '2020-02-17'; // a Monday, today in the test's clock
const WEEKS = 4;
const TO = addDays(FROM, WEEKS * 7 - 1);
const WEEKDAY = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

describe('轮休 when demand exceeds staff', () => {
  let t: TestLedger;
  let c: number;
  let staff: number[];
  let posts: number[];
  const db = () => t.core.services.ledger.handle();
  const weekdayOf = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

  beforeEach(async () => {
    t = await openTestLedger();
    c = (await t.call('org.communities.save', { name: '新华社区' })).id;
    const [early, late, night] = (await t.call('rota.shifts.list', {})).map((s) => s.id) as [number, number, number];
    posts = [
      (
        await t.call('rota.posts.save', {
          communityId: c,
          name: '东门卡点',
          kind: 'checkpoint',
          location: '新华小区东门',
          requirements: [
            { shiftId: early, headcount: 1 },
            { shiftId: late, headcount: 1 },
            { shiftId: night, headcount: 1 },
          ],
        })
      ).id,
      (await t.call('rota.posts.save', { communityId: c, name: '入户排查组', kind: 'screening', requirements: [{ shiftId: early, headcount: 2 }] })).id,
    ];
    staff = [];
    for (const name of ['张建国', '李秀英', '王桂兰', '赵志强', '陈丽'])
      staff.push((await t.call('rota.staff.save', { name, kind: 'community_worker', communityId: c })).id);
  });
  afterEach(() => t.close());

  it('staggers the rest days and spreads the gaps over the week', async () => {
    for (let w = 0; w < WEEKS; w++) await t.call('rota.generate', { from: addDays(FROM, 7 * w), to: addDays(FROM, 7 * w + 6) });
    const rows = db().prepare(`SELECT day, staff_id AS s FROM rota_assignments WHERE day BETWEEN @from AND @to`).all({ from: FROM, to: TO }) as Array<{
      day: string;
      s: number;
    }>;
    const days = eachDay(FROM, TO);
    // 5 positions a day; 5 people, one shift a day each (an early after a night breaks the 11 hours), 6 days in 7.
    const demand = 5;
    const worked = new Map(staff.map((s) => [s, new Set(rows.filter((r) => r.s === s).map((r) => r.day))]));
    const gapsByWeekday = new Array<number>(7).fill(0);
    for (const d of days) gapsByWeekday[weekdayOf(d)]! += demand - rows.filter((r) => r.day === d).length;
    const restByWeekday = staff.map((s) => {
      const out = new Array<number>(7).fill(0);
      for (const d of days) if (!worked.get(s)!.has(d)) out[weekdayOf(d)]!++;
      return out;
    });
    const total = gapsByWeekday.reduce((a, b) => a + b, 0);
    console.log('gaps by weekday', gapsByWeekday.map((g, i) => `${WEEKDAY[i]} ${g}`).join('，'), 'total', total);
    for (const [i, r] of restByWeekday.entries()) console.log('rest', staff[i], r.join(' '));

    // Every shortage is real: nobody could have stood one more day.
    expect(total).toBe(days.length * demand - [...worked.values()].reduce((n, set) => n + set.size, 0));
    // Spread: no weekday carries more than its share of the gaps and one more week's worth.
    expect(Math.max(...gapsByWeekday)).toBeLessThanOrEqual(Math.ceil(total / 7) + 1);
    // Staggered: in each week the five rest on five different days, and everyone rests as often as the others.
    for (let w = 0; w < WEEKS; w++) {
      const week = eachDay(addDays(FROM, 7 * w), addDays(FROM, 7 * w + 6));
      const restDays = staff.map((s) => week.filter((d) => !worked.get(s)!.has(d)));
      expect(new Set(restDays.flat()).size, `第 ${w + 1} 周`).toBe(staff.length);
    }
    const rests = restByWeekday.map((r) => r.reduce((a, b) => a + b, 0));
    expect(Math.max(...rests) - Math.min(...rests)).toBeLessThanOrEqual(1);
    // The calendar's and the printed roster's 「缺 N 人」 are the same gaps, day by day.
    const cal = await t.call('rota.calendar', { from: FROM, to: TO });
    const roster = (await t.call('rota.roster', { from: FROM, to: TO })) as Roster;
    for (const d of days) {
      const mine = demand - rows.filter((r) => r.day === d).length;
      expect(
        cal.open.filter((o) => o.day === d).reduce((n, o) => n + o.missing, 0),
        `${d} 日历`,
      ).toBe(mine);
      const cells = roster.communities.flatMap((x) =>
        x.posts.flatMap((p) =>
          Object.entries(p.cells)
            .filter(([k]) => k.startsWith(d))
            .map(([, c]) => c.missing),
        ),
      );
      expect(
        cells.reduce((n, m) => n + m, 0),
        `${d} 轮班表`,
      ).toBe(mine);
    }
    // No post is left with nobody on a whole day.
    const onPost = db().prepare(`SELECT count(*) AS n FROM rota_assignments WHERE day = @d AND post_id = @p`);
    for (const d of days) for (const p of posts) expect((onPost.get({ d, p }) as { n: number }).n, `${d} 岗位 ${p}`).toBeGreaterThan(0);
  });
});

describe('轮休 on the demo office', () => {
  it('measures rest days by weekday and the gaps, recounted from the rows, and the calendar and roster say the same gaps', async () => {
    const { dir, core } = await demoOfficeInTempDir('taizhang-rest-spread-', 50);
    try {
      const unlock = await core.call('admin', 'auth.unlock', { username: 'admin', password: DEMO_USERS[0].password });
      expect(unlock.ok).toBe(true);
      const db = core.services.ledger.handle();
      const span = db.prepare(`SELECT min(day) AS a, max(day) AS b FROM rota_assignments`).get() as { a: string; b: string };
      const days = eachDay(span.a, span.b);
      const rows = db
        .prepare(`SELECT a.day, a.staff_id AS s, p.community_id AS c FROM rota_assignments a JOIN rota_posts p ON p.id = a.post_id`)
        .all() as Array<{
        day: string;
        s: number;
        c: number;
      }>;
      const weekdayOf = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
      const people = [...new Set(rows.map((r) => r.s))];
      const restByWeekday = new Array<number>(7).fill(0);
      for (const s of people) {
        const worked = new Set(rows.filter((r) => r.s === s).map((r) => r.day));
        for (const d of days) if (!worked.has(d)) restByWeekday[weekdayOf(d)]!++;
      }
      // Demand from the posts' requirements (every weekday in the demo), gaps = demand − rows, by weekday.
      const need = (
        db.prepare(`SELECT coalesce(sum(headcount), 0) AS n FROM rota_post_shifts r JOIN rota_posts p ON p.id = r.post_id WHERE p.active = 1`).get() as {
          n: number;
        }
      ).n;
      const gaps = new Array<number>(7).fill(0);
      for (const d of days) gaps[weekdayOf(d)]! += need - rows.filter((r) => r.day === d).length;
      console.log('demo people', people.length, 'need/day', need, 'rest by weekday', restByWeekday.join(' '), 'gaps by weekday', gaps.join(' '));
      const call = async <T>(channel: string, input: unknown): Promise<T> => {
        const r = await core.call('admin', channel as never, input as never);
        if (r.ok !== true) throw new Error(`${channel}: ${JSON.stringify(r)}`);
        return r.value as T;
      };
      const cal = await call<{ open: Array<{ day: string; missing: number }> }>('rota.calendar', { from: span.a, to: span.b });
      const roster = await call<Roster>('rota.roster', { from: span.a, to: span.b });
      const calGaps = new Array<number>(7).fill(0);
      for (const o of cal.open) calGaps[weekdayOf(o.day)]! += o.missing;
      const rosterGaps = new Array<number>(7).fill(0);
      for (const c of roster.communities)
        for (const p of c.posts) for (const [key, cell] of Object.entries(p.cells)) rosterGaps[weekdayOf(key.slice(0, 10))]! += cell.missing;
      console.log('calendar gaps', calGaps.join(' '), 'roster gaps', rosterGaps.join(' '));
      expect(calGaps).toEqual(gaps);
      expect(rosterGaps).toEqual(gaps);
      // Enough hands here: the rest falls evenly over the week.
      const mean = restByWeekday.reduce((a, b) => a + b, 0) / 7;
      expect(Math.max(...restByWeekday) - Math.min(...restByWeekday)).toBeLessThanOrEqual(mean * 0.1);
    } finally {
      core.close?.();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
