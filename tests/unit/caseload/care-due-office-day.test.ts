/**
 * 关爱 care visits due, counted by hand in the office's days (Beijing): 工作台's 「待走访」 figure and 今日随访's
 * 「待走访照料」 count and rows say what care_tasks says, at 23:30 Beijing (15:30 UTC, still the 1st) and at 00:10 (16:10
 * UTC, already the 2nd; UTC is still on the 1st). A visit done moves its task on by its interval from the visit's day;
 * a task whose care case was closed is no longer due anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../electron/core/dates.shared';
import { admitAt, type TestLedger } from '../../helpers/ledger';
import { observedHousehold, openOffice } from './fixture';
import { makeIdNumber } from '../../../electron/core/people/id-number';

let t: TestLedger;
let gridId: number;
let communityId: number;

/** The office day of an instant, by the platform's own zone data (not the app's): YYYY-MM-DD in Beijing. */
const beijingDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));

/** Open tasks due by `day` (a visit due that day or earlier, not done), straight from the table. */
const dueByHand = (day: string) =>
  t.core.services.ledger
    .handle()
    .prepare(`SELECT id, next_visit_on AS due FROM care_tasks WHERE status = 'open' AND next_visit_on <= @day ORDER BY id`)
    .all({ day }) as Array<{ id: number; due: string }>;

const figures = async () => {
  const dash = (await t.call('dashboard.summary', {})).caseload!;
  const today = await t.call('today.list', {});
  const rows = today.items.filter((i) => i.kind === 'care_visit_due');
  return {
    today: today.today,
    dashboard: dash.careVisitsDue,
    count: today.counts.care_visit_due,
    rows: rows.map((r) => ('careTaskId' in r ? r.careTaskId : -1)).sort((a, b) => a - b),
    late: rows.filter((r) => r.dueOn! < today.today).length,
  };
};

let elderTask: number;
let ownTask: number;
let closedCase: number;

beforeAll(async () => {
  // 2020-03-01 23:30 in Beijing.
  const o = await openOffice('2020-03-01T15:30:00.000Z');
  t = o.t;
  gridId = o.gridId;
  communityId = o.communityId;
  // An observed person's solitary elder gets a daily visit from today; two 独居老人 cases get their own weekly visit.
  await observedHousehold(o, '2020-03-01');
  const h = await t.call('households.save', { communityId, gridId, addressText: '幸福路9号' });
  const a = await t.call('residents.save', { householdId: h.id, name: '李秀兰', idNumber: makeIdNumber('410102', '1938-05-01', 201) });
  const b = await t.call('residents.save', { householdId: h.id, name: '李长顺', idNumber: makeIdNumber('410102', '1936-09-09', 301) });
  await t.call('cases.open', { residentId: a.id, category: 'solitary_elderly' });
  closedCase = (await t.call('cases.open', { residentId: b.id, category: 'solitary_elderly' })).id;
  const tasks = t.core.services.ledger.handle().prepare(`SELECT id, care_case_id AS own FROM care_tasks ORDER BY id`).all() as Array<{
    id: number;
    own: number | null;
  }>;
  elderTask = tasks.find((x) => x.own === null)!.id;
  ownTask = tasks.find((x) => x.own !== null && x.own !== closedCase)!.id;
});
afterAll(() => t?.close());

describe('care visits due, in the office’s days', () => {
  it('at 23:30 Beijing (15:30 UTC) counts every task due on the 1st, on 工作台 and 今日随访 alike', async () => {
    const day = beijingDay('2020-03-01T15:30:00.000Z');
    expect(day).toBe('2020-03-01');
    const due = dueByHand(day);
    expect(due).toHaveLength(3);
    expect(await figures()).toEqual({ today: day, dashboard: 3, count: 3, rows: due.map((d) => d.id), late: 0 });
  });

  it('after a visit at 23:30 and a closed case, counts what is left; at 00:10 Beijing (16:10 UTC) the daily visit is due again', async () => {
    await t.call('care.visits.record', { careTaskId: elderTask, visitDate: '2020-03-01', visitedBy: '刘晓燕' });
    await t.call('care.visits.record', { careTaskId: ownTask, visitDate: '2020-03-01', visitedBy: '刘晓燕' });
    await t.call('cases.transition', { caseId: closedCase, to: 'closed', reason: '已由子女接回同住' });
    const closed = t.core.services.ledger.handle().prepare(`SELECT closed_on AS c FROM cases WHERE id = @id`).get({ id: closedCase }) as { c: string | null };
    expect(closed.c).toBe('2020-03-01');
    expect(dueByHand('2020-03-01')).toEqual([]);
    expect(await figures()).toEqual({ today: '2020-03-01', dashboard: 0, count: 0, rows: [], late: 0 });

    // Forty minutes later it is the 2nd in Beijing (still the 1st in UTC): the daily visit is due, the weekly one is not.
    await admitAt(t, '2020-03-01T16:10:00.000Z');
    const day = beijingDay('2020-03-01T16:10:00.000Z');
    expect(day).toBe('2020-03-02');
    const due = dueByHand(day);
    expect(due).toEqual([{ id: elderTask, due: '2020-03-02' }]);
    expect(await figures()).toEqual({ today: day, dashboard: 1, count: 1, rows: [elderTask], late: 0 });
  });

  it('shows a visit not made as late the next office day, and the weekly visit due 7 days after the one made', async () => {
    await admitAt(t, '2020-03-07T16:10:00.000Z');
    const day = beijingDay('2020-03-07T16:10:00.000Z');
    expect(day).toBe('2020-03-08');
    const due = dueByHand(day);
    expect(due.map((d) => d.id).sort()).toEqual([elderTask, ownTask].sort((a, b) => a - b));
    expect(due.find((d) => d.id === ownTask)!.due).toBe(addDays('2020-03-01', 7));
    expect(await figures()).toEqual({ today: day, dashboard: 2, count: 2, rows: due.map((d) => d.id).sort((a, b) => a - b), late: 1 });
  });
});
