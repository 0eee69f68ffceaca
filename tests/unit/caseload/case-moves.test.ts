/**
 * An open case moved with its person (074, case-moves.repo.ts): the forms count and list it where its person lived on
 * the period's last day. A resident (no household) with an observation and a 特困 case moves twice, a day apart; a
 * closed case of theirs stays where it was counted (session 43). Red before: every period's forms had the open cases
 * where the person lives now, and the grid they left could be moved to another community (nothing held it).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseloadSummaryForm } from '../../../electron/core/io/export/forms/caseload-summary';
import { careLedgerForm } from '../../../electron/core/io/export/forms/care-ledger';
import { observationRosterForm } from '../../../electron/core/io/export/forms/observation-roster';
import { ID_A, nextDay, openOffice, type Office } from './fixture';

let o: Office;
let third: number;
beforeEach(async () => {
  o = await openOffice('2020-02-17T01:00:00.000Z');
  third = (await o.t.call('org.grids.save', { communityId: o.communityId, name: '第三网格' })).id;
});
afterEach(() => o.t.close());

const db = () => o.t.core.services.ledger.handle();
const week = (to: string) => ({ from: '2020-02-11', to });
const summary = (to: string) => caseloadSummaryForm.read(db(), week(to), null).map((r) => `${r.community} ${r.category} ${r.active}/${r.closed}`);
const listed = (form: typeof careLedgerForm, to: string) => form.read(db(), week(to), null).map((r) => `${r.name} ${r.community} ${r.grid}`);

describe('an open case moved with its person, as of each day', () => {
  it('counts where the person lived on the form’s last day; a closed case stays where it was counted', async () => {
    const person = await o.t.call('residents.save', { communityId: o.communityId, gridId: third, name: '王建华', idNumber: ID_A });
    await o.t.call('cases.open', { residentId: person.id, category: 'home_observation', obsStartOn: '2020-02-15', openedOn: '2020-02-15' });
    await o.t.call('cases.open', { residentId: person.id, category: 'extreme_poverty' });
    const talk = (await o.t.call('cases.open', { residentId: person.id, category: 'dispute_mediation' })).id;
    await o.t.call('cases.transition', { caseId: talk, to: 'closed', reason: '调解完毕' });
    const at = (communityId: number, gridId: number) => o.t.call('residents.save', { id: person.id, communityId, gridId, name: '王建华', idNumber: ID_A });
    await nextDay(o); // 18 February: to 和平社区
    await at(o.otherCommunityId, o.otherGridId);
    await nextDay(o); // 19 February: back to 幸福社区, another grid
    await at(o.communityId, o.gridId);

    expect(db().prepare(`SELECT moved_on FROM case_moves ORDER BY id`).pluck().all()).toEqual(['2020-02-18', '2020-02-18', '2020-02-19', '2020-02-19']);
    expect(summary('2020-02-17')).toEqual(['幸福社区 矛盾纠纷调解 0/1', '幸福社区 分散供养特困人员 1/0', '幸福社区 居家观察 1/0', '合计  2/1']);
    expect(summary('2020-02-18')).toEqual(['幸福社区 矛盾纠纷调解 0/1', '和平社区 分散供养特困人员 1/0', '和平社区 居家观察 1/0', '合计  2/1']);
    expect(summary('2020-02-19')).toEqual(['幸福社区 矛盾纠纷调解 0/1', '幸福社区 分散供养特困人员 1/0', '幸福社区 居家观察 1/0', '合计  2/1']);
    expect(listed(observationRosterForm, '2020-02-17')).toEqual(['王建华 幸福社区 第三网格']);
    expect(listed(observationRosterForm, '2020-02-18')).toEqual(['王建华 和平社区 第一网格']);
    expect(listed(careLedgerForm, '2020-02-17')).toEqual(['王建华 幸福社区 第三网格']);
    expect(listed(careLedgerForm, '2020-02-19')).toEqual(['王建华 幸福社区 第一网格']);
  }, 60_000);

  it('a move dated back by a confirmed 办公时区 change: the first made, not the first by day, says where it was (S46-A5)', async () => {
    const person = await o.t.call('residents.save', { communityId: o.communityId, gridId: third, name: '王建华', idNumber: ID_A });
    const caseId = (await o.t.call('cases.open', { residentId: person.id, category: 'extreme_poverty', openedOn: '2020-02-10' })).id;
    // As the two saves would record them: to 和平社区 on the 18th, then (the zone taken back a day) on to 幸福社区 第一网格, dated the 17th.
    const add = db().prepare(
      `INSERT INTO case_moves (case_id, moved_on, from_community_id, from_grid_id, to_community_id, to_grid_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    add.run(caseId, '2020-02-18', o.communityId, third, o.otherCommunityId, o.otherGridId, '2020-02-18T01:00:00.000Z');
    add.run(caseId, '2020-02-17', o.otherCommunityId, o.otherGridId, o.communityId, o.gridId, '2020-02-18T02:00:00.000Z');
    expect(listed(careLedgerForm, '2020-02-16')).toEqual(['王建华 幸福社区 第三网格']);
  }, 60_000);

  it('a grid an open case moved from keeps its community: the earlier forms list the case on it', async () => {
    const person = await o.t.call('residents.save', { communityId: o.communityId, gridId: third, name: '王建华', idNumber: ID_A });
    await o.t.call('cases.open', { residentId: person.id, category: 'extreme_poverty' });
    await nextDay(o);
    await o.t.call('residents.save', { id: person.id, communityId: o.communityId, gridId: o.gridId, name: '王建华', idNumber: ID_A });
    const r = await o.t.raw('org.grids.save', { id: third, communityId: o.otherCommunityId, name: '第三网格' });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'communityId' } } });
    expect(listed(careLedgerForm, '2020-02-17')).toEqual(['王建华 幸福社区 第三网格']);
  }, 60_000);
});
