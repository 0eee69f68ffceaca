/**
 * At every clerk's or coordinator's unlock the sealing upgrades ask whether a
 * resident or household still holds a number in clear. Migration 033's partial
 * indexes answer that without reading every row; this checks the upgrades'
 * own statements use them, and still count a clear value when there is one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASELOAD_SEAL_UPGRADES } from '../../../electron/core/caseload/seal-upgrade';
import { recordedPlan, recording } from '../../helpers/recorded-plans';
import { observedHousehold, openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice();
  await observedHousehold(o);
});
afterEach(() => o.t.close());

const db = () => o.t.core.services.ledger.handle();
const upgrade = (name: string) => CASELOAD_SEAL_UPGRADES.find((u) => u.name === name)!;

function pendingWithPlan(name: string): { pending: number; plan: string } {
  const { spy, seen } = recording(db());
  const pending = upgrade(name).pending(spy);
  expect(seen).toHaveLength(1);
  return { pending, plan: recordedPlan(db(), seen[0]!) };
}

describe('whether numbers are still in clear, asked at unlock', () => {
  it('residents: answered from the partial index of rows in clear, not a scan of every resident', () => {
    const { pending, plan } = pendingWithPlan('residents.id_number+phone+birth_date');
    expect(pending).toBe(0);
    expect(plan).toContain('USING INDEX residents_numbers_in_clear');
  });

  it('households: answered from the partial index of phones in clear', () => {
    const { pending, plan } = pendingWithPlan('households.phone');
    expect(pending).toBe(0);
    expect(plan).toContain('USING INDEX households_phone_in_clear');
  });

  it('still counts a number left in clear (as an older version stored it)', () => {
    db().prepare(`UPDATE residents SET phone = '13803711002' WHERE id = (SELECT min(id) FROM residents)`).run();
    db().prepare(`UPDATE households SET phone = '13803711003' WHERE id = (SELECT min(id) FROM households)`).run();
    expect(pendingWithPlan('residents.id_number+phone+birth_date').pending).toBe(1);
    expect(pendingWithPlan('households.phone').pending).toBe(1);
  });
});
