/**
 * S49-A6 (attack run 35): a staff row changed outside the program (with the database key alone, a viewer's password)
 * is matched to observed residents by name alone, and 自动排班 plans no day for it (planning.ts withoutDamagedRows,
 * staff-queries.ts observationSpans). Before: 「陈静\u200b」 (reads 陈静) matched no observed resident and was planned.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestLedger } from '../../helpers/ledger';
import { changedOffline, chenObservedOffice, WEEK, type ObservedRota } from './observed-staff';

let t: TestLedger;
let observedOn18th: ObservedRota['observedOn18th'];
let chen: number;
let wang: number;
beforeEach(async () => {
  ({ t, observedOn18th, chen, wang } = await chenObservedOffice());
  expect(await observedOn18th()).toEqual([chen]);
});
afterEach(() => t.close());

const plannedIn = async (id: number) => (await t.call('rota.calendar', WEEK)).assignments.filter((a) => a.staffId === id).length;

describe('a staff row changed outside the program', () => {
  it('「陈静」 given a zero-width space and a full-width space: still found under observation, by a viewer too', async () => {
    await changedOffline(t, `UPDATE staff SET name = '陈' || char(12288) || '静' || char(8203), id_number_resident_index = randomblob(32) WHERE id = @chen`, {
      chen,
    });
    expect(await observedOn18th()).toEqual([chen]);
    expect(await observedOn18th(await t.sessionAs('viewer', 'viewer9'))).toEqual([chen]);
  }, 60_000);

  it('王芳 renamed offline (「王方」, her binding broken): 自动排班 plans her on no day and says so in 排班结果', async () => {
    expect(await plannedIn(wang)).toBe(0);
    await changedOffline(t, `UPDATE staff SET name = '王方' WHERE id = @wang`, { wang });
    const report = await t.call('rota.generate', { ...WEEK });
    expect(report.heldOff).toEqual(['王方']);
    expect(await plannedIn(wang)).toBe(0);
    // Everyone else is planned as before: the check holds off the damaged row only.
    expect((await t.call('rota.calendar', WEEK)).assignments.length).toBeGreaterThan(0);
  }, 60_000);

  it('an intact ledger: nobody held off, 王芳 planned', async () => {
    const report = await t.call('rota.generate', { ...WEEK });
    expect(report.heldOff).toEqual([]);
    expect(await plannedIn(wang)).toBeGreaterThan(0);
    expect(await plannedIn(chen)).toBe(0);
  }, 60_000);
});
