/**
 * 018_care_origin_index on a ledger in use: only an index is added, every row
 * kept, and the lookup of an observation's open care cases (今日随访's 待解除观察,
 * the release) uses it instead of scanning every case.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCareCaseOfOriginSql } from '../../../electron/core/caseload/care-origin-release';
import { liveCase } from '../../../electron/core/caseload/case-void';
import { migrate } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index';
import {
  CASELOAD_TABLES,
  FOUNDATION_TABLES,
  ledgerBefore,
  MIGRATION_NOW,
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

  it('finds an observation’s open care cases through the index, then and with every later migration', () => {
    const sql = `SELECT c.id FROM cases c WHERE ${openCareCaseOfOriginSql('c', '@observationId')}`;
    // The lookup as 018 knew it: 070 (作废登记) later added "not voided", on a column this ledger does not have yet.
    const then = sql.replace(` AND ${liveCase('c')}`, '');
    expect(then).not.toBe(sql);
    expect(planOf(l.db, then, { observationId: 1 })).not.toContain('cases_by_origin_case');
    l.upgrade();
    expect(planOf(l.db, then, { observationId: 1 })).toContain('cases_by_origin_case');
    migrate(l.db, MIGRATION_NOW, MIGRATIONS);
    expect(planOf(l.db, sql, { observationId: 1 })).toContain('cases_by_origin_case');
  });
});
