/**
 * The thirty-sixth attack run (issue 19, session 50), target 7: S48's stated limit (a household move forged offline
 * in the unbound household_moves is copied into a genuine case_moves row when a case is entered late), part-fixed:
 * the moves copied are named in an audit row of the case's own (entity case_move), so an auditor sees where a form's
 * place came from, and that a real move has its households.save row while a forged one has none.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAsViewerOffline } from '../../helpers/attacker';
import { admitAt } from '../../helpers/ledger';
import { ID_A, openOffice, type Office } from '../caseload/fixture';

let o: Office;
let h: number;
let person: number;
beforeEach(async () => {
  o = await openOffice('2020-02-17T01:00:00.000Z');
  h = (await o.t.call('households.save', { communityId: o.communityId, gridId: o.gridId, addressText: '幸福路3号' })).id;
  person = (await o.t.call('residents.save', { householdId: h, name: '王建华', idNumber: ID_A })).id;
});
afterEach(() => o.t.close());

const openLate = () => o.t.call('cases.open', { residentId: person, category: 'home_observation', obsStartOn: '2020-02-15', openedOn: '2020-02-15' });
const moveRows = () =>
  (
    o.t.core.services.ledger.handle().prepare(`SELECT entity_id AS id, after_json AS a FROM audit_log WHERE entity = 'case_move' ORDER BY id`).all() as {
      id: string;
      a: string;
    }[]
  ).map((r) => ({ id: Number(r.id), ...(JSON.parse(r.a) as object) }));

describe('S50: the household moves a late case takes are named in its audit', () => {
  it('a move forged offline and copied into the case’s moves is named (householdMoves), with no households.save row of its own', async () => {
    await o.t.sessionAs('viewer', 'viewer1');
    await o.t.call('auth.lock', {}, 'viewer1');
    await o.t.call('auth.lock', {});
    const d = openAsViewerOffline(o.t.dir);
    d.prepare(
      `INSERT INTO household_moves (household_id, moved_on, from_community_id, from_grid_id, to_community_id, to_grid_id, created_at)
       VALUES (@h, '2020-02-18', @other, @otherGrid, @home, @grid, '2020-02-18T02:00:00.000Z')`,
    ).run({ h, other: o.otherCommunityId, otherGrid: o.otherGridId, home: o.communityId, grid: o.gridId });
    d.close();
    await admitAt(o.t, '2020-02-20T02:00:00.000Z');
    const c = await openLate();
    expect(moveRows()).toEqual([
      {
        id: c.id,
        householdId: h,
        householdMoves: [
          {
            householdMoveId: expect.any(Number),
            movedOn: '2020-02-18',
            fromCommunityId: o.otherCommunityId,
            fromGridId: o.otherGridId,
            toCommunityId: o.communityId,
            toGridId: o.gridId,
          },
        ],
      },
    ]);
    const saves = o.t.core.services.ledger
      .handle()
      .prepare(`SELECT count(*) FROM audit_log WHERE channel = 'households.save' AND entity_id = ?`)
      .pluck()
      .get(String(h));
    expect(saves).toBe(1);
  });

  it('a late case whose household never moved, and a case entered today, leave no such row', async () => {
    await admitAt(o.t, '2020-02-20T02:00:00.000Z');
    await openLate();
    expect(moveRows()).toEqual([]);
  });
});
