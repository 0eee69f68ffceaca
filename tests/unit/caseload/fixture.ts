/** A small street office for caseload tests: two communities, grids, one household with an elder and one with an observed person. */
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';

export const ID_A = makeIdNumber('410102', '1985-03-12', 123);
export const ID_ELDER = makeIdNumber('410103', '1940-07-01', 452);

export interface Office {
  t: TestLedger;
  communityId: number;
  otherCommunityId: number;
  gridId: number;
  otherGridId: number;
}

export async function openOffice(now = '2020-02-17T01:00:00.000Z'): Promise<Office> {
  const t = await openTestLedger({ now });
  const c1 = await t.call('org.communities.save', { name: '幸福社区' });
  const c2 = await t.call('org.communities.save', { name: '和平社区' });
  const g1 = await t.call('org.grids.save', { communityId: c1.id, name: '第一网格' });
  const g2 = await t.call('org.grids.save', { communityId: c2.id, name: '第一网格' });
  return { t, communityId: c1.id, otherCommunityId: c2.id, gridId: g1.id, otherGridId: g2.id };
}

/** A household in 幸福社区 with an observed resident (observation from `start`) and a solitary elder. */
export async function observedHousehold(o: Office, start = '2020-02-15') {
  const h = await o.t.call('households.save', {
    communityId: o.communityId,
    gridId: o.gridId,
    estate: '幸福小区',
    building: '3',
    unit: '2',
    room: '101',
    headName: '王桂英',
    phone: '13812345678',
  });
  const person = await o.t.call('residents.save', { householdId: h.id, name: '王建华', idNumber: ID_A, phone: '13912345678' });
  const elder = await o.t.call('residents.save', { householdId: h.id, name: '王桂英', idNumber: ID_ELDER, tags: ['solitary_elderly'] });
  const obs = await o.t.call('cases.open', { residentId: person.id, category: 'home_observation', obsStartOn: start, openedOn: start });
  return { household: h, person, elder, obs };
}

/** Moves the clock on by whole days; the idle lock then asks for the password again, as it would at the desk. */
export async function nextDay(o: Office, days = 1): Promise<void> {
  o.t.clock.advanceDays(days);
  await o.t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
}

/** Two residents of one household in 幸福社区's first grid (王建华, 王桂英): their ids. */
export async function twoResidents(o: Office): Promise<[number, number]> {
  const h = await o.t.call('households.save', { communityId: o.communityId, gridId: o.gridId, estate: '幸福小区', building: '3', unit: '2', room: '101' });
  const a = await o.t.call('residents.save', { householdId: h.id, name: '王建华', idNumber: ID_A });
  const b = await o.t.call('residents.save', { householdId: h.id, name: '王桂英', idNumber: ID_ELDER });
  return [a.id, b.id];
}
