/**
 * A rota office (rota/fixture.ts) with one household to observe residents in, for the tests of staff under
 * 居家/医学观察 (staff-queries.ts observationSpans): observation-match, session47- and session48-resident-index.
 */
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openAsViewerOffline } from '../../helpers/attacker';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { rotaFixture, type RotaFixture } from './fixture';

export const WEEK = { from: '2020-02-17', to: '2020-02-23' };

export interface ObservedRota {
  t: TestLedger;
  f: RotaFixture;
  /** Registers a resident in the household and opens 居家观察 from the 17th. */
  observe: (name: string, idNumber: string) => Promise<void>;
  /** Whom a window's calendar shows under observation on the 18th, sorted. */
  observedOn18th: (session?: string) => Promise<number[]>;
}

export async function observedRota(): Promise<ObservedRota> {
  const t = await openTestLedger();
  const f = await rotaFixture(t);
  const grid = (await t.call('org.grids.save', { communityId: f.c1, name: '第一网格' })).id;
  const householdId = (await t.call('households.save', { communityId: f.c1, gridId: grid, addressText: '和平路8号' })).id;
  return {
    t,
    f,
    async observe(name, idNumber) {
      const r = await t.call('residents.save', { householdId, name, idNumber });
      await t.call('cases.open', { residentId: r.id, category: 'home_observation', obsStartOn: '2020-02-17', openedOn: '2020-02-17' });
    },
    async observedOn18th(session) {
      const away = (await t.call('rota.calendar', WEEK, session)).away['2020-02-18'] ?? [];
      return away
        .filter((a) => a.why === 'observation')
        .map((a) => a.staffId)
        .sort();
    },
  };
}

/** Everyone locked; the file changed with viewer1's key (`sql`); the coordinator signs in again. */
export async function changedOffline(t: TestLedger, sql: string, params: Record<string, unknown> = {}) {
  await t.call('auth.lock', {}, 'viewer1');
  await t.call('auth.lock', {});
  const d = openAsViewerOffline(t.dir);
  d.prepare(sql).run(params);
  d.close();
  return t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
}

export const CHEN = makeIdNumber('410102', '1988-05-06', 321);
export const WANG = makeIdNumber('410102', '1979-09-12', 58);
export const STRANGER = makeIdNumber('410105', '1966-03-03', 12);

/** 陈静 (f.workers[3]) and 王芳 (f.workers[1]) saved with their numbers; 陈静 and a stranger, 李强, under observation. */
export async function chenObservedWangNot(o: Pick<ObservedRota, 't' | 'f' | 'observe'>): Promise<{ chen: number; wang: number }> {
  const chen = o.f.workers[3]!;
  const wang = o.f.workers[1]!;
  await o.t.call('rota.staff.save', { id: chen, name: '陈静', kind: 'community_worker', communityId: o.f.c1, idNumber: CHEN });
  await o.t.call('rota.staff.save', { id: wang, name: '王芳', kind: 'community_worker', communityId: o.f.c1, idNumber: WANG });
  await o.observe('陈静', CHEN);
  await o.observe('李强', STRANGER);
  return { chen, wang };
}

/** The office as these tests start: viewer1 signed in, 陈静 and 王芳 saved with their numbers, 陈静 under observation. */
export async function chenObservedOffice(): Promise<ObservedRota & { chen: number; wang: number }> {
  const o = await observedRota();
  await o.t.sessionAs('viewer', 'viewer1');
  return { ...o, ...(await chenObservedWangNot(o)) };
}
