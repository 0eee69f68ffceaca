/**
 * The thirty-third attack run (session 47), target 6: 上报日历's sentInWeek (io/export/queries.ts, S46-A3): a schedule's
 * report counts as sent for the week its due day falls in. A 上报日 moved twice in a week, and a week crossing a year.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { PERIOD, seedSmallOffice, ZIP_PASSWORD } from '../export/fixture';

let t: TestLedger;
let out: string;
async function open(now: string) {
  t = await openTestLedger({ now });
  seedSmallOffice(t);
  out = mkdtempSync(join(tmpdir(), 'taizhang-s47-'));
}
afterEach(() => {
  t.close();
  rmSync(out, { recursive: true, force: true });
});

const WEEKLY = { title: '重点人员周报', recipient: '区疫情防控指挥部', formIds: ['caseload-summary'], dueTime: '17:00' };
const stateOf = async (id: number) => (await t.call('export.schedules.list', {})).find((s) => s.id === id)!;
const write = () => t.call('export.write', { ...PERIOD, formIds: WEEKLY.formIds, folder: out, password: ZIP_PASSWORD });
const linkOf = async (logId: number) => (await t.call('export.log', {})).rows.find((r) => r.id === logId)!;

describe('上报日历 across a week', () => {
  it('held: sent on Monday, moved to Tuesday and then to Friday in the same week: 已报 all week; the next week reads 待报 again', async () => {
    await open('2020-02-17T01:00:00.000Z');
    const s = await t.call('export.schedules.save', { ...WEEKLY, weekday: 0 });
    const sent = await write();
    expect(await linkOf(sent.logId)).toMatchObject({ scheduleId: s.id, dueDay: '2020-02-17' });
    await admitAt(t, '2020-02-19T02:00:00.000Z');
    await t.call('export.schedules.save', { id: s.id, ...WEEKLY, weekday: 1 });
    await admitAt(t, '2020-02-20T02:00:00.000Z');
    await t.call('export.schedules.save', { id: s.id, ...WEEKLY, weekday: 4 });
    expect(await stateOf(s.id)).toMatchObject({ dueDay: '2020-02-21', state: 'sent', sentLogId: sent.logId });
    expect(await linkOf((await write()).logId)).toMatchObject({ scheduleId: null });
    await admitAt(t, '2020-02-24T02:00:00.000Z');
    expect(await stateOf(s.id)).toMatchObject({ dueDay: '2020-02-28', state: 'upcoming', sentLogId: null });
  }, 60_000);

  it('held: a week from Monday 28 December to Sunday 3 January: a Friday report due 1 January, sent on 30 December, reads 已报 on 2 January and 待报 on 4 January', async () => {
    await open('2020-12-30T01:00:00.000Z');
    const s = await t.call('export.schedules.save', { ...WEEKLY, weekday: 4 });
    // The week's own figures (a package of an old period answers no report of this week: export/schedule-answer.test).
    const sent = await t.call('export.write', { from: '2020-12-21', to: '2020-12-27', formIds: WEEKLY.formIds, folder: out, password: ZIP_PASSWORD });
    expect(await linkOf(sent.logId)).toMatchObject({ scheduleId: s.id, dueDay: '2021-01-01' });
    await admitAt(t, '2021-01-02T02:00:00.000Z');
    expect(await stateOf(s.id)).toMatchObject({ dueDay: '2021-01-01', state: 'sent' });
    await admitAt(t, '2021-01-04T02:00:00.000Z');
    expect(await stateOf(s.id)).toMatchObject({ dueDay: '2021-01-08', state: 'upcoming', sentLogId: null });
  }, 60_000);
});
