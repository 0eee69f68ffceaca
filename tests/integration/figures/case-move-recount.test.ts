/**
 * A person's open case moved with them leaves its earlier forms where they were: two ledgers built through the
 * channels by the same steps, day by day, one of them with people moved in the second week (a household with an
 * observation and a 返程人员 in it, to another community; a 特困 resident to a household of another community). The
 * first week's 人员排查管控情况汇总表, 居家（医学）观察人员名单 and 重点人群关爱服务台账 (export.write's package) are the same
 * in both: a form already sent reads the same next week. After the moves a case counts where its person lives on the
 * form's last day (electron/core/caseload/README.md). Red before (migration 073): an open case followed its person
 * and every form of an earlier period counted and listed it in the new community.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { sentForms, type Figures } from './sent-forms';

const WEEK1 = { from: '2020-02-03', to: '2020-02-09' };
const WEEK2 = { from: '2020-02-10', to: '2020-02-16' };
const FORMS = ['caseload-summary', 'observation-roster', 'care-ledger'];

const folders: string[] = [];
const ledgers: TestLedger[] = [];

/** The office through two weeks; with `moves`, a household and a resident move on 12 February. */
async function build(moves: boolean) {
  const t = await openTestLedger({ now: '2020-02-01T01:00:00.000Z' });
  ledgers.push(t);
  const at = (instant: string) => admitAt(t, instant);
  const xingfu = (await t.call('org.communities.save', { name: '幸福社区' })).id;
  const heping = (await t.call('org.communities.save', { name: '和平社区' })).id;
  const xg = (await t.call('org.grids.save', { communityId: xingfu, name: '第一网格' })).id;
  const hg = (await t.call('org.grids.save', { communityId: heping, name: '第二网格' })).id;
  const h1 = (await t.call('households.save', { communityId: xingfu, gridId: xg, addressText: '幸福路1号' })).id;
  const h2 = (await t.call('households.save', { communityId: heping, gridId: hg, addressText: '和平路1号' })).id;
  const h3 = (await t.call('households.save', { communityId: xingfu, gridId: xg, addressText: '幸福路2号' })).id;
  let n = 300;
  const person = async (householdId: number, name: string) =>
    (await t.call('residents.save', { householdId, name, idNumber: makeIdNumber('410102', '1950-01-01', n++) })).id;
  const jia = await person(h1, '甲');
  const yi = await person(h1, '乙');
  const bing = await person(h3, '丙');
  await person(h2, '丁');
  await at('2020-02-04T02:00:00.000Z');
  const obs = (await t.call('cases.open', { residentId: jia, category: 'home_observation', obsStartOn: '2020-02-04' })).id;
  await t.call('cases.open', { residentId: yi, category: 'returnee', origin: '武汉市', arrivedOn: '2020-02-03' });
  await t.call('cases.open', { residentId: bing, category: 'extreme_poverty' });
  await at('2020-02-10T02:00:00.000Z');
  for (let d = 4; d <= 9; d++)
    await t.call('checks.record', { caseId: obs, checkDate: `2020-02-0${d}`, temperature: 36.5, method: 'phone', checkedBy: '刘晓燕' });
  await at('2020-02-12T02:00:00.000Z');
  if (moves) {
    await t.call('households.save', { id: h1, communityId: heping, gridId: hg, addressText: '幸福路1号' });
    await t.call('residents.save', { id: bing, householdId: h2, name: '丙' });
  }
  await at('2020-02-16T15:30:00.000Z'); // 23:30 in Beijing on the second week's last day
  return t;
}

const forms = (t: TestLedger, period: { from: string; to: string }) => sentForms(t, period, FORMS, folders);

let week1: [Figures, Figures];
let week2: [Figures, Figures];

beforeAll(async () => {
  const still = await build(false);
  const moved = await build(true);
  week1 = [await forms(still, WEEK1), await forms(moved, WEEK1)];
  week2 = [await forms(still, WEEK2), await forms(moved, WEEK2)];
}, 240_000);
afterAll(() => {
  for (const t of ledgers) t.close();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

const summary = (f: Figures) => (f['caseload-summary'] as { rows: Array<Record<string, unknown>> }).rows.map((r) => `${r.community} ${r.category} ${r.active}`);
const places = (f: Figures, id: string) => (f[id] as { rows: Array<Record<string, unknown>> }).rows.map((r) => `${r.name} ${r.community} ${r.grid}`);

describe('a case moved with its person: the earlier period’s forms stay', () => {
  it('the moves change the second week’s forms (so the comparison below can fail)', () => {
    expect(week2[1]).not.toEqual(week2[0]);
  });

  it('the first week’s three forms are the same in both ledgers', () => {
    expect(summary(week1[1])).toEqual(['幸福社区 分散供养特困人员 1', '幸福社区 居家观察 1', '幸福社区 返程人员 1', '合计  3']);
    expect(week1[1]).toEqual(week1[0]);
  });

  it('after the moves each open case counts where its person lives: counted by hand', () => {
    expect(summary(week2[1])).toEqual(['和平社区 分散供养特困人员 1', '和平社区 居家观察 1', '和平社区 返程人员 1', '合计  3']);
    expect(places(week2[1], 'observation-roster')).toEqual(['甲 和平社区 第二网格']);
    expect(places(week2[1], 'care-ledger')).toEqual(['丙 和平社区 第二网格']);
  });
});
