/**
 * 033_seal_pending_indexes on a ledger in use: only two partial indexes are
 * added, every row kept, and the question the sealing upgrades ask at unlock
 * ("any number still in clear?") reads them (tests/unit/caseload/
 * seal-pending-plan.test.ts checks the upgrades' own statements).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CASELOAD_TABLES,
  FOUNDATION_TABLES,
  ledgerBefore,
  planOf,
  seedCaseload,
  seedFoundation,
  type LedgerBefore,
  upgradeKeepingRows,
} from '../../helpers/migration';
import { CLEAR_RESIDENT_NUMBERS } from '../../../electron/core/caseload/residents.repo';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(33);
  seedFoundation(l.db);
  seedCaseload(l.db);
});
afterEach(() => l.close());

describe('033_seal_pending_indexes on an existing ledger', () => {
  it('adds the two partial indexes only and keeps every row', () => {
    const added = upgradeKeepingRows(l, 33, [...FOUNDATION_TABLES, ...CASELOAD_TABLES]);
    expect(added.tables).toEqual({});
    expect(added.triggers).toEqual([]);
    expect(added.indexes.sort()).toEqual(['households_phone_in_clear', 'residents_numbers_in_clear']);
  });

  it('counts residents with a number in clear from the index, the same count as before', () => {
    const sql = `SELECT count(*) AS n FROM residents WHERE ${CLEAR_RESIDENT_NUMBERS}`;
    l.db.prepare(`UPDATE residents SET phone = '13803711002' WHERE id = (SELECT min(id) FROM residents)`).run();
    const before = l.db.prepare(sql).get();
    expect(planOf(l.db, sql, {})).not.toContain('residents_numbers_in_clear');
    l.upgrade();
    expect(planOf(l.db, sql, {})).toContain('residents_numbers_in_clear');
    expect(l.db.prepare(sql).get()).toEqual(before);
    expect(before).not.toEqual({ n: 0 });
  });
});
