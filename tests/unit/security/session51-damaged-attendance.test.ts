/**
 * The thirty-seventh attack run (issue 19, session 51): a member whose staff row was changed outside the program
 * (viewer1's key, the database alone) is refused a new shift (rota.assign, S49-A6's edge), but a shift planned before
 * the change is still on the rota. Online as the coordinator through Core.call.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockLabel, DEFAULT_RULES } from '../../../electron/core/rota/types.shared';
import { admitAt, type TestLedger } from '../../helpers/ledger';
import type { RotaFixture } from '../rota/fixture';
import { changedOffline, chenObservedOffice } from '../rota/observed-staff';

let t: TestLedger;
let f: RotaFixture;
let wang: number;
// Wednesday 2020-02-19, 10:00 in 郑州: the 18th's shifts can be confirmed.
const WEEK = { from: '2020-02-17', to: '2020-02-23' };
const NEXT_DAY = '2020-02-19T02:00:00.000Z';
const shift = (day: string, staffId: number) => ({ day, postId: f.screening, shiftId: f.shifts.day, staffId });

beforeEach(async () => {
  ({ t, f, wang } = await chenObservedOffice());
});
afterEach(() => t.close());

describe('S51: a damaged member’s shift planned before the change', () => {
  it('S51-A1: 一键确认 does not confirm it as worked, nor a confirmation one by one; the pay sheet pays nothing under the forged name', async () => {
    const hers = (await t.call('rota.assign', shift('2020-02-18', wang))).id;
    // Offline: 王芳's row given another name (who signs for her pay on 补助发放表).
    await changedOffline(t, `UPDATE staff SET name = '李四' WHERE id = @wang`, { wang });
    await admitAt(t, NEXT_DAY);
    const day = await t.call('rota.attendance.list', { day: '2020-02-18' });
    expect(day.rows.find((r) => r.assignmentId === hers)?.flag).toBe(blockLabel('damaged', DEFAULT_RULES));
    const r = await t.call('rota.attendance.confirmDay', { day: '2020-02-18' });
    expect(r.confirmed).toBe(0);
    expect(r.skipped).toEqual([expect.objectContaining({ assignmentId: hers, staffName: '李四' })]);
    const one = await t.fail('rota.attendance.confirm', { entries: [{ assignmentId: hers, status: 'present' }] });
    expect(one.code).toBe('CONFLICT');
    const pay = (await t.call('rota.allowances', { from: '2020-02-17', to: '2020-02-23' })).find((x) => x.staffId === wang);
    expect(pay?.shifts ?? 0).toBe(0);
    // 缺勤 can still be said.
    await t.call('rota.attendance.confirm', { entries: [{ assignmentId: hers, status: 'absent', note: '记录被改动，核实中' }] });
  }, 60_000);

  it('an intact member’s shift of the same day is confirmed as before', async () => {
    const hers = (await t.call('rota.assign', shift('2020-02-18', wang))).id;
    await admitAt(t, NEXT_DAY);
    const r = await t.call('rota.attendance.confirmDay', { day: '2020-02-18' });
    expect(r).toMatchObject({ confirmed: 1, skipped: [] });
    expect((await t.call('rota.attendance.list', { day: '2020-02-18' })).rows.find((x) => x.assignmentId === hers)?.flag).toBeNull();
  }, 60_000);

  it('S51-A3: the calendar’s 缺 N 人 and the printed roster count her shift as open, the roster marks her name 记录被改动', async () => {
    await t.call('rota.assign', shift('2020-02-18', wang));
    const open18 = async () =>
      (await t.call('rota.calendar', WEEK)).open.filter((o) => o.day === '2020-02-18' && o.postId === f.screening && o.shiftId === f.shifts.day);
    const cell = async () => {
      const roster = await t.call('rota.roster', { ...WEEK, phones: 'masked' });
      return roster.communities.flatMap((c) => c.posts.filter((p) => p.id === f.screening).map((p) => p.cells[`2020-02-18|${f.shifts.day}`]));
    };
    expect(await open18()).toEqual([]);
    await changedOffline(t, `UPDATE staff SET name = '李四' WHERE id = @wang`, { wang });
    // Before: no position open, and 「李四」 printed at the post as if she were on it.
    expect(await open18()).toEqual([{ day: '2020-02-18', postId: f.screening, shiftId: f.shifts.day, missing: 1 }]);
    expect(await cell()).toEqual([{ names: [expect.objectContaining({ name: '李四', away: '记录被改动' })], missing: 1 }]);
    // The full phones are not printed while her row is damaged (fail-closed, held): the refusal names the row.
    expect((await t.fail('rota.roster', { ...WEEK, phones: 'full' })).code).toBe('LEDGER_DAMAGED');
  }, 60_000);
});
