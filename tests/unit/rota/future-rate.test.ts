/**
 * A 补助标准 saved with an 执行日期 still to come (本街道的设置: a coordinator announces on 1 March the 120 元 paid from
 * the 10th). Until the 10th the days are paid at the 100 元 in force, and 补助标准 says so: the new line 「2020-03-10
 * 起」 is pending (尚未执行), the replaced one is 今日执行. From the 10th the new one is paid and nothing is pending.
 * Figures by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { rotaFixture, type RotaFixture } from './fixture';

let t: TestLedger;
let f: RotaFixture;

const work = async (day: string) => {
  await t.call('rota.assign', { day, postId: f.screening, shiftId: f.shifts.day, staffId: f.workers[0]! });
  await t.call('rota.attendance.confirm', {
    entries: (await t.call('rota.attendance.list', { day })).rows.map((r) => ({ assignmentId: r.assignmentId, status: 'present' as const })),
  });
};
const paid = async (from: string, to: string) => (await t.call('rota.allowances', { from, to })).find((r) => r.staffId === f.workers[0]!)!;

beforeAll(async () => {
  t = await openTestLedger({ now: '2020-03-01T02:00:00.000Z' });
  f = await rotaFixture(t);
  await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: 10000, label: '临时性工作补助' });
  await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: 12000, label: '临时性工作补助', from: '2020-03-10' });
});
afterAll(() => t?.close());

describe('a 补助标准 from a day still to come', () => {
  it('pays today at the standard in force today, and the 补助标准 list says which is which', async () => {
    await work('2020-03-01');
    expect(await paid('2020-03-01', '2020-03-31')).toMatchObject({ days: 1, totalFen: 10000, rateFen: 10000 });
    const view = await t.call('rota.rates.list', {});
    const worker = view.rates.find((r) => r.staffKind === 'community_worker')!;
    expect(worker).toMatchObject({ amountFen: 12000, since: '2020-03-10', pending: true });
    expect(view.earlier.filter((e) => e.staffKind === 'community_worker')).toEqual([
      {
        staffKind: 'community_worker',
        until: '2020-03-09',
        rate: { staffKind: 'community_worker', basis: 'day', amountFen: 10000, label: '临时性工作补助' },
        inForceToday: true,
      },
    ]);
    // Kinds with no future standard have nothing pending.
    expect(view.rates.filter((r) => r.staffKind !== 'community_worker').every((r) => !r.pending)).toBe(true);
  });

  it('pays the new standard from its first day, with nothing pending any more', async () => {
    await admitAt(t, '2020-03-09T15:59:00.000Z');
    await work('2020-03-09');
    await admitAt(t, '2020-03-09T16:01:00.000Z'); // 00:01 on the 10th in Beijing
    const view = await t.call('rota.rates.list', {});
    expect(view.rates.find((r) => r.staffKind === 'community_worker')).toMatchObject({ since: '2020-03-10', pending: false });
    expect(view.earlier.map((e) => e.inForceToday)).toEqual([false]);
    await admitAt(t, '2020-03-10T00:01:00.000Z'); // 08:01: the 10th's 早班 has begun and may be confirmed
    await work('2020-03-10');
    // 1st and 9th at 100.00, 10th at 120.00, by hand: 320.00 元.
    expect(await paid('2020-03-01', '2020-03-31')).toMatchObject({ days: 3, totalFen: 32000 });
  });
});
