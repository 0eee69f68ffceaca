/**
 * The thirty-sixth attack run (issue 19, session 50), target 7: S48's stated limit (a household move forged offline
 * in the unbound household_moves is copied into a genuine case_moves row when a case is entered late), part-fixed:
 * the moves copied are named in an audit row of the case's own (entity case_move), so an auditor sees where a form's
 * place came from, and that a real move has its households.save row while a forged one has none.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admitAt } from '../../helpers/ledger';
import type { Office } from '../caseload/fixture';
import { forgeHouseholdMove, movesOffice, openLate } from './forged-move';

let o: Office;
let h: number;
let person: number;
beforeEach(async () => void ({ o, h, person } = await movesOffice()));
afterEach(() => o.t.close());

const moveRows = () =>
  (
    o.t.core.services.ledger.handle().prepare(`SELECT entity_id AS id, after_json AS a FROM audit_log WHERE entity = 'case_move' ORDER BY id`).all() as {
      id: string;
      a: string;
    }[]
  ).map((r) => ({ id: Number(r.id), ...(JSON.parse(r.a) as object) }));

describe('S50: the household moves a late case takes are named in its audit', () => {
  it('a move forged offline and copied into the case’s moves is named (householdMoves), with no households.save row of its own', async () => {
    await forgeHouseholdMove(o, h);
    await admitAt(o.t, '2020-02-20T02:00:00.000Z');
    const c = await openLate(o, person);
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
    await openLate(o, person);
    expect(moveRows()).toEqual([]);
  });
});
