/**
 * Issue 19, attack run 49 (target 8, S48-A5 retried with a new idea): a member with a number and no resident index is
 * matched to the caseload's observations by name alone (the lead's fix of S48-A5, rota/staff-queries.ts
 * observationSpans). The name is in the row's MAC, so changing it offline breaks the row's binding, which is exactly
 * what makes the unlock clear the index; the name-only match then compares the forged name. Offline with viewer1's key,
 * 陈静's name given a zero-width space (「陈静\u200b」 reads 陈静 on every screen and print) and her index spoiled: after
 * the coordinator's sign-in she is matched to nobody, and 自动排班 plans her though she is under observation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestLedger } from '../../helpers/ledger';
import { changedOffline, chenObservedOffice, WEEK, type ObservedRota } from '../rota/observed-staff';

let t: TestLedger;
let observedOn18th: ObservedRota['observedOn18th'];
let chen: number;
beforeEach(async () => {
  ({ t, observedOn18th, chen } = await chenObservedOffice());
  expect(await observedOn18th()).toEqual([chen]);
});
afterEach(() => t.close());

describe('S49-A6: a damaged row whose name was changed invisibly', () => {
  // Fixed by the lead: the name-only match reads names as a person does (staff-queries.ts), and 自动排班 plans no day
  // for a row whose binding is broken (planning.ts withoutDamagedRows).
  it('陈静 (observed): name 「陈静\\u200b」 and index spoiled offline; after the coordinator’s sign-in she is still off the rota', async () => {
    await changedOffline(t, `UPDATE staff SET name = name || char(8203), id_number_resident_index = randomblob(32) WHERE id = @chen`, { chen });
    expect(await observedOn18th()).toEqual([chen]);
    await t.call('rota.generate', { ...WEEK });
    expect((await t.call('rota.calendar', WEEK)).assignments.some((a) => a.staffId === chen)).toBe(false);
  }, 60_000);

  it('陈静 (observed) renamed 「陈靜」 offline (a look-alike, not folded): not found under observation, but 自动排班 holds her off', async () => {
    await changedOffline(t, `UPDATE staff SET name = '陈靜', id_number_resident_index = randomblob(32) WHERE id = @chen`, { chen });
    const report = await t.call('rota.generate', { ...WEEK });
    expect(report.heldOff).toEqual(['陈靜']);
    expect((await t.call('rota.calendar', WEEK)).assignments.some((a) => a.staffId === chen)).toBe(false);
  }, 60_000);
});
