/**
 * The printed 居家（医学）观察人员名单 without a period (人员台账 › 打印观察人员名单): the last 7 days up to the core's
 * today, the same week's length on a Monday as on a Sunday. Before session 20 the screen asked for this week Monday →
 * today: on Monday 17 February 2020 one day, so a case released the Tuesday before was missing and 本期漏检 was 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';

const MONDAY = '2020-02-17T02:00:00.000Z'; // 10:00 in 郑州
const SUNDAY = '2020-02-23T02:00:00.000Z';

let t: TestLedger;
beforeAll(async () => {
  t = await openTestLedger({ now: MONDAY });
  const community = (await t.call('org.communities.save', { name: '幸福社区' })).id;
  const house = (await t.call('households.save', { communityId: community, addressText: '幸福路1号', screeningStatus: 'screened' })).id;
  const open = async (n: number, name: string, obsStartOn: string) => {
    const residentId = (await t.call('residents.save', { householdId: house, name, idNumber: makeIdNumber('410102', '1980-01-01', 300 + n) })).id;
    return (await t.call('cases.open', { residentId, category: 'home_observation', obsStartOn })).id;
  };
  const underObservation = await open(1, '吴一', '2020-02-04');
  await open(2, '吴二', '2020-01-29'); // 14 days: through Tuesday 11 February
  await open(3, '吴三', '2020-01-27'); // through Sunday 9 February
  for (const checkDate of ['2020-02-12', '2020-02-13'])
    await t.call('checks.record', { caseId: underObservation, checkDate, temperature: 36.5, method: 'phone', checkedBy: '刘晓燕' });
});
afterAll(() => t?.close());

const printed = async (period: { from?: string; to?: string } = {}) => {
  const doc = await t.call('export.form.print', { formId: 'observation-roster', ...period });
  return { from: doc.from, to: doc.to, rows: doc.rows.map((r) => [r.name, r.endOn, r.done, r.missed]) };
};

describe('the printed observation roster’s default period', () => {
  it('on a Monday: the 7 days Tuesday → Monday, with last week’s releases and the days missed', async () => {
    await admitAt(t, MONDAY);
    // 吴一: 11–16 February are over, checked on the 12th and 13th, 4 missed; today is not missed yet.
    expect(await printed()).toEqual({
      from: '2020-02-11',
      to: '2020-02-17',
      rows: [
        ['吴二', '2020-02-11', 0, 1],
        ['吴一', '2020-02-17', 2, 4],
      ],
    });
  });

  it('on a Sunday: Monday → Sunday, the week’s 7 days again', async () => {
    await admitAt(t, SUNDAY);
    expect(await printed()).toEqual({ from: '2020-02-17', to: '2020-02-23', rows: [['吴一', '2020-02-17', 0, 1]] });
  });

  it('prints the period a link asks for, and refuses one end of it alone', async () => {
    await admitAt(t, MONDAY);
    expect(await printed({ from: '2020-02-03', to: '2020-02-09' })).toMatchObject({ from: '2020-02-03', to: '2020-02-09' });
    await expect(printed({ from: '2020-02-03' })).rejects.toThrow(/「开始日期」要和「结束日期」一起填写/);
  });

  it('a form that has no printed page is refused naming the forms by the title the user sees, not their internal ids', async () => {
    const e = await t.fail('export.form.print', { formId: 'supplies-shortage' });
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toBe('输入有误：「表格」只能是：居家（医学）观察人员名单。');
  });
});
