/**
 * The day an observation is released is one of its days, on the roster and on 工作台's 30-day trend alike
 * (observation-days.shared.ts), counted by hand (today Friday 20 March 2020; the roster's week 9–15 March):
 * - 甲 居家观察 1–14 March, checked every day, released on the 14th (its last day): observed 1–14, 14 days.
 * - 乙 居家观察 5–18 March, checked 5–10, released early on the 10th: observed 5–10, 6 days.
 * - 丙 居家观察 2–15 March, checked 2–14, released on the 15th (its last day) without that day's check: observed
 *   2–15, the 15th missed (解除 asked a reason for it).
 * In the week 9–15: 甲 6 days (9–14) all checked, 乙 2 (9–10) checked, 丙 7 (9–15), 6 checked and 1 missed. The
 * trend counts the same days: 2 + 1 + 1 … per day below, 15 person-days in the week = 6 + 2 + 7.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardSummary } from '../../../electron/core/dashboard/types.shared';
import { PART_NAMES } from '../../../electron/core/io/export/package-format';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { ZIP_PASSWORD } from '../export/fixture';
import { partsOf } from '../export/rebuild-package';

let t: TestLedger;
let stick: string;
let summary: DashboardSummary;
const day = (d: number) => `2020-03-${String(d).padStart(2, '0')}`;
const noon = (d: number) => `${day(d)}T04:00:00.000Z`;

beforeAll(async () => {
  t = await openTestLedger({ now: noon(1) });
  stick = mkdtempSync(join(tmpdir(), 'taizhang-release-day-'));
  const community = (await t.call('org.communities.save', { name: '幸福社区' })).id;
  const grid = (await t.call('org.grids.save', { communityId: community, name: '第一网格' })).id;
  const house = (await t.call('households.save', { communityId: community, gridId: grid, addressText: '幸福路1号', screeningStatus: 'screened' })).id;
  const person = async (name: string, n: number) =>
    (await t.call('residents.save', { householdId: house, name, idNumber: makeIdNumber('410102', '1980-01-01', n) })).id;
  const observe = async (residentId: number, start: number) =>
    (await t.call('cases.open', { residentId, category: 'home_observation', obsStartOn: day(start) })).id;
  const checks = async (caseId: number, from: number, to: number) => {
    for (let d = from; d <= to; d++) await t.call('checks.record', { caseId, checkDate: day(d), temperature: 36.5, method: 'phone', checkedBy: '刘晓燕' });
  };
  const jia = await observe(await person('甲', 301), 1);
  await admitAt(t, noon(2));
  const bing = await observe(await person('丙', 302), 2);
  await admitAt(t, noon(5));
  const yi = await observe(await person('乙', 303), 5);
  await admitAt(t, noon(10));
  await checks(yi, 5, 10);
  await t.call('cases.transition', { caseId: yi, to: 'released', reason: '核酸阴性，提前解除' });
  await admitAt(t, noon(14));
  await checks(jia, 1, 14);
  await t.call('cases.transition', { caseId: jia, to: 'released' });
  await admitAt(t, noon(15));
  await checks(bing, 2, 14);
  await t.call('cases.transition', { caseId: bing, to: 'released', reason: '当日未能联系，已由社区医生确认' });
  await admitAt(t, noon(20));
  summary = await t.call('dashboard.summary', {});
});
afterAll(() => {
  t?.close();
  rmSync(stick, { recursive: true, force: true });
});

describe('the release day', () => {
  it('is a day under observation on the 30-day trend', () => {
    expect(summary.today).toBe(day(20));
    const at = (d: number) => summary.caseload!.observationTrend.find((p) => p.day === day(d));
    expect(at(1)).toEqual({ day: day(1), observing: 1, closed: 0 }); // 甲
    expect(at(5)).toEqual({ day: day(5), observing: 3, closed: 0 }); // 甲 丙 乙
    expect(at(10)).toEqual({ day: day(10), observing: 3, closed: 1 }); // 甲 丙 乙 (released that day)
    expect(at(11)).toEqual({ day: day(11), observing: 2, closed: 0 }); // 甲 丙
    expect(at(14)).toEqual({ day: day(14), observing: 2, closed: 1 }); // 甲 (released that day) 丙
    expect(at(15)).toEqual({ day: day(15), observing: 1, closed: 1 }); // 丙 (released that day)
    expect(at(16)).toEqual({ day: day(16), observing: 0, closed: 0 });
    expect(summary.caseload?.observing.total).toBe(0);
    const week = [9, 10, 11, 12, 13, 14, 15].reduce((n, d) => n + at(d)!.observing, 0);
    expect(week).toBe(15);
  });

  it('is a check day on the observation roster: the same days, checked or missed', async () => {
    const written = await t.call('export.write', { from: day(9), to: day(15), formIds: ['observation-roster'], folder: stick, password: ZIP_PASSWORD });
    const data = JSON.parse(Buffer.from((await partsOf(t, written.path)).parts.get(PART_NAMES.data)!).toString('utf8')) as {
      forms: Array<{ id: string; rows: Array<Record<string, unknown>> }>;
    };
    const rows = data.forms.find((f) => f.id === 'observation-roster')!.rows;
    const row = (name: string) => rows.find((r) => r.name === name);
    expect(row('甲')).toMatchObject({ done: 6, missed: 0 });
    expect(row('乙')).toMatchObject({ done: 2, missed: 0 });
    expect(row('丙')).toMatchObject({ done: 6, missed: 1 });
    expect(rows.reduce((n, r) => n + Number(r.done) + Number(r.missed), 0)).toBe(15);
  });
});
