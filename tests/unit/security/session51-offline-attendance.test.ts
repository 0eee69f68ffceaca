/**
 * The thirty-seventh attack run (issue 19, session 51), target 7: the unbound tables (S49/S50's stated limit on the
 * supply tables) tried on the pay sheet instead: 出勤确认 written offline with viewer1's key (the database alone).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestLedger } from '../../helpers/ledger';
import type { RotaFixture } from '../rota/fixture';
import { changedOffline, chenObservedOffice } from '../rota/observed-staff';

let t: TestLedger;
let f: RotaFixture;
beforeEach(async () => {
  ({ t, f } = await chenObservedOffice());
});
afterEach(() => t.close());

describe('S51: 出勤确认 written offline', () => {
  it('noted (stated limit): a row inserted into rota_attendance pays the shift; no audit row says who confirmed it', async () => {
    const zhang = f.workers[0]!;
    const id = (await t.call('rota.assign', { day: '2020-02-17', postId: f.screening, shiftId: f.shifts.day, staffId: zhang })).id;
    await changedOffline(
      t,
      `INSERT INTO rota_attendance (assignment_id, day, post_id, shift_id, staff_id, status, confirmed_as, confirmed_by, entered_by, confirmed_at)
       SELECT id, day, post_id, shift_id, staff_id, 'present', 'coordinator', '统筹负责人', '统筹负责人', '2020-02-17T10:00:00.000Z' FROM rota_assignments WHERE id = @id`,
      { id },
    );
    const pay = (await t.call('rota.allowances', { from: '2020-02-17', to: '2020-02-23' })).find((r) => r.staffId === zhang);
    expect(pay?.shifts).toBe(1);
    expect((await t.call('audit.list', { filter: { entity: 'rota_attendance' } })).rows).toEqual([]);
  }, 60_000);
});
