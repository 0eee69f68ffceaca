/**
 * 自动排班 run again mid-week leaves the days before today as they are (本街道的设置: those days happened; what was
 * planned is what the post leader confirms and the pay sheet pays). A coordinator who planned the week on Monday and
 * runs it again on Wednesday, after raising a post's headcount, must find Monday's and Tuesday's duty unmoved, and the
 * allowance figures for those days the ones Monday's plan gives. Counted here from the rows with plain SQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { rotaFixture, type RotaFixture } from './fixture';

const WEEK = { from: '2020-02-17', to: '2020-02-23' };
const PAST = { from: '2020-02-17', to: '2020-02-18' };
const DAY_FEN = 10000;

interface Row {
  id: number;
  day: string;
  staffId: number;
  postId: number;
  shiftId: number;
  source: string;
}

describe('自动排班 leaves the days before today as they happened', () => {
  let t: TestLedger;
  let f: RotaFixture;
  const db = () => t.core.services.ledger.handle();
  const rowsOn = (from: string, to: string): Row[] =>
    db()
      .prepare(
        `SELECT id, day, staff_id AS staffId, post_id AS postId, shift_id AS shiftId, source FROM rota_assignments
         WHERE day BETWEEN @from AND @to ORDER BY id`,
      )
      .all({ from, to }) as Row[];

  beforeEach(async () => {
    t = await openTestLedger(); // Monday 17 February 2020, 09:00 in Beijing
    f = await rotaFixture(t);
    await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: DAY_FEN, label: '临时性工作补助' });
  });
  afterEach(() => t.close());

  it('a re-run on Wednesday keeps Monday’s and Tuesday’s rows, says so, and the pay for those days is Monday’s plan', async () => {
    await t.call('rota.generate', WEEK);
    const monday = rowsOn(PAST.from, PAST.to);
    expect(monday.length).toBeGreaterThan(0);
    const plannedBefore = (await t.call('rota.allowances', PAST)).map((r) => [r.staffId, r.plannedDays, r.plannedShifts]);

    // Wednesday 19 February, 10:00: the checkpoint's day shift now needs two people, and the coordinator runs it again.
    await admitAt(t, '2020-02-19T02:00:00.000Z');
    const cp = (await t.call('rota.posts.list', {})).find((p) => p.id === f.checkpoint)!;
    await t.call('rota.posts.save', {
      id: cp.id,
      communityId: f.c1,
      name: cp.name,
      kind: 'checkpoint',
      location: cp.location,
      requirements: [
        { shiftId: f.shifts.day, headcount: 2 },
        { shiftId: f.shifts.evening, headcount: 1 },
      ],
    });
    const r = await t.call('rota.generate', WEEK);

    expect(r.pastDays).toBe(2);
    expect(rowsOn(PAST.from, PAST.to)).toEqual(monday);
    // From today on it plans as before: the raised headcount is staffed on the 19th.
    const wed = rowsOn('2020-02-19', '2020-02-19').filter((x) => x.postId === f.checkpoint && x.shiftId === f.shifts.day);
    expect(wed.length).toBe(2);
    // What it was asked to fill is today on: 5 days × (2 + 1 + 1) positions.
    expect(r.required).toBe(20);
    expect(r.unfilled.every((u) => u.day >= '2020-02-19')).toBe(true);
    expect((await t.call('rota.allowances', PAST)).map((x) => [x.staffId, x.plannedDays, x.plannedShifts])).toEqual(plannedBefore);

    // The days are confirmed; each person is paid the days Monday's plan gave them.
    for (const day of ['2020-02-17', '2020-02-18']) await t.call('rota.attendance.confirmDay', { day, communityId: f.c1 });
    const days = new Map<number, Set<string>>();
    for (const x of monday) days.set(x.staffId, (days.get(x.staffId) ?? new Set()).add(x.day));
    const screen = await t.call('rota.allowances', PAST);
    for (const [staffId, set] of days) {
      const row = screen.find((x) => x.staffId === staffId)!;
      const kind = (db().prepare(`SELECT kind FROM staff WHERE id = @staffId`).get({ staffId }) as { kind: string }).kind;
      expect([row.days, row.totalFen], row.name).toEqual([set.size, kind === 'community_worker' ? set.size * DAY_FEN : 0]);
    }
    expect(screen.filter((x) => x.days > 0).length).toBe(days.size);
  });

  it('a range wholly before today changes nothing and says how many days it left', async () => {
    await t.call('rota.generate', WEEK);
    const before = rowsOn(WEEK.from, WEEK.to);
    await admitAt(t, '2020-02-24T02:00:00.000Z');
    const changes = () => (db().prepare(`SELECT count(*) AS n FROM audit_log WHERE entity = 'rota_assignment'`).get() as { n: number }).n;
    const audited = changes();
    const r = await t.call('rota.generate', WEEK);
    expect(r).toMatchObject({ required: 0, filled: 0, created: 0, pastDays: 7, unfilled: [] });
    expect(rowsOn(WEEK.from, WEEK.to)).toEqual(before);
    expect(changes()).toBe(audited);
  });

  it('today itself is still planned: a re-run on Monday re-plans Monday', async () => {
    await t.call('rota.generate', WEEK);
    const r = await t.call('rota.generate', WEEK);
    expect(r.pastDays).toBe(0);
    expect(r.required).toBe(21);
  });
});
