/**
 * Which 定期报表 a package answers when it was not started from 上报日历 (io/export/calendar.ts scheduleAnsweredBy): the
 * first of this week's unsent reports whose forms it covers, if its period ends after that report's previous due day.
 * Before, any such package answered this week's report: last week's overdue report sent on Monday, or an old period's
 * 更正, made this week's read 已报 before it had gone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { seedSmallOffice, ZIP_PASSWORD } from './fixture';

let t: TestLedger;
let out: string;
async function open(now: string) {
  t = await openTestLedger({ now });
  seedSmallOffice(t);
  out = mkdtempSync(join(tmpdir(), 'taizhang-answer-'));
}
afterEach(() => {
  t.close();
  rmSync(out, { recursive: true, force: true });
});

const WEEKLY = { title: '重点人员周报', recipient: '区疫情防控指挥部', formIds: ['caseload-summary'], dueTime: '17:00' };
const write = (from: string, to: string) => t.call('export.write', { from, to, formIds: WEEKLY.formIds, folder: out, password: ZIP_PASSWORD });
const answered = async (from: string, to: string) => {
  const { logId } = await write(from, to);
  return (await t.call('export.log', {})).rows.find((r) => r.id === logId)!;
};
const stateOf = async (id: number) => (await t.call('export.schedules.list', {})).find((s) => s.id === id)!;

describe('a package not started from 上报日历', () => {
  it('sent on Monday 2 March for the week to Friday 28 February (last week’s 周五 report, overdue) answers no report of this week', async () => {
    await open('2020-03-02T02:00:00.000Z');
    const s = await t.call('export.schedules.save', { ...WEEKLY, weekday: 4 });
    expect(await answered('2020-02-24', '2020-02-28')).toMatchObject({ scheduleId: null, dueDay: null });
    expect(await stateOf(s.id)).toMatchObject({ dueDay: '2020-03-06', state: 'upcoming', sentLogId: null });
  });

  it('a 更正 of February sent in March answers no report of this week', async () => {
    await open('2020-03-02T02:00:00.000Z');
    const s = await t.call('export.schedules.save', { ...WEEKLY, weekday: 0 });
    expect(await answered('2020-02-10', '2020-02-16')).toMatchObject({ scheduleId: null });
    expect(await stateOf(s.id)).toMatchObject({ dueDay: '2020-03-02', state: 'due' });
  });

  it('held: the week to Sunday answers Monday’s report; a late sender whose period runs to Wednesday answers it too', async () => {
    await open('2020-03-02T02:00:00.000Z');
    const monday = await t.call('export.schedules.save', { ...WEEKLY, weekday: 0 });
    expect(await answered('2020-02-24', '2020-03-01')).toMatchObject({ scheduleId: monday.id, dueDay: '2020-03-02' });
    t.close();
    rmSync(out, { recursive: true, force: true });
    await open('2020-03-04T02:00:00.000Z');
    const late = await t.call('export.schedules.save', { ...WEEKLY, weekday: 0 });
    expect((await stateOf(late.id)).state).toBe('overdue');
    expect(await answered('2020-02-26', '2020-03-04')).toMatchObject({ scheduleId: late.id, dueDay: '2020-03-02' });
    expect((await stateOf(late.id)).state).toBe('sent');
  });
});
