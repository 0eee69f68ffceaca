/**
 * The observation and fever figures at their edges, counted by hand: an observation that starts on 29 February
 * (14 days: 29 Feb … 13 Mar), one across a month end (31 Jan … 13 Feb), who is 今天待监测 at 23:59 and who is
 * overdue at 00:01 in the office's zone (Asia/Shanghai, the process in any zone), and the fever line (≥ the 监测标准
 * setting: 37.3 is a fever at 37.3, 37.4 is not one at 37.5; 「无。」 is no symptom).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lateNote, type TodayItem } from '../../../electron/core/caseload/today-types.shared';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { drill } from '../../../renderer/src/features/dashboard/drill';
import { choiceFrom, filterOf } from '../../../renderer/src/features/caseload/case-grid-filter';

let t: TestLedger;
let leap: number;
let monthEnd: number;
const at = (instant: string) => admitAt(t, instant);
/** The rows the case grid shows after a click on 工作台's link (its URL read as the grid reads it). */
const rowsAfterClick = async (link: string) => (await t.call('cases.list', { filter: filterOf(choiceFrom(new URLSearchParams(link.split('?')[1]))) })).total;
/** 23:59 and 00:01 in 郑州 on the night of 13 → 14 March 2020, written in UTC. */
const BEFORE_MIDNIGHT = '2020-03-13T15:59:00.000Z';
const AFTER_MIDNIGHT = '2020-03-13T16:01:00.000Z';

beforeAll(async () => {
  t = await openTestLedger({ now: '2020-01-31T02:00:00.000Z' });
  const community = (await t.call('org.communities.save', { name: '幸福社区' })).id;
  const grid = (await t.call('org.grids.save', { communityId: community, name: '第一网格' })).id;
  const house = (await t.call('households.save', { communityId: community, gridId: grid, addressText: '幸福路1号', screeningStatus: 'screened' })).id;
  const person = async (name: string, n: number) =>
    (await t.call('residents.save', { householdId: house, name, idNumber: makeIdNumber('410102', '1980-01-01', 200 + n) })).id;
  const a = await person('周一', 1);
  const b = await person('周二', 2);
  monthEnd = (await t.call('cases.open', { residentId: a, category: 'home_observation', obsStartOn: '2020-01-31' })).id;
  await at('2020-02-29T02:00:00.000Z');
  leap = (await t.call('cases.open', { residentId: b, category: 'home_observation', obsStartOn: '2020-02-29' })).id;
  await at(BEFORE_MIDNIGHT);
  const check = (checkDate: string, temperature: number, symptoms?: string) =>
    t.call('checks.record', { caseId: leap, checkDate, temperature, method: 'phone', checkedBy: '刘晓燕', ...(symptoms ? { symptoms } : {}) });
  // 29 Feb … 12 Mar checked (13 days), 13 Mar not yet. Four readings at the fever line's edges.
  await check('2020-02-29', 37.3); // = 37.3: a fever
  await check('2020-03-01', 37.2); // below
  await check('2020-03-02', 36.5, '无。'); // 「无」 is no symptom
  await check('2020-03-03', 36.5, '咳嗽'); // a symptom
  await t.call('caseload.settings.update', { feverThreshold: 37.5, observationDays: 14 });
  await check('2020-03-04', 37.4); // below the office's new line
  await check('2020-03-05', 37.5); // = 37.5: a fever
  for (const d of ['06', '07', '08', '09', '10', '11', '12']) await check(`2020-03-${d}`, 36.6);
});
afterAll(() => t?.close());

describe('an observation from 29 February and one across a month end', () => {
  it('ends on the 14th day counted from the first: 13 March and 13 February', async () => {
    expect((await t.call('cases.get', { id: leap })).case.obsEndOn).toBe('2020-03-13');
    expect((await t.call('cases.get', { id: monthEnd })).case.obsEndOn).toBe('2020-02-13');
  });

  it('at 23:59 on the last day: observed, due today, not overdue, not awaiting release', async () => {
    await at(BEFORE_MIDNIGHT);
    const s = await t.call('dashboard.summary', {});
    expect(s.today).toBe('2020-03-13');
    // Only the leap-day case is observed today; the month-end one ended 13 Feb, never checked (14 days missed): it awaits
    // release, its missed days said there, and is not 逾期未监测 (w50-import: no check is owed once the window has ended).
    expect(s.caseload).toMatchObject({ observing: { total: 1, home: 1, medical: 0 }, uncheckedToday: 1, checksOverdue: 0, awaitingRelease: 1 });
    // 正在观察 1 and its 居家观察 1 open a grid of that one case, not of the ended window awaiting release too (w67 walk:
    // the demo's tile said 5 and the grid after the click 共 6 条).
    expect(await rowsAfterClick(drill.observing({ communityId: null }))).toBe(1);
    expect(await rowsAfterClick(drill.observing({ communityId: null }, 'home_observation'))).toBe(1);
    const today = await t.call('today.list', {});
    expect(today.counts).toMatchObject({ check_due: 1, check_overdue: 0, release_due: 1 });
    expect(today.items.find((i) => i.kind === 'check_due')?.caseId).toBe(leap);
    const ended = today.items.find((i) => i.kind === 'release_due');
    expect(ended).toMatchObject({ caseId: monthEnd, dueOn: '2020-02-14' });
    expect(ended?.detail).toContain('居家观察已于 2020-02-13 期满，期内 14 天无监测记录，尚未解除');
    expect((await t.call('cases.get', { id: monthEnd })).case).toMatchObject({ overdueDays: 14, obsEnded: true });
    // The trend counts the month-end case on its last day, 13 Feb, and not on the 14th.
    const trend = s.caseload!.observationTrend;
    expect(trend.find((p) => p.day === '2020-02-13')?.observing).toBe(1);
    expect(trend.find((p) => p.day === '2020-02-14')?.observing).toBe(0);
    expect(trend.find((p) => p.day === '2020-02-29')?.observing).toBe(1);
  });

  it('at 00:01 the next day: the leap-day case awaits release with its last day unchecked, nobody is due or overdue', async () => {
    await at(AFTER_MIDNIGHT);
    const s = await t.call('dashboard.summary', {});
    expect(s.today).toBe('2020-03-14');
    expect(s.caseload).toMatchObject({ observing: { total: 0, home: 0, medical: 0 }, uncheckedToday: 0, checksOverdue: 0, awaitingRelease: 2 });
    expect(await rowsAfterClick(drill.observing({ communityId: null }))).toBe(0);
    const today = await t.call('today.list', {});
    expect(today.counts).toMatchObject({ check_due: 0, check_overdue: 0, release_due: 2 });
    const leapItem = today.items.find((i) => i.kind === 'release_due' && i.caseId === leap);
    expect(leapItem?.detail).toContain('居家观察已于 2020-03-13 期满，期内 1 天无监测记录，尚未解除');
    expect((await t.call('cases.get', { id: leap })).case).toMatchObject({ overdueDays: 1, obsEnded: true, firstMissingCheckOn: '2020-03-13' });
    expect((await t.call('cases.list', { filter: { overdue: true } })).total).toBe(0);
  });
});

describe('the fever line', () => {
  it('counts a reading at or above the 监测标准 of its day, and a symptom, as 人次 to deal with', async () => {
    // 37.3 (line 37.3), 咳嗽, 37.5 (line 37.5): three; 37.2, 「无。」 and 37.4 (line 37.5) are not.
    const s = await t.call('dashboard.summary', {});
    expect(s.caseload).toMatchObject({ escalations: 3, oldestEscalationDay: '2020-02-29' });
    const today = await t.call('today.list', {});
    expect(today.counts.escalation).toBe(3);
  });
});

describe('「（应于 3月10日，已逾期 3 天）」 on 今日随访', () => {
  const base = { title: '李桂兰', communityName: '幸福社区', gridName: null, residentId: 1 };
  it('is added to a late line that does not name its day, and not to one that does or is not late', () => {
    const care: TodayItem = {
      ...base,
      kind: 'care_visit_due',
      key: 'care:1',
      careTaskId: 1,
      standalone: true,
      detail: '独居老人 · 幸福路1号',
      dueOn: '2020-03-10',
    };
    expect(lateNote(care, '2020-03-13')).toBe('（应于 3月10日，已逾期 3 天）');
    // A line that names the day in words says it already; 13月10日 is not 3月10日.
    expect(lateNote({ ...care, detail: '约定 3月10日 回访' }, '2020-03-13')).toBeNull();
    expect(lateNote({ ...care, detail: '见 13月10日' }, '2020-03-13')).not.toBeNull();
    expect(lateNote({ ...care, dueOn: '2020-03-13' }, '2020-03-13')).toBeNull();
    const need: TodayItem = { ...base, kind: 'care_need_open', key: 'need:1', visitId: 1, detail: '2020-03-10 走访提出：买药', dueOn: '2020-03-10' };
    expect(lateNote(need, '2020-03-13')).toBeNull();
  });
});
