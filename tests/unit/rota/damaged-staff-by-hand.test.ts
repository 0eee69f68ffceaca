/**
 * S49-A6's edge (session 50): 自动排班 holds off a member whose staff row was changed outside the program, and now a
 * shift put by hand does too: rota.assign (a new shift from 安排值守, and a chip dragged to another day or onto the
 * member's row: replacesId) refuses in the block reason's own words (blockLabel 'damaged'), checking that one row in
 * the write's transaction. The calendar of a window with the key shows the member's chips and days as damaged; a
 * viewer's window holds no key and cannot tell. Before: every one of these shifts was written, and the calendar said
 * nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockLabel, DEFAULT_RULES } from '../../../electron/core/rota/types.shared';
import type { TestLedger } from '../../helpers/ledger';
import type { RotaFixture } from './fixture';
import { changedOffline, chenObservedOffice, WEEK } from './observed-staff';

const DAMAGED = blockLabel('damaged', DEFAULT_RULES);

let t: TestLedger;
let f: RotaFixture;
let wang: number;
let zhang: number;
const shift = (day: string, staffId: number) => ({ day, postId: f.screening, shiftId: f.shifts.day, staffId });
const daysOf = async (id: number, session?: string) =>
  (await t.call('rota.calendar', WEEK, session)).assignments.filter((a) => a.staffId === id).map((a) => a.day);

beforeEach(async () => {
  ({ t, f, wang } = await chenObservedOffice());
  zhang = f.workers[0]!;
});
afterEach(() => t.close());

describe('a shift by hand for a member whose row was changed outside the program', () => {
  it('安排值守 refuses 「王方」 in the words 自动排班 holds her off with, a clerk and the coordinator alike; nothing written', async () => {
    await changedOffline(t, `UPDATE staff SET name = '王方' WHERE id = @wang`, { wang });
    const clerk = await t.sessionAs('clerk');
    for (const session of ['admin', clerk]) {
      const e = await t.fail('rota.assign', shift('2020-02-18', wang), session);
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toContain(`「王方」不能排在 2020-02-18`);
      expect(e.message).toContain(`违反规则「${DAMAGED}」`);
    }
    expect(await daysOf(wang)).toEqual([]);
    // Only her row: 张伟 is put on the same shift as before.
    await t.call('rota.assign', shift('2020-02-18', zhang));
    expect(await daysOf(zhang)).toEqual(['2020-02-18']);
  }, 60_000);

  it('a chip dragged (replacesId): her own shift to another day, and 张伟’s onto her row, are refused and both shifts stay', async () => {
    const hers = (await t.call('rota.assign', shift('2020-02-18', wang))).id;
    const his = (await t.call('rota.assign', shift('2020-02-19', zhang))).id;
    await changedOffline(t, `UPDATE staff SET name = '王方' WHERE id = @wang`, { wang });
    const moved = await t.fail('rota.assign', { ...shift('2020-02-20', wang), replacesId: hers });
    expect(moved.message).toContain(DAMAGED);
    const swapped = await t.fail('rota.assign', { ...shift('2020-02-19', wang), replacesId: his });
    expect(swapped.message).toContain(DAMAGED);
    expect(await daysOf(wang)).toEqual(['2020-02-18']);
    expect(await daysOf(zhang)).toEqual(['2020-02-19']);
    // Her shift can still be moved off her, to an intact member.
    await t.call('rota.assign', { ...shift('2020-02-20', zhang), replacesId: hers });
    expect(await daysOf(wang)).toEqual([]);
  }, 60_000);

  it('the calendar (a window with the key) marks her shift and her days 记录被改动; a viewer’s cannot tell', async () => {
    await t.call('rota.assign', shift('2020-02-18', wang));
    await changedOffline(t, `UPDATE staff SET name = '王方' WHERE id = @wang`, { wang });
    const cal = await t.call('rota.calendar', WEEK);
    expect(cal.assignments.find((a) => a.staffId === wang)?.problems).toEqual([DAMAGED]);
    expect(cal.away['2020-02-20']).toContainEqual({ staffId: wang, why: 'damaged' });
    expect(cal.assignments.find((a) => a.staffId === zhang)).toBeUndefined();
    const viewer = await t.sessionAs('viewer', 'viewer7');
    const seen = await t.call('rota.calendar', WEEK, viewer);
    expect(seen.assignments.find((a) => a.staffId === wang)?.problems).toEqual([]);
    expect(seen.away['2020-02-20'] ?? []).not.toContainEqual({ staffId: wang, why: 'damaged' });
  }, 60_000);

  it('an intact ledger: her shift by hand is written and the calendar marks nothing', async () => {
    await t.call('rota.assign', shift('2020-02-18', wang));
    const cal = await t.call('rota.calendar', WEEK);
    expect(cal.assignments.find((a) => a.staffId === wang)?.problems).toEqual([]);
    expect(
      Object.values(cal.away)
        .flat()
        .filter((a) => a.why === 'damaged'),
    ).toEqual([]);
  }, 60_000);
});
