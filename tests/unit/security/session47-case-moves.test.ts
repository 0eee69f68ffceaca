/**
 * The thirty-third attack run (session 47), target 2: migration 074 case_moves. A form for a period counts and lists a
 * case where its person lived on the period's last day (caseload/README.md). Moves on the last day itself and at 17:30
 * UTC (the office's next day), a case voided after a move, a closed case, and a case entered late (登记日期 back-dated)
 * for a person whose household moved in between.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseloadSummaryForm } from '../../../electron/core/io/export/forms/caseload-summary';
import { observationRosterForm } from '../../../electron/core/io/export/forms/observation-roster';
import { admitAt } from '../../helpers/ledger';
import { ID_A, openOffice, type Office } from '../caseload/fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice('2020-02-17T01:00:00.000Z');
});
afterEach(() => o.t.close());

const db = () => o.t.core.services.ledger.handle();
const week = (to: string) => ({ from: '2020-02-11', to });
const summary = (to: string) => caseloadSummaryForm.read(db(), week(to), null).map((r) => `${r.community} ${r.category} ${r.active}/${r.closed}`);
const roster = (to: string) => observationRosterForm.read(db(), week(to), null).map((r) => `${r.name} ${r.community}`);

async function household() {
  const h = (await o.t.call('households.save', { communityId: o.communityId, gridId: o.gridId, addressText: '幸福路3号' })).id;
  const person = (await o.t.call('residents.save', { householdId: h, name: '王建华', idNumber: ID_A })).id;
  const moveTo = (communityId: number, gridId: number) => o.t.call('households.save', { id: h, communityId, gridId, addressText: '幸福路3号' });
  return { h, person, moveTo };
}

describe('case_moves at the day’s edges', () => {
  it('held: a move at 17:30 UTC on the 17th (01:30 on the 18th in the office) counts from the 18th; the 17th’s form keeps 幸福社区', async () => {
    const { person, moveTo } = await household();
    await o.t.call('cases.open', { residentId: person, category: 'home_observation', obsStartOn: '2020-02-15', openedOn: '2020-02-15' });
    const before = roster('2020-02-17');
    await admitAt(o.t, '2020-02-17T17:30:00.000Z');
    await moveTo(o.otherCommunityId, o.otherGridId);
    expect(db().prepare(`SELECT moved_on FROM case_moves`).pluck().all()).toEqual(['2020-02-18']);
    expect(roster('2020-02-17')).toEqual(before);
    expect(roster('2020-02-17')).toEqual(['王建华 幸福社区']);
    expect(roster('2020-02-18')).toEqual(['王建华 和平社区']);
  });

  it('noted: a move on the period’s last day itself counts in the new place for that day (the rule: a move counts from its day)', async () => {
    const { person, moveTo } = await household();
    await o.t.call('cases.open', { residentId: person, category: 'home_observation', obsStartOn: '2020-02-15', openedOn: '2020-02-15' });
    await admitAt(o.t, '2020-02-17T09:00:00.000Z'); // 17:00 in the office: the day's form has gone
    expect(roster('2020-02-17')).toEqual(['王建华 幸福社区']);
    await admitAt(o.t, '2020-02-17T10:00:00.000Z');
    await moveTo(o.otherCommunityId, o.otherGridId);
    expect(roster('2020-02-17')).toEqual(['王建华 和平社区']);
  });

  it('held: a case voided after a move counts on no form, before or after the move; restored, each period reads as before', async () => {
    const { person, moveTo } = await household();
    const c = (await o.t.call('cases.open', { residentId: person, category: 'home_observation', obsStartOn: '2020-02-15', openedOn: '2020-02-15' })).id;
    await admitAt(o.t, '2020-02-18T02:00:00.000Z');
    await moveTo(o.otherCommunityId, o.otherGridId);
    const sent = [roster('2020-02-17'), roster('2020-02-18')];
    expect(sent).toEqual([['王建华 幸福社区'], ['王建华 和平社区']]);
    await o.t.call('cases.void', { caseId: c, kind: 'mistake', reason: '录错了' });
    expect([roster('2020-02-17'), roster('2020-02-18')]).toEqual([[], []]);
    await o.t.call('cases.restore', { caseId: c, reason: '误作废' });
    expect([roster('2020-02-17'), roster('2020-02-18')]).toEqual(sent);
  });

  it('held: a closed case does not move with its household; every period lists it where it was', async () => {
    const { person, moveTo } = await household();
    const c = (await o.t.call('cases.open', { residentId: person, category: 'extreme_poverty', openedOn: '2020-02-12' })).id;
    await o.t.call('cases.transition', { caseId: c, to: 'closed', reason: '已脱困' });
    await admitAt(o.t, '2020-02-18T02:00:00.000Z');
    await moveTo(o.otherCommunityId, o.otherGridId);
    expect(db().prepare(`SELECT count(*) FROM case_moves`).pluck().get()).toBe(0);
    expect(summary('2020-02-17')).toEqual(summary('2020-02-18'));
    expect(summary('2020-02-18')[0]).toMatch(/^幸福社区/);
  });

  it('S47-A2: a case entered late (登记日期 the 15th) after its household moved on the 18th lists where the household was on the 17th', async () => {
    const { person, moveTo } = await household();
    await admitAt(o.t, '2020-02-18T02:00:00.000Z');
    await moveTo(o.otherCommunityId, o.otherGridId);
    await admitAt(o.t, '2020-02-20T02:00:00.000Z');
    await o.t.call('cases.open', { residentId: person, category: 'home_observation', obsStartOn: '2020-02-15', openedOn: '2020-02-15' });
    // The household's own history (071) says 幸福社区 on the 17th; before the lead's fix the case had no move and read 和平社区.
    expect(roster('2020-02-17')).toEqual(['王建华 幸福社区']);
    expect(roster('2020-02-18')).toEqual(['王建华 和平社区']);
    expect(summary('2020-02-17')[0]).toMatch(/^幸福社区/);
  });
});
