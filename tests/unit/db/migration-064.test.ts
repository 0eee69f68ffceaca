/**
 * 064_slot_keys on a ledger in use: one new, empty table; every row kept as it
 * was. The slots' public keys are vouched for later, at the first unlock by a
 * holder of the sensitive key (tests/unit/security/slot-keys-upgrade.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FOUNDATION_TABLES, ledgerBefore, seedFoundation, upgradeKeepingRows, type LedgerBefore } from '../../helpers/migration';

let l: LedgerBefore;
afterEach(() => l.close());

describe('064_slot_keys on an existing ledger', () => {
  it('adds slot_keys, empty, and keeps every row', () => {
    l = ledgerBefore(64);
    seedFoundation(l.db);
    expect(upgradeKeepingRows(l, 64, FOUNDATION_TABLES)).toEqual({ tables: { slot_keys: ['name', 'key_sealed'] }, indexes: [], triggers: [] });
    expect(l.db.prepare(`SELECT count(*) AS n FROM slot_keys`).get()).toEqual({ n: 0 });
  });
});
