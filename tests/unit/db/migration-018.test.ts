/**
 * 018_care_origin_index on a ledger in use: only an index is added, every row
 * kept, and the lookup of an observation's open care cases (今日随访's 待解除观察,
 * the release) uses it instead of scanning every case.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCareCaseOfOriginSql } from '../../../electron/core/caseload/care-origin-release';
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

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(18);
  seedFoundation(l.db);
  seedCaseload(l.db);
});
afterEach(() => l.close());

describe('018_care_origin_index on an existing ledger', () => {
  it('adds one index and keeps every row', () => {
    const added = upgradeKeepingRows(l, 18, [...FOUNDATION_TABLES, ...CASELOAD_TABLES]);
    expect(added.tables).toEqual({});
    expect(added.indexes).toEqual(['cases_by_origin_case']);
  });

  it('finds an observation’s open care cases through the index', () => {
    const sql = `SELECT c.id FROM cases c WHERE ${openCareCaseOfOriginSql('c', '@observationId')}`;
    expect(planOf(l.db, sql, { observationId: 1 })).not.toContain('cases_by_origin_case');
    l.upgrade();
    expect(planOf(l.db, sql, { observationId: 1 })).toContain('cases_by_origin_case');
  });
});
