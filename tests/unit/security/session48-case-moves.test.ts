/**
 * Issue 19, attack run 48 (target 2): 077, a case entered late takes its household's moves since its 登记日期
 * (caseload/case-moves.repo.ts recordEarlierHouseholdMoves from case-open.ts). A household that moved and came back
 * before the case was entered; and a household move forged offline with viewer1's key (household_moves is an unbound
 * table, the stated limit of S45), which the next clerk's case entered late now copies into its own case_moves.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observationRosterForm } from '../../../electron/core/io/export/forms/observation-roster';
import { admitAt } from '../../helpers/ledger';
import type { Office } from '../caseload/fixture';
import { forgeHouseholdMove, movesOffice, openLate } from './forged-move';

let o: Office;
let h: number;
let person: number;
beforeEach(async () => void ({ o, h, person } = await movesOffice()));
afterEach(() => o.t.close());

const roster = (to: string) =>
  observationRosterForm.read(o.t.core.services.ledger.handle(), { from: '2020-02-11', to }, null).map((r) => `${r.name} ${r.community}`);
const moveTo = (communityId: number, gridId: number) => o.t.call('households.save', { id: h, communityId, gridId, addressText: '幸福路3号' });

describe('077: a case entered late and its household’s moves', () => {
  it('held: moved to 和平社区 on the 18th and back on the 19th; entered on the 20th from the 15th: each day lists where it was', async () => {
    await admitAt(o.t, '2020-02-18T02:00:00.000Z');
    await moveTo(o.otherCommunityId, o.otherGridId);
    await admitAt(o.t, '2020-02-19T02:00:00.000Z');
    await moveTo(o.communityId, o.gridId);
    await admitAt(o.t, '2020-02-20T02:00:00.000Z');
    await openLate(o, person);
    expect(['2020-02-17', '2020-02-18', '2020-02-19', '2020-02-20'].map(roster)).toEqual([
      ['王建华 幸福社区'],
      ['王建华 和平社区'],
      ['王建华 幸福社区'],
      ['王建华 幸福社区'],
    ]);
  });

  it('noted: a household move forged offline is copied into the case’s own moves at a clerk’s late entry (the stated limit, reaching further)', async () => {
    await forgeHouseholdMove(o, h);
    await admitAt(o.t, '2020-02-20T02:00:00.000Z');
    await openLate(o, person);
    // The household never left 幸福社区; the 17th's 名单 lists the case in 和平社区, from a case_moves row the program wrote.
    expect(roster('2020-02-17')).toEqual(['王建华 和平社区']);
    expect(o.t.core.services.ledger.handle().prepare(`SELECT count(*) FROM case_moves`).pluck().get()).toBe(1);
  });
});
