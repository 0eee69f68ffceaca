/**
 * 生成上报包 asks which 定期报表 a package answers (io/export/report-answers.ts): the open reports (this week's, last
 * week's overdue one) or 不对应定期报表（临时报送）, the core's suggestion preselected. Before, a package not started
 * from 上报日历 was linked by calendar.ts scheduleAnsweredBy's guess, and last week's 周五 report whose period ran to
 * Sunday, sent late on Monday, made this week's read 已报 before it had gone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TestLedger } from '../../helpers/ledger';
import { ZIP_PASSWORD } from './fixture';
import { WEEKLY, weeklyReportOffice, type WeeklyReportOffice } from './weekly-report';

let o: WeeklyReportOffice;
let t: TestLedger;
let out: string;
async function open(): Promise<number> {
  o = await weeklyReportOffice('taizhang-choice-');
  ({ t, out } = o);
  return o.id;
}
afterEach(() => o.close());

/** Last week, Monday to Sunday: it runs past last week's 周五 due day. */
const LAST_WEEK = { from: '2020-02-24', to: '2020-03-01' };
type Answer = { scheduleId: number; dueDay: string } | null;
const write = (period: { from: string; to: string }, answers?: Answer, formIds = WEEKLY.formIds) =>
  t.call('export.write', { ...period, formIds, folder: out, password: ZIP_PASSWORD, ...(answers !== undefined ? { answers } : {}) });
const logOf = async (logId: number) => (await t.call('export.log', {})).rows.find((r) => r.id === logId)!;
const stateOf = async (id: number) => (await t.call('export.schedules.list', {})).find((s) => s.id === id)!;
const options = (period: { from: string; to: string }, formIds = WEEKLY.formIds) => t.call('export.answers', { ...period, formIds });

describe('生成上报包: the report a package answers, chosen', () => {
  it('last week’s 周五 report sent on Monday for the week to Sunday: suggested and stored as last week’s; this week’s still reads 待报', async () => {
    const id = await open();
    const offered = await options(LAST_WEEK);
    expect(offered.options.map((o) => [o.dueDay, o.state, o.lastWeek])).toEqual([
      ['2020-02-28', 'overdue', true],
      ['2020-03-06', 'upcoming', false],
    ]);
    expect(offered).toMatchObject({ suggested: { scheduleId: id, dueDay: '2020-02-28' }, correction: null });
    const sent = await write(LAST_WEEK, offered.suggested);
    expect(await logOf(sent.logId)).toMatchObject({ scheduleId: id, dueDay: '2020-02-28', scheduleTitle: '重点人员周报' });
    // Stored with its audit row, in the same transaction.
    const audit = t.core.services.ledger
      .handle()
      .prepare(`SELECT after_json AS a FROM audit_log WHERE entity = 'export' AND entity_id = @id`)
      .get({ id: String(sent.logId) }) as { a: string };
    expect(JSON.parse(audit.a)).toMatchObject({ scheduleId: id, dueDay: '2020-02-28' });
    expect(await stateOf(id)).toMatchObject({ dueDay: '2020-03-06', state: 'upcoming', sentLogId: null });
    expect((await options({ from: '2020-03-02', to: '2020-03-06' })).options.map((o) => o.dueDay)).toEqual(['2020-03-06']);
  }, 60_000);

  it('held: without a choice a package keeps today’s guess (this week’s report), as every package sent before did', async () => {
    const id = await open();
    const sent = await write(LAST_WEEK);
    expect(await logOf(sent.logId)).toMatchObject({ scheduleId: id, dueDay: '2020-03-06' });
  }, 60_000);

  it('不对应定期报表（临时报送）: answers none, though the guess would have taken this week’s', async () => {
    const id = await open();
    const sent = await write(LAST_WEEK, null);
    expect(await logOf(sent.logId)).toMatchObject({ scheduleId: null, dueDay: null, scheduleTitle: null });
    expect(await stateOf(id)).toMatchObject({ state: 'upcoming', sentLogId: null });
  }, 60_000);

  it('refuses in Chinese, naming the field: a report that is not there, one already answered, a week not open, forms it lacks', async () => {
    const id = await open();
    await expect(write(LAST_WEEK, { scheduleId: id + 99, dueDay: '2020-03-06' })).rejects.toMatchObject({
      error: { code: 'BAD_INPUT', message: expect.stringContaining('「对应定期报表」：没有这项定期报表') },
    });
    await expect(write(LAST_WEEK, { scheduleId: id, dueDay: '2020-02-21' })).rejects.toMatchObject({
      error: { code: 'BAD_INPUT', message: expect.stringContaining('没有应报日期为 2020-02-21 的待报一期') },
    });
    await write({ from: '2020-03-02', to: '2020-03-02' }, { scheduleId: id, dueDay: '2020-03-06' });
    await expect(write(LAST_WEEK, { scheduleId: id, dueDay: '2020-03-06' })).rejects.toMatchObject({
      error: { code: 'BAD_INPUT', message: expect.stringContaining('「对应定期报表」：「重点人员周报」应报日期 2020-03-06 的一期已经报送过') },
    });
    await expect(write(LAST_WEEK, { scheduleId: id, dueDay: '2020-02-28' }, ['observation-roster'])).rejects.toMatchObject({
      error: { code: 'BAD_INPUT', message: expect.stringContaining('「重点人员周报」要报的表格没有全部勾选') },
    });
    await expect(write(LAST_WEEK, { scheduleId: id, dueDay: '3月6日' })).rejects.toMatchObject({
      error: { code: 'BAD_INPUT', message: expect.stringContaining('对应定期报表') },
    });
    // Nothing refused was kept.
    expect((await t.call('export.log', {})).total).toBe(1);
  }, 60_000);

  it('a 更正 answers the report its original answered, and only that', async () => {
    const id = await open();
    const first = await write(LAST_WEEK, { scheduleId: id, dueDay: '2020-02-28' });
    const offered = await options(LAST_WEEK);
    expect(offered).toMatchObject({ correction: { answers: { scheduleId: id, dueDay: '2020-02-28' }, title: '重点人员周报' } });
    await expect(write(LAST_WEEK, null)).rejects.toMatchObject({
      error: {
        code: 'BAD_INPUT',
        message: expect.stringContaining('「对应定期报表」：这个期间已经上报过，本次是更正，应与原上报包一样对应「重点人员周报」（应报日期 2020-02-28）'),
      },
    });
    await expect(write(LAST_WEEK, { scheduleId: id, dueDay: '2020-03-06' })).rejects.toMatchObject({ error: { code: 'BAD_INPUT' } });
    const again = await write(LAST_WEEK, offered.correction!.answers);
    expect(again.correction).toBe(true);
    expect(await logOf(again.logId)).toMatchObject({ scheduleId: id, dueDay: '2020-02-28' });
    expect(first.logId).not.toBe(again.logId);
    expect(await stateOf(id)).toMatchObject({ state: 'upcoming', sentLogId: null });
  }, 60_000);
});
