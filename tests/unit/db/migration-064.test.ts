/**
 * 064_slot_keys on a ledger in use: one new, empty table; every row kept as it
 * was. The slots' public keys are vouched for later, at the first unlock by a
 * holder of the sensitive key (tests/unit/security/slot-keys-upgrade.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FOUNDATION_TABLES, expectAdditive, ledgerBefore, rowsOf, seedFoundation, shapeOf, type LedgerBefore } from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(64);
  seedFoundation(l.db);
});
afterEach(() => l.close());

describe('064_slot_keys on an existing ledger', () => {
  it('adds slot_keys, empty, and keeps every row', () => {
    const before = shapeOf(l.db);
    const rows = rowsOf(l.db, FOUNDATION_TABLES);
    expect(l.upgrade()).toEqual([64]);
    const added = expectAdditive(before, shapeOf(l.db));
    expect(added).toEqual({ tables: { slot_keys: ['name', 'key_sealed'] }, indexes: [], triggers: [] });
    expect(l.db.prepare(`SELECT count(*) AS n FROM slot_keys`).get()).toEqual({ n: 0 });
    expect(rowsOf(l.db, FOUNDATION_TABLES)).toEqual(rows);
    expect((rows.users as unknown[]).length).toBeGreaterThan(0);
  });
});
