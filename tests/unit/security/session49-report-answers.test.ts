/**
 * Issue 19, attack run 49 (target 3): 生成上报包's choice of the 定期报表 a package answers (session 48,
 * io/export/report-answers.ts; export.write's `answers`, checked again in the log row's transaction). Attempts: a clerk
 * and a viewer calling it; two packages answering the same report at once (two calls in flight in-process), of other
 * periods and of the same period; a package whose period is weeks before the report's week; the schedule's 上报日
 * changed and the schedule removed after it was answered.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TestLedger } from '../../helpers/ledger';
import { ZIP_PASSWORD } from '../export/fixture';
import { WEEKLY, weeklyReportOffice, type WeeklyReportOffice } from '../export/weekly-report';

let o: WeeklyReportOffice;
afterEach(() => o.close());
let t: TestLedger;
let out: string;
/** The 周五 report's office (weekly-report.ts); its schedule's id. */
const open = async (): Promise<number> => ({ t, out } = o = await weeklyReportOffice('taizhang-s49-answers-')).id;
type Answer = { scheduleId: number; dueDay: string } | null;
const input = (period: { from: string; to: string }, answers?: Answer) => ({
  ...period,
  formIds: WEEKLY.formIds,
  emptyConfirmed: WEEKLY.formIds,
  folder: out,
  password: ZIP_PASSWORD,
  ...(answers !== undefined ? { answers } : {}),
});
const THIS_WEEK = { from: '2020-03-02', to: '2020-03-02' };
const LAST_WEEK = { from: '2020-02-24', to: '2020-03-01' };
const logRows = async () => (await t.call('export.log', {})).rows;

describe('S49: who may choose, and racing answers', () => {
  it('a clerk and a viewer: export.write and export.answers are FORBIDDEN (held)', async () => {
    const id = await open();
    for (const who of ['clerk', 'viewer'] as const) {
      const sid = await t.sessionAs(who, `${who}9`);
      expect((await t.fail('export.write', input(THIS_WEEK, { scheduleId: id, dueDay: '2020-03-06' }), sid)).code).toBe('FORBIDDEN');
      expect((await t.fail('export.answers', { ...THIS_WEEK, formIds: WEEKLY.formIds }, sid)).code).toBe('FORBIDDEN');
    }
  }, 60_000);

  it('two packages of other periods answering one report at once: one is refused in its transaction (held)', async () => {
    const id = await open();
    const a = { scheduleId: id, dueDay: '2020-03-06' };
    const got = await Promise.allSettled([
      t.call('export.write', input(THIS_WEEK, a)),
      t.call('export.write', input({ from: '2020-03-01', to: '2020-03-02' }, a)),
    ]);
    expect(got.map((g) => g.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await logRows()).filter((r) => r.scheduleId === id)).toHaveLength(1);
  }, 90_000);

  it('S49-A7: two packages of the same period at once: one is refused, not a second first report answering the report', async () => {
    const id = await open();
    const a = { scheduleId: id, dueDay: '2020-03-06' };
    const got = await Promise.allSettled([t.call('export.write', input(THIS_WEEK, a)), t.call('export.write', input(THIS_WEEK, a))]);
    expect(got.map((g) => g.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = got.find((g) => g.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ error: { code: 'CONFLICT', message: expect.stringContaining('请重新生成（将作为更正）') } });
    expect((await logRows()).map((r) => [r.isCorrection, r.scheduleId])).toEqual([[false, id]]);
    // Made again, it is the 更正, answering what the first answered.
    const again = await t.call('export.write', input(THIS_WEEK, a));
    expect(again.correction).toBe(true);
  }, 90_000);
});

describe('S49: what a chosen report may be', () => {
  it('S49-A8: a package of January’s first week is neither offered nor accepted as this week’s (or last week’s) report', async () => {
    const id = await open();
    const JANUARY = { from: '2020-01-01', to: '2020-01-07' };
    const offered = await t.call('export.answers', { ...JANUARY, formIds: WEEKLY.formIds });
    expect(offered).toMatchObject({ options: [], suggested: null, correction: null });
    await expect(t.call('export.write', input(JANUARY, { scheduleId: id, dueDay: '2020-03-06' }))).rejects.toMatchObject({
      error: {
        code: 'BAD_INPUT',
        message: expect.stringContaining('「对应定期报表」：上报包的期间到 2020-01-07 为止，在「重点人员周报」上一期的应报日期 2020-02-28 之前'),
      },
    });
    // A period ending on the previous due day is last week's; one past it may answer this week's (held as before).
    await expect(t.call('export.write', input({ from: '2020-02-22', to: '2020-02-28' }, { scheduleId: id, dueDay: '2020-03-06' }))).rejects.toMatchObject({
      error: { code: 'BAD_INPUT' },
    });
    expect((await t.call('export.write', input({ from: '2020-02-23', to: '2020-02-29' }, { scheduleId: id, dueDay: '2020-03-06' }))).logId).toBeGreaterThan(0);
  }, 60_000);

  it('the 上报日 changed, then the schedule removed, after it was answered: the week is not open again; the log keeps its answer (held)', async () => {
    const id = await open();
    const sent = await t.call('export.write', input(THIS_WEEK, { scheduleId: id, dueDay: '2020-03-06' }));
    await t.call('export.schedules.save', { id, ...WEEKLY, weekday: 2 });
    const offered = await t.call('export.answers', { ...LAST_WEEK, formIds: WEEKLY.formIds });
    expect(offered.options.map((o) => [o.dueDay, o.state])).toEqual([['2020-02-26', 'overdue']]);
    await t.call('export.schedules.remove', { id });
    expect((await logRows()).find((r) => r.id === sent.logId)).toMatchObject({ scheduleId: id, dueDay: '2020-03-06', scheduleTitle: '重点人员周报' });
  }, 60_000);
});
