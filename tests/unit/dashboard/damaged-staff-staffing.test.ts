/**
 * S51-A3's 工作台 part: a member whose staff row was changed outside the program (王芳 renamed 「王方」 with viewer1's key)
 * after 自动排班 planned her shifts: on 工作台 those shifts fill no position (7 天内缺岗 goes up by her shifts in the 7 days,
 * 14 天到岗率 down), as one on leave; the coordinator's window checks the rows with its key. Before, her shifts counted as
 * filled and 工作台 said 无 缺岗 while the roster had a name nobody can trust. rota.outlook, the rota's own count of the
 * same figures, likewise (the lead, session 51).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RotaFigures } from '../../../electron/core/dashboard/types.shared';
import type { RotaOutlook } from '../../../electron/core/rota/report-types.shared';
import type { TestLedger } from '../../helpers/ledger';
import { changedOffline, chenObservedOffice, WEEK } from '../rota/observed-staff';

let t: TestLedger;
let wang: number;
let before: RotaFigures;
let outlookBefore: RotaOutlook;
let herShifts: string[];
beforeAll(async () => {
  ({ t, wang } = await chenObservedOffice());
  await t.call('rota.generate', { ...WEEK });
  herShifts = (await t.call('rota.calendar', WEEK)).assignments.filter((a) => a.staffId === wang).map((a) => a.day);
  before = (await t.call('dashboard.summary', {})).rota!;
  outlookBefore = await t.call('rota.outlook', {});
}, 60_000);
afterAll(() => t?.close());

describe('工作台 after a staff row was changed outside the program', () => {
  it('counts her planned shifts as open positions: 7 天内缺岗 up by them, the fill rate down', async () => {
    expect(herShifts.length).toBeGreaterThan(0);
    await changedOffline(t, `UPDATE staff SET name = '王方' WHERE id = @wang`, { wang });
    const after = (await t.call('dashboard.summary', {})).rota!;
    const inWeek = herShifts.filter((d) => d >= WEEK.from && d <= WEEK.to).length;
    expect(after.unfilledNext7).toBe(before.unfilledNext7 + inWeek);
    for (const day of after.days) {
      const was = before.days.find((d) => d.day === day.day)!;
      expect(day.filled, day.day).toBe(was.filled - herShifts.filter((d) => d === day.day).length);
    }
    expect(after.fillRatePct14!).toBeLessThan(before.fillRatePct14!);
    const firstOfHers = herShifts.filter((d) => d <= WEEK.to).sort()[0];
    expect(after.firstGapDay).toBe([before.firstGapDay, firstOfHers].filter((d) => d !== null && d !== undefined).sort()[0]);
    // rota.outlook (the same two figures, as the rota reports them) agrees: her shifts fill nothing there either.
    const outlook = await t.call('rota.outlook', {});
    expect(outlook.unfilledNext7).toBe(outlookBefore.unfilledNext7 + inWeek);
    expect(outlook.unfilledNext7).toBe(after.unfilledNext7);
    expect(outlook.fillRateNext14).toBeLessThan(outlookBefore.fillRateNext14);
  }, 60_000);
});
