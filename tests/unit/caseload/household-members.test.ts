/**
 * A household and its members: residents.list by householdId lists who lives there (masked as the role sees them:
 * a viewer gets masks and birth years), on the residents_by_household index.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { residentPageIdsSql } from '../../../electron/core/caseload/people-queries';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
let viewer: string;
let household: number;
const ID = makeIdNumber('410105', '1985-03-12', 123);
beforeEach(async () => {
  t = await openTestLedger();
  const c = await t.call('org.communities.save', { name: '青松里社区' });
  const h = await t.call('households.save', { communityId: c.id, estate: '青松里小区', building: '3', unit: '2', room: '101', headName: '张伟' });
  household = h.id;
  const other = await t.call('households.save', { communityId: c.id, addressText: '青松路9号' });
  await t.call('residents.save', { householdId: h.id, communityId: c.id, name: '张伟', idNumber: ID, phone: '13803711001' });
  await t.call('residents.save', { householdId: h.id, communityId: c.id, name: '李娜' });
  await t.call('residents.save', { householdId: other.id, communityId: c.id, name: '王五' });
  viewer = await t.sessionAs('viewer');
});
afterEach(() => t.close());

describe('a household’s members', () => {
  it('lists exactly the people of the household, masked for a viewer', async () => {
    const mine = await t.call('residents.list', { filter: { householdId: household }, offset: 0, limit: 50 });
    expect(mine.rows.map((r) => r.name)).toEqual(['张伟', '李娜']);
    expect(mine.rows.every((r) => r.householdId === household)).toBe(true);
    const seen = await t.call('residents.list', { filter: { householdId: household }, offset: 0, limit: 50 }, viewer);
    const zhang = seen.rows.find((r) => r.name === '张伟')!;
    expect(zhang.idNumber).not.toBe(ID);
    expect(zhang.idNumber).toContain('*');
    expect(zhang.phone).not.toBe('13803711001');
    expect(zhang.birthDate).toBe('1985');
  });

  it('pages a household’s members on residents_by_household, not a scan of every resident', () => {
    const db = t.core.services.ledger.handle();
    const sql = residentPageIdsSql('WHERE r.household_id = @householdId', 'r.name ASC');
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ householdId: household, limit: 50, offset: 0 }) as Array<{ detail: string }>)
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/USING (COVERING )?INDEX residents_by_household/);
    expect(plan).not.toMatch(/SCAN r(?! USING)/);
  });
});
