/**
 * An observation sheet from 2020 imported today (the clock at 2026-12-04): 今日随访 listed its people under 逾期未监测 as
 * 「漏查 14 天（首次 2020-02-10）」, as if fourteen visits were owed now, and the grid flagged 14 in red. The days were
 * already the window's own (never counted past its end); what was untrue was calling them checks still to be made. Now an
 * ended window is 待解除观察 alone, saying 「已于 2020-02-23 期满，期内 14 天无监测记录」, the grid and the drawer say
 * 观察期已满, and 逾期未监测 (today.list and the grid's filter alike) holds windows still running.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeCsv } from '../import/files';

let t: TestLedger;
beforeEach(async () => {
  t = await openTestLedger({ now: '2026-12-04T02:00:00.000Z' });
  await seedOrg(t);
});
afterEach(() => t.close());

const ID = (n: number) => makeIdNumber('410105', '1962-03-12', n);

async function importSheet(rows: string[][]): Promise<void> {
  const path = writeCsv(join(scratch(), '东风社区居家观察.csv'), [['姓名', '身份证号', '人员类别', '观察开始日期', '观察天数', '社区'], ...rows], 'gbk');
  const { mapping } = await t.call('import.inspect', { path, target: 'cases' });
  const pre = await t.call('import.preview', { path, target: 'cases', mapping });
  expect(pre.counts).toMatchObject({ created: rows.length, rejected: 0 });
  await t.call('import.commit', { path, target: 'cases', mapping, previewId: pre.previewId });
}

const check = (caseId: number, checkDate: string) => ({ caseId, checkDate, temperature: 36.5, method: 'phone' as const, checkedBy: '刘网格' });

describe('an observation sheet from 2020 imported in 2026', () => {
  it('its missed days are the window’s, said as 观察期已满 and 待解除观察, never as checks owed today', async () => {
    await importSheet([
      ['张三', ID(17), '居家观察', '2020-02-10', '14', '东风社区'],
      ['李四', ID(23), '居家观察', '2020-02-10', '14', '东风社区'],
      ['王五', ID(31), '居家观察', '2026-11-28', '14', '东风社区'],
    ]);
    const cases = (await t.call('cases.list', { sort: [{ field: 'name', dir: 'asc' }], offset: 0, limit: 10 })).rows;
    const byName = new Map(cases.map((c) => [c.name, c]));
    // 李四 was checked on four of the window's days.
    for (const day of ['2020-02-10', '2020-02-11', '2020-02-12', '2020-02-13']) await t.call('checks.record', check(byName.get('李四')!.id, day));

    const rows = (await t.call('cases.list', { offset: 0, limit: 10 })).rows;
    const shown = Object.fromEntries(rows.map((c) => [c.name, [c.overdueDays, c.obsEnded]]));
    // Red before: obsEnded did not exist (undefined); the counts were already the window's.
    expect(shown).toEqual({ 张三: [14, true], 李四: [10, true], 王五: [6, false] });
    expect((await t.call('cases.get', { id: byName.get('张三')!.id })).case).toMatchObject({ overdueDays: 14, obsEnded: true });

    const today = await t.call('today.list', {});
    const lines = (kind: string) => today.items.filter((i) => i.kind === kind).map((i) => [i.title, i.detail.split('·')[0]!.trim()]);
    // Red before: 张三 and 李四 listed here, 「漏查 14 天（首次 2020-02-10）」 and 「漏查 10 天（首次 2020-02-14）」.
    expect(lines('check_overdue')).toEqual([['王五', '居家观察，漏查 6 天（首次 2026-11-28）']]);
    expect(lines('release_due')).toEqual([
      ['张三', '居家观察已于 2020-02-23 期满，期内 14 天无监测记录，尚未解除'],
      ['李四', '居家观察已于 2020-02-23 期满，期内 10 天无监测记录，尚未解除'],
    ]);
    // 今日随访's 逾期未监测 and the grid's 只看逾期未监测 are one list (TodayScreen links the one to the other).
    const overdue = await t.call('cases.list', { filter: { overdue: true }, offset: 0, limit: 10 });
    expect([today.counts.check_overdue, overdue.rows.map((c) => c.name)]).toEqual([1, ['王五']]);
  });

  it('a window checked every day says no missed days once ended, and is not 逾期未监测', async () => {
    await importSheet([['张三', ID(17), '居家观察', '2020-02-10', '3', '东风社区']]);
    const [c] = (await t.call('cases.list', { offset: 0, limit: 10 })).rows;
    for (const day of ['2020-02-10', '2020-02-11', '2020-02-12']) await t.call('checks.record', check(c!.id, day));
    expect((await t.call('cases.list', { offset: 0, limit: 10 })).rows.map((r) => [r.overdueDays, r.obsEnded])).toEqual([[0, true]]);
    const today = await t.call('today.list', {});
    expect(today.counts.check_overdue).toBe(0);
    expect(today.items.find((i) => i.kind === 'release_due')?.detail).toMatch(/^居家观察已于 2020-02-12 期满，尚未解除/);
  });
});
