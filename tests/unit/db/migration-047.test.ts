/**
 * 047_users_must_change_password on a ledger in use: users gain `must_change_password`, 0 for every account that
 * exists (they are not forced; only accounts a coordinator creates from now on are: auth/handlers.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FOUNDATION_TABLES, ledgerBefore, rowsOf, seedFoundation, shapeOf, type LedgerBefore } from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(47);
  seedFoundation(l.db);
});
afterEach(() => l.close());

describe('047_users_must_change_password on an existing ledger', () => {
  it('adds must_change_password to users, 0 for every existing account, and nothing else', () => {
    const shape = shapeOf(l.db);
    const before = rowsOf(l.db, FOUNDATION_TABLES);
    expect(l.upgrade()).toEqual([47]);
    const now = shapeOf(l.db);
    const added = Object.entries(now.tables).flatMap(([t, cols]) => cols.slice(shape.tables[t]?.length ?? 0).map((c) => `${t}.${c}`));
    expect(added).toEqual(['users.must_change_password']);
    expect(now.indexes).toEqual(shape.indexes);
    const after = rowsOf(l.db, FOUNDATION_TABLES);
    expect(before.users!.length).toBeGreaterThan(0);
    expect(after.users!.map((u) => (u as { must_change_password: number }).must_change_password)).toEqual(before.users!.map(() => 0));
    for (const t of FOUNDATION_TABLES.filter((x) => x !== 'users')) expect(after[t], t).toEqual(before[t]);
  });
});
