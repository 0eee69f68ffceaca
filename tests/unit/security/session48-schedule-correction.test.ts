/**
 * Issue 19, attack run 48 (target 3): 上报日历's period rule (io/export/calendar.ts scheduleAnsweredBy). S48-A3: a 更正
 * (a package for a period already sent: the package says so itself) not started from the calendar answered another
 * report of the same forms. With a 周一 and a 周四 report, Monday's report sent from the calendar, then its 更正 the same
 * day: the 周四 report read 已报 on Monday (its period, to Sunday, ends after Thursday's previous due day), and the
 * calendar kept no reminder for a report that had not gone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { seedSmallOffice, ZIP_PASSWORD } from '../export/fixture';

let t: TestLedger;
let out: string;
afterEach(() => {
  t.close();
  rmSync(out, { recursive: true, force: true });
});

const WEEKLY = { recipient: '区疫情防控指挥部', formIds: ['caseload-summary'], dueTime: '17:00' };
const write = (from: string, to: string, schedule: { answers?: { scheduleId: number; dueDay: string } } = {}) =>
  t.call('export.write', { from, to, formIds: WEEKLY.formIds, folder: out, password: ZIP_PASSWORD, ...schedule });
const logRow = async (logId: number) => (await t.call('export.log', {})).rows.find((r) => r.id === logId)!;
const stateOf = async (id: number) => (await t.call('export.schedules.list', {})).find((s) => s.id === id)!;

describe('S48-A3: a 更正 not started from 上报日历', () => {
  it('Monday’s report sent, then its 更正: the 周四 report is still 待报', async () => {
    t = await openTestLedger({ now: '2020-03-02T02:00:00.000Z' });
    seedSmallOffice(t);
    out = mkdtempSync(join(tmpdir(), 'taizhang-s48-'));
    const monday = await t.call('export.schedules.save', { ...WEEKLY, title: '周一周报', weekday: 0 });
    const thursday = await t.call('export.schedules.save', { ...WEEKLY, title: '周四周报', weekday: 3 });
    const sent = await write('2020-02-24', '2020-03-01', { answers: { scheduleId: monday.id, dueDay: '2020-03-02' } });
    expect(sent.correction).toBe(false);
    const again = await write('2020-02-24', '2020-03-01');
    expect(again.correction).toBe(true);
    expect(await logRow(again.logId)).toMatchObject({ scheduleId: null, dueDay: null });
    expect(await stateOf(thursday.id)).toMatchObject({ dueDay: '2020-03-05', state: 'upcoming', sentLogId: null });
  });

  it('held: a first package for this week’s period, not from the calendar, still answers the 周四 report', async () => {
    t = await openTestLedger({ now: '2020-03-05T02:00:00.000Z' });
    seedSmallOffice(t);
    out = mkdtempSync(join(tmpdir(), 'taizhang-s48-'));
    const thursday = await t.call('export.schedules.save', { ...WEEKLY, title: '周四周报', weekday: 3 });
    const sent = await write('2020-02-27', '2020-03-04');
    expect(await logRow(sent.logId)).toMatchObject({ scheduleId: thursday.id, dueDay: '2020-03-05' });
  });
});
