/**
 * The thirty-second attack run (session 46), targets 2 and 4: pay with the community and kind a person had that day
 * (migration 072, staff-changes.repo.ts, reports.ts computeAllowances), and the office's day moved back by a setting.
 * Who may make a change, a change and its undoing on one day, a back-dated change through 办公时区 (asked first since
 * S45-A3), and a change of kind and back: the period already paid reads the same.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coverageAsOf } from '../../../electron/core/caseload/coverage';
import { computeAllowances } from '../../../electron/core/rota/reports';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
let qingsong: number;
let heping: number;
beforeEach(async () => {
  t = await openTestLedger({ now: '2020-03-02T02:00:00.000Z' });
  qingsong = (await t.call('org.communities.save', { name: '青松里社区' })).id;
  heping = (await t.call('org.communities.save', { name: '和平里社区' })).id;
});
afterEach(() => t.close());

const db = () => t.core.services.ledger.handle();
const lines = (from: string, to: string) => computeAllowances(db(), from, to).map((r) => [r.communityName, r.kind, r.totalFen]);
const save = (id: number, communityId: number, kind: 'community_worker' | 'volunteer' = 'community_worker') =>
  t.call('rota.staff.save', { id, name: '张建国', kind, communityId });

describe('a staff member’s change of community or kind, and the pay already counted', () => {
  it('a viewer’s window cannot move a person; nothing is kept', async () => {
    const id = (await t.call('rota.staff.save', { name: '张建国', kind: 'community_worker', communityId: qingsong })).id;
    const viewer = await t.sessionAs('viewer', 'viewer1');
    expect((await t.fail('rota.staff.save', { id, name: '张建国', kind: 'community_worker', communityId: heping }, viewer)).code).toBe('FORBIDDEN');
    expect(db().prepare(`SELECT count(*) FROM staff_changes`).pluck().get()).toBe(0);
  });

  it('moved and moved back on one day: every day counts in the first community, one line', async () => {
    const id = (await t.call('rota.staff.save', { name: '张建国', kind: 'community_worker', communityId: qingsong })).id;
    await t.call('rota.allowances.adjust', { staffId: id, day: '2020-03-09', amountFen: 1000, reason: '交通补贴' });
    await t.call('rota.allowances.adjust', { staffId: id, day: '2020-03-10', amountFen: 300, reason: '餐补' });
    await admitAt(t, '2020-03-10T02:00:00.000Z');
    await save(id, heping);
    await save(id, qingsong);
    expect(lines('2020-03-01', '2020-03-31')).toEqual([['青松里社区', 'community_worker', 1300]]);
  });

  it('moved, then moved on the next day: each day where the person was', async () => {
    const id = (await t.call('rota.staff.save', { name: '张建国', kind: 'community_worker', communityId: qingsong })).id;
    for (const day of ['2020-03-09', '2020-03-10', '2020-03-11']) await t.call('rota.allowances.adjust', { staffId: id, day, amountFen: 100, reason: '餐补' });
    await admitAt(t, '2020-03-10T02:00:00.000Z');
    await save(id, heping);
    await admitAt(t, '2020-03-11T02:00:00.000Z');
    await save(id, qingsong, 'volunteer');
    expect(lines('2020-03-01', '2020-03-31')).toEqual(
      expect.arrayContaining([
        ['青松里社区', 'community_worker', 100],
        ['和平里社区', 'community_worker', 100],
        ['青松里社区', 'volunteer', 100],
      ]),
    );
    expect(lines('2020-03-01', '2020-03-31')).toHaveLength(3);
  });

  it('a move after a zone change that takes the day back is dated the day before only when the coordinator confirmed it', async () => {
    const id = (await t.call('rota.staff.save', { name: '张建国', kind: 'community_worker', communityId: qingsong })).id;
    await t.call('rota.allowances.adjust', { staffId: id, day: '2020-03-31', amountFen: 500, reason: '餐补' });
    // 09:00 on 1 April in Beijing: March's pay sheet has been printed.
    await admitAt(t, '2020-04-01T01:00:00.000Z');
    const march = lines('2020-03-01', '2020-03-31');
    const e = await t.fail('settings.update', { timeZone: 'Etc/GMT+12' });
    expect([e.code, e.details]).toEqual(['CONFLICT', expect.objectContaining({ dayBackFrom: '2020-04-01', dayBackTo: '2020-03-31' })]);
    await save(id, heping);
    expect(lines('2020-03-01', '2020-03-31')).toEqual(march);
  });
});

describe('changes whose days run backwards (办公时区 taken back a day, confirmed)', () => {
  it('S46-A5: a day before both changes counts where the person was then', async () => {
    const id = (await t.call('rota.staff.save', { name: '张建国', kind: 'community_worker', communityId: qingsong })).id;
    await t.call('rota.allowances.adjust', { staffId: id, day: '2020-03-16', amountFen: 500, reason: '餐补' });
    // 09:00 on the 18th: moved to 和平里. Then the zone taken back to the 17th, confirmed, and moved on to 新华里.
    await admitAt(t, '2020-03-18T01:00:00.000Z');
    await save(id, heping);
    const xinhua = (await t.call('org.communities.save', { name: '新华里社区' })).id;
    await t.call('settings.update', { timeZone: 'Etc/GMT+12', confirmDayBack: true });
    await save(id, xinhua);
    // The 16th was before either change: 青松里, as the sheet printed then said. Before: 和平里 (the 17th's row, read first, says "from 和平里").
    expect(lines('2020-03-16', '2020-03-16')).toEqual([['青松里社区', 'community_worker', 500]]);
  });

  it('S46-A5 on household moves (071): a day before both moves counts the household where it was then', async () => {
    const grid = async (communityId: number) => (await t.call('org.grids.save', { communityId, name: '第一网格' })).id;
    const [g1, g2] = [await grid(qingsong), await grid(heping)];
    const xinhua = (await t.call('org.communities.save', { name: '新华里社区' })).id;
    const g3 = await grid(xinhua);
    const h = (await t.call('households.save', { communityId: qingsong, gridId: g1, addressText: '青松路1号' })).id;
    const form = (asOf: string) => coverageAsOf(db(), { asOf }).communities.map((c) => [c.communityName, c.loaded]);
    await admitAt(t, '2020-03-17T01:00:00.000Z');
    const sent = form('2020-03-16');
    await admitAt(t, '2020-03-18T01:00:00.000Z');
    await t.call('households.save', { id: h, communityId: heping, gridId: g2, addressText: '青松路1号' });
    await t.call('settings.update', { timeZone: 'Etc/GMT+12', confirmDayBack: true });
    await t.call('households.save', { id: h, communityId: xinhua, gridId: g3, addressText: '青松路1号' });
    // Before: the 16th's form counted it in 和平里 (the move dated the 17th, read first, says "from 和平里").
    expect(form('2020-03-16')).toEqual(sent);
  });
});
