/**
 * 出勤确认 of a ledger from before the binding (migration 080, rota/attendance-binding.ts): its rows, written without a
 * MAC, are bound at the next clerk's or coordinator's unlock (audited, nothing lost, the pay as before); a viewer's
 * unlock binds nothing. From then on a row changed offline pays nothing, and deleting the marker with the MACs does
 * not have rows bound as found again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ATTENDANCE_DAMAGED } from '../../../electron/core/rota/attendance-binding';
import { ROW_BINDINGS } from '../../../electron/core/sealed-columns';
import type { Database } from '../../../electron/core/db/types';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { rotaFixture, type RotaFixture } from '../rota/fixture';
import { offline } from './swap-helpers';

let t: TestLedger;
let f: RotaFixture;
afterEach(() => t?.close());

const WEEK = { from: '2020-02-17', to: '2020-02-23' };
const db = () => t.core.services.ledger.handle();
const unbound = () => db().prepare(`SELECT count(*) FROM rota_attendance WHERE row_mac IS NULL`).pluck().get() as number;
const bindingAudits = () =>
  (db().prepare(`SELECT after_json AS after FROM audit_log WHERE entity = 'ledger' AND channel = 'auth.unlock' ORDER BY id`).all() as Array<{ after: string }>)
    .map((r) => JSON.parse(r.after) as { sealed?: string; rows?: number })
    .filter((a) => a.sealed === 'attendance.bound');
const unlockAdmin = () => t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
async function lockEveryone(): Promise<void> {
  await t.call('auth.lock', {}, 'viewer1');
  await t.call('auth.lock', {});
}
const pay = async () => (await t.call('rota.allowances', WEEK)).map((r) => [r.staffId, r.shifts, r.unconfirmedShifts, r.totalFen]);
/** As the previous version left it: no attendance MAC, no attendance marker (the other stages stay bound). */
const asWrittenBefore080 = (d: Database) => {
  d.prepare(`UPDATE rota_attendance SET row_mac = NULL`).run();
  d.prepare(`DELETE FROM meta WHERE key = 'attendance_bound'`).run();
};

/** Two shifts on the 17th, one confirmed worked and one missed; `before080`: set up as the previous version did. */
async function office(before080: boolean): Promise<{ worked: number; missed: number }> {
  // The 18th, 10:00 in 郑州: the 17th's shifts can be confirmed with no unlock in between (an unlock runs the upgrade).
  const now = '2020-02-18T02:00:00.000Z';
  t = await openTestLedger(before080 ? { now, core: { rowBindings: ROW_BINDINGS.filter((b) => b.table !== 'rota_attendance') } } : { now });
  f = await rotaFixture(t);
  await t.sessionAs('viewer', 'viewer1');
  const shift = (staffId: number) => ({ day: '2020-02-17', postId: f.screening, shiftId: f.shifts.day, staffId });
  const worked = (await t.call('rota.assign', shift(f.workers[0]!))).id;
  const missed = (await t.call('rota.assign', shift(f.workers[1]!))).id;
  await t.call('rota.attendance.confirm', {
    entries: [
      { assignmentId: worked, status: 'present' },
      { assignmentId: missed, status: 'absent' },
    ],
  });
  await lockEveryone();
  // The new version opens the ledger: its binding upgrade is due at the next key holder's unlock.
  t.core.services.rowBindings = ROW_BINDINGS;
  return { worked, missed };
}

describe('出勤确认 of a ledger from before the binding (080)', () => {
  it('are bound at the next coordinator unlock (audited, every row and the pay as before); a viewer’s unlock binds nothing; an edit afterwards is caught', async () => {
    const o = await office(true);
    offline(t, asWrittenBefore080);
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    const rows = db().prepare(`SELECT id, assignment_id, status, staff_id, confirmed_by FROM rota_attendance ORDER BY id`).all();
    expect(unbound()).toBe(2);
    await unlockAdmin();
    expect(bindingAudits()).toEqual([{ sealed: 'attendance.bound', rows: 2 }]);
    expect(unbound()).toBe(0);
    expect(db().prepare(`SELECT id, assignment_id, status, staff_id, confirmed_by FROM rota_attendance ORDER BY id`).all()).toEqual(rows);
    const paid = await pay();
    expect(paid.filter(([id]) => id === f.workers[0] || id === f.workers[1]).sort((x, y) => x[0]! - y[0]!)).toEqual([
      [f.workers[0], 1, 0, expect.any(Number)],
      [f.workers[1], 0, 0, 0],
    ]);
    await lockEveryone();
    offline(t, (d) => d.prepare(`UPDATE rota_attendance SET status = 'present' WHERE assignment_id = ?`).run(o.missed));
    await unlockAdmin();
    const day = (await t.call('rota.attendance.list', { day: '2020-02-17' })).rows;
    expect(day.find((r) => r.assignmentId === o.missed)).toMatchObject({ status: 'planned', flag: ATTENDANCE_DAMAGED });
    expect(day.find((r) => r.assignmentId === o.worked)).toMatchObject({ status: 'present', flag: null });
    expect(await pay()).toEqual(paid.map((r) => (r[0] === f.workers[1] ? [r[0], 0, 1, 0] : r)));
    expect(bindingAudits()).toHaveLength(1);
  }, 60_000);

  it('the marker deleted and the MACs cleared after an edit: the next unlock binds nothing, the edited row pays nothing', async () => {
    const o = await office(false);
    offline(t, (d) => {
      d.prepare(`UPDATE rota_attendance SET status = 'present' WHERE assignment_id = ?`).run(o.missed);
      asWrittenBefore080(d);
    });
    await unlockAdmin();
    // The setup row says this ledger bound its attendance from the start: an unbound row is damage.
    expect(bindingAudits()).toEqual([]);
    const day = (await t.call('rota.attendance.list', { day: '2020-02-17' })).rows;
    for (const id of [o.worked, o.missed]) expect(day.find((r) => r.assignmentId === id)).toMatchObject({ status: 'planned', flag: ATTENDANCE_DAMAGED });
    expect((await pay()).every(([, shifts]) => shifts === 0)).toBe(true);
    expect(unbound()).toBe(2);
  }, 60_000);
});
