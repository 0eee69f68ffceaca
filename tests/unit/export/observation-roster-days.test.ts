/**
 * 居家（医学）观察人员名单's 本期已监测 / 本期漏检 counted by hand when the package is made before the period ends
 * (a week Monday 9 – Sunday 15 March 2020, made on Friday the 13th at 10:00 in 郑州): a day is missed once it is
 * over, as on 工作台 (逾期未监测), so today and the two days still to come are not 漏检. A period already over
 * counts every day of it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { partsOf } from './rebuild-package';
import { PART_NAMES } from '../../../electron/core/io/export/package-format';
import { ZIP_PASSWORD } from './fixture';

let t: TestLedger;
let stick: string;
beforeAll(async () => {
  t = await openTestLedger({ now: '2020-03-02T02:00:00.000Z' });
  stick = mkdtempSync(join(tmpdir(), 'taizhang-roster-days-'));
  const community = (await t.call('org.communities.save', { name: '幸福社区' })).id;
  const grid = (await t.call('org.grids.save', { communityId: community, name: '第一网格' })).id;
  const house = (await t.call('households.save', { communityId: community, gridId: grid, addressText: '幸福路1号', screeningStatus: 'screened' })).id;
  const residentId = (await t.call('residents.save', { householdId: house, name: '吴一', idNumber: makeIdNumber('410102', '1980-01-01', 301) })).id;
  const caseId = (await t.call('cases.open', { residentId, category: 'home_observation', obsStartOn: '2020-03-02' })).id;
  await admitAt(t, '2020-03-13T02:00:00.000Z');
  // Checked 2–8 March except the 4th; in the week of the 9th: 9, 10, 11 checked, 12 missed, 13 (today) not yet.
  for (const day of ['02', '03', '05', '06', '07', '08', '09', '10', '11'])
    await t.call('checks.record', { caseId, checkDate: `2020-03-${day}`, temperature: 36.5, method: 'phone', checkedBy: '刘晓燕' });
});
afterAll(() => {
  t?.close();
  rmSync(stick, { recursive: true, force: true });
});

async function rosterRow(period: { from: string; to: string }): Promise<Record<string, unknown>> {
  const written = await t.call('export.write', { ...period, formIds: ['observation-roster'], folder: stick, password: ZIP_PASSWORD });
  const data = JSON.parse(Buffer.from((await partsOf(t, written.path)).parts.get(PART_NAMES.data)!).toString('utf8')) as {
    forms: Array<{ id: string; rows: Array<Record<string, unknown>> }>;
  };
  return data.forms.find((f) => f.id === 'observation-roster')!.rows[0]!;
}

describe('本期漏检 on the observation roster', () => {
  it('counts only the days of the period that are over when the form is made', async () => {
    // 9–12 March are over: 4 days, 3 checked, 1 missed. 13 (today), 14 and 15 are not missed yet.
    expect(await rosterRow({ from: '2020-03-09', to: '2020-03-15' })).toMatchObject({ startOn: '2020-03-02', endOn: '2020-03-15', done: 3, missed: 1 });
  });

  it('counts every day of a period that is over', async () => {
    // 2–8 March: 7 days, 6 checked, the 4th missed.
    expect(await rosterRow({ from: '2020-03-02', to: '2020-03-08' })).toMatchObject({ done: 6, missed: 1 });
  });
});
