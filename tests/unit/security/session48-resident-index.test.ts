/**
 * Issue 19, attack run 48 (target 1): S47-A1's fix checks every staff member's resident index against the sealed ID
 * number at each clerk's or coordinator's unlock (staff.repo.ts indexFixes). S48-A2: the check looked only at rows that
 * hold a sealed number. Offline with viewer1's key, a member's sealed numbers and MAC set to NULL (a row holding nothing
 * sealed needs no MAC, so it reads as intact) kept a forged index through every keyed unlock: 陈静, under observation,
 * stayed on the rota; a stranger's observation took 王芳 off it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openAsViewerOffline } from '../../helpers/attacker';
import { ADMIN, PASSWORD, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { rotaFixture, type RotaFixture } from '../rota/fixture';

const WEEK = { from: '2020-02-17', to: '2020-02-23' };
const CHEN = makeIdNumber('410102', '1988-05-06', 321);
const WANG = makeIdNumber('410102', '1979-09-12', 58);
const STRANGER = makeIdNumber('410105', '1966-03-03', 12);

let t: TestLedger;
let f: RotaFixture;
let household: number;
beforeEach(async () => {
  t = await openTestLedger();
  f = await rotaFixture(t);
  const grid = (await t.call('org.grids.save', { communityId: f.c1, name: '第一网格' })).id;
  household = (await t.call('households.save', { communityId: f.c1, gridId: grid, addressText: '和平路8号' })).id;
  await t.sessionAs('viewer', 'viewer1');
});
afterEach(() => t.close());

const observe = async (name: string, idNumber: string): Promise<void> => {
  const r = await t.call('residents.save', { householdId: household, name, idNumber });
  await t.call('cases.open', { residentId: r.id, category: 'home_observation', obsStartOn: '2020-02-17', openedOn: '2020-02-17' });
};
const observedOn18th = async (session?: string): Promise<number[]> =>
  ((await t.call('rota.calendar', WEEK, session)).away['2020-02-18'] ?? [])
    .filter((a) => a.why === 'observation')
    .map((a) => a.staffId)
    .sort();
/** Everyone locked; the file changed with viewer1's key; the coordinator signs in again. */
async function offline(sql: string, params: Record<string, unknown> = {}) {
  await t.call('auth.lock', {}, 'viewer1');
  await t.call('auth.lock', {});
  const d = openAsViewerOffline(t.dir);
  d.prepare(sql).run(params);
  d.close();
  return t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
}

describe('S48-A2: a forged index on a row whose sealed numbers were emptied offline', () => {
  let chen: number;
  let wang: number;
  beforeEach(async () => {
    chen = f.workers[3]!;
    wang = f.workers[1]!;
    await t.call('rota.staff.save', { id: chen, name: '陈静', kind: 'community_worker', communityId: f.c1, idNumber: CHEN });
    await t.call('rota.staff.save', { id: wang, name: '王芳', kind: 'community_worker', communityId: f.c1, idNumber: WANG });
    await observe('陈静', CHEN);
    await observe('李强', STRANGER);
    expect(await observedOn18th()).toEqual([chen]);
  });
  const EMPTIED = `id_number_sealed = NULL, phone_sealed = NULL, row_mac = NULL`;

  it('陈静 (observed), her index spoiled: after the coordinator’s sign-in the name-and-mask match still takes her off', async () => {
    const r = await offline(`UPDATE staff SET ${EMPTIED}, id_number_resident_index = randomblob(32) WHERE id = @chen`, { chen });
    expect(r).toBeTruthy();
    expect(await observedOn18th()).toEqual([chen]);
    await t.call('rota.generate', { ...WEEK });
    expect((await t.call('rota.calendar', WEEK)).assignments.some((a) => a.staffId === chen)).toBe(false);
    const audited = await t.call('audit.list', { filter: { channel: 'auth.unlock' }, offset: 0, limit: 20 });
    expect(audited.rows.some((a) => a.after?.includes('"sealed":"staff.id_number.resident_index","rows":1,"corrected":1'))).toBe(true);
  }, 60_000);

  it('王芳 given a stranger’s index: after the coordinator’s sign-in another’s observation does not take her off', async () => {
    await offline(`UPDATE staff SET ${EMPTIED}, id_number_resident_index = (SELECT id_number_index FROM residents WHERE name = '李强') WHERE id = @wang`, {
      wang,
    });
    expect(await observedOn18th()).toEqual([chen]);
  }, 60_000);
});
