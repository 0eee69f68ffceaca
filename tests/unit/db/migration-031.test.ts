/**
 * 031_users_role_sealed on a ledger in use: one nullable column on `users`,
 * every row kept as it was (their roles are vouched for later, at the next
 * unlock by a holder of the sensitive key: tests/unit/security/role-forgery.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FOUNDATION_TABLES, expectAdditive, ledgerBefore, rowsOf, seedFoundation, shapeOf, type LedgerBefore } from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(31);
  seedFoundation(l.db);
});
afterEach(() => l.close());

describe('031_users_role_sealed on an existing ledger', () => {
  it('adds role_sealed to users, empty, and keeps every row', () => {
    const before = shapeOf(l.db);
    const rows = rowsOf(l.db, FOUNDATION_TABLES);
    expect(l.upgrade()).toEqual([31]);
    const added = expectAdditive(before, shapeOf(l.db));
    expect(added).toEqual({ tables: { users: ['role_sealed'] }, indexes: [], triggers: [] });
    const after = rowsOf(l.db, FOUNDATION_TABLES);
    expect((after.users as Array<Record<string, unknown>>).every((u) => u.role_sealed === null)).toBe(true);
    expect({ ...after, users: (after.users as Array<Record<string, unknown>>).map(({ role_sealed: _gone, ...u }) => u) }).toEqual(rows);
    expect((rows.users as unknown[]).length).toBeGreaterThan(0);
  });
});
