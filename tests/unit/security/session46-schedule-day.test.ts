/**
 * The thirty-second attack run (session 46), target 4: settings other than 办公时区 that move a day or a period's
 * boundary. A 定期报表's 上报日 (weekday) changed in a week whose report has gone: S46-A3, the calendar looked for the
 * report under the new weekday's date only, so the week's report read 逾期/待报 again on 上报日历 and 工作台, and the
 * next export of those forms was recorded as answering it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { PERIOD, seedSmallOffice, ZIP_PASSWORD } from '../export/fixture';

let t: TestLedger;
let out: string;
beforeEach(async () => {
  // Monday 17 February 2020, 09:00 in Beijing.
  t = await openTestLedger({ now: '2020-02-17T01:00:00.000Z' });
  seedSmallOffice(t);
  out = mkdtempSync(join(tmpdir(), 'taizhang-s46-'));
});
afterEach(() => {
  t.close();
  rmSync(out, { recursive: true, force: true });
});

const WEEKLY = { title: '重点人员周报', recipient: '区疫情防控指挥部', formIds: ['caseload-summary'], dueTime: '17:00' };
const stateOf = async (id: number) => (await t.call('export.schedules.list', {})).find((s) => s.id === id)!;

describe('a 定期报表’s 上报日 changed in a week whose report has gone', () => {
  it('S46-A3: the week still reads 已报; the next export of those forms answers no report of this week again', async () => {
    const s = await t.call('export.schedules.save', { ...WEEKLY, weekday: 0 });
    await t.call('export.write', {
      ...PERIOD,
      formIds: WEEKLY.formIds,
      folder: out,
      password: ZIP_PASSWORD,
      answers: { scheduleId: s.id, dueDay: '2020-02-17' },
    });
    expect(await stateOf(s.id)).toMatchObject({ dueDay: '2020-02-17', state: 'sent' });
    // Wednesday: the office moves the weekly report to Tuesdays from now on.
    await admitAt(t, '2020-02-19T02:00:00.000Z');
    await t.call('export.schedules.save', { id: s.id, ...WEEKLY, weekday: 1 });
    // Before: { dueDay: '2020-02-18', state: 'overdue' }, and the dashboard counted it overdue.
    expect(await stateOf(s.id)).toMatchObject({ state: 'sent' });
    const again = await t.call('export.write', { ...PERIOD, formIds: WEEKLY.formIds, folder: out, password: ZIP_PASSWORD });
    const log = (await t.call('export.log', {})).rows.find((r) => r.id === again.logId)!;
    expect(log).toMatchObject({ scheduleId: null });
  }, 60_000);
});
