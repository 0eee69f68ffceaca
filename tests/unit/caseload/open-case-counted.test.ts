/**
 * openCase as a cases import calls it (session 10): the case's id counted by the caller instead of one max() per
 * case (cases.repo.ts insertCase), and the returnee details written into the case's audit record by name. Proven:
 * a counted id is used and bound; a counted id another write took sends the case to the next free id, bound to
 * that one; the audit record keeps its keys in the order it had (the details last, in RETURNEE_FIELDS' order).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASE_BINDING } from '../../../electron/core/caseload/case-binding';
import { RETURNEE_FIELDS } from '../../../electron/core/caseload/returnee.shared';
import { openCase } from '../../../electron/core/caseload/write-queries';
import { rowIntact } from '../../../electron/core/db/row-binding';
import { asWriteDb } from '../../../electron/core/db/types';
import { ID_A, ID_ELDER, openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice();
});
afterEach(() => o.t.close());
const NOW = '2020-02-17T01:00:00.000Z';
const TODAY = '2020-02-17';

async function twoResidents(): Promise<[number, number]> {
  const h = await o.t.call('households.save', { communityId: o.communityId, gridId: o.gridId, estate: '幸福小区', building: '3', unit: '2', room: '101' });
  const a = await o.t.call('residents.save', { householdId: h.id, name: '王建华', idNumber: ID_A });
  const b = await o.t.call('residents.save', { householdId: h.id, name: '王桂英', idNumber: ID_ELDER });
  return [a.id, b.id];
}

const returnee = (residentId: number) => ({ residentId, category: 'returnee' as const, origin: '湖北省武汉市', arrivedOn: '2020-02-10', source: '导入' });

describe('openCase with the case id counted by its caller', () => {
  it('opens the case under the counted id, bound to it', async () => {
    const [a] = await twoResidents();
    const db = asWriteDb(o.t.core.services.ledger.handle());
    const sealer = o.t.core.services.ledger.sealer();
    const opened = db.transaction(() => openCase(db, returnee(a), NOW, TODAY, sealer, undefined, 7))();
    expect(opened.id).toBe(7);
    expect(rowIntact(db, sealer!, CASE_BINDING, 7)).toBe(true);
  });

  it('takes the next free id when another write took the counted one, bound to the id it got', async () => {
    const [a, b] = await twoResidents();
    const db = asWriteDb(o.t.core.services.ledger.handle());
    const sealer = o.t.core.services.ledger.sealer();
    const { first, second } = db.transaction(() => {
      const counted = openCase(db, returnee(a), NOW, TODAY, sealer).id + 1;
      // Meanwhile another write in the same transaction opened a case: it took the id the caller counted on.
      const other = openCase(db, { residentId: b, category: 'returnee' }, NOW, TODAY, sealer);
      expect(other.id).toBe(counted);
      return { first: other, second: openCase(db, { ...returnee(b), category: 'home_observation' }, NOW, TODAY, sealer, undefined, counted) };
    })();
    expect(second.id).toBe(first.id + 1);
    const cases = db.prepare('SELECT id, resident_id, category FROM cases ORDER BY id').all();
    expect(cases).toEqual([
      { id: first.id - 1, resident_id: a, category: 'returnee' },
      { id: first.id, resident_id: b, category: 'returnee' },
      { id: second.id, resident_id: b, category: 'home_observation' },
    ]);
    for (const c of cases as { id: number }[]) expect(rowIntact(db, sealer!, CASE_BINDING, c.id)).toBe(true);
  });

  it('audits the case with the same keys in the same order as before, the returnee details last', async () => {
    const [a] = await twoResidents();
    const db = asWriteDb(o.t.core.services.ledger.handle());
    const opened = db.transaction(() => openCase(db, returnee(a), NOW, TODAY, o.t.core.services.ledger.sealer()))();
    const after = opened.audit[0]!.after as Record<string, unknown>;
    expect(Object.keys(after)).toEqual([
      'id',
      'residentId',
      'communityId',
      'gridId',
      'category',
      'status',
      'riskLevel',
      'staffId',
      'openedOn',
      'dueOn',
      'source',
      'notes',
      'obsStart',
      'obsDays',
      'obsEnd',
      'originCaseId',
      'originStaffId',
      ...RETURNEE_FIELDS,
    ]);
    expect(after).toMatchObject({ origin: '湖北省武汉市', arrivedOn: '2020-02-10', transport: null, teamPolice: null, source: '导入', openedOn: TODAY });
  });
});
