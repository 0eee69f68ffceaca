/**
 * S48's stated limit, as an attacker with viewer1's password does it: a household move written offline into the
 * unbound household_moves (from 和平社区 to the household's own, on 2020-02-18), everyone locked first. Shared by the
 * attack runs that read what the program makes of it (session48-case-moves, session50-case-moves).
 */
import { openAsViewerOffline } from '../../helpers/attacker';
import { ID_A, openOffice, type Office } from '../caseload/fixture';

export async function forgeHouseholdMove(o: Office, household: number): Promise<void> {
  await o.t.sessionAs('viewer', 'viewer1');
  await o.t.call('auth.lock', {}, 'viewer1');
  await o.t.call('auth.lock', {});
  const d = openAsViewerOffline(o.t.dir);
  d.prepare(
    `INSERT INTO household_moves (household_id, moved_on, from_community_id, from_grid_id, to_community_id, to_grid_id, created_at)
     VALUES (@h, '2020-02-18', @other, @otherGrid, @home, @grid, '2020-02-18T02:00:00.000Z')`,
  ).run({ h: household, other: o.otherCommunityId, otherGrid: o.otherGridId, home: o.communityId, grid: o.gridId });
  d.close();
}

/** 王建华 of 幸福路3号 in 幸福社区, the office opened on 2020-02-17 (the setting both files attack). */
export async function movesOffice(): Promise<{ o: Office; h: number; person: number }> {
  const o = await openOffice('2020-02-17T01:00:00.000Z');
  const h = (await o.t.call('households.save', { communityId: o.communityId, gridId: o.gridId, addressText: '幸福路3号' })).id;
  const person = (await o.t.call('residents.save', { householdId: h, name: '王建华', idNumber: ID_A })).id;
  return { o, h, person };
}

/** 王建华's 居家观察 entered late: 登记 and observed from 2020-02-15. */
export const openLate = (o: Office, person: number) =>
  o.t.call('cases.open', { residentId: person, category: 'home_observation', obsStartOn: '2020-02-15', openedOn: '2020-02-15' });
