/**
 * 030_caseload_query_indexes on a ledger in use: only indexes are added, every
 * row kept, and the case grid's and 今日随访's statements read through them
 * (tests/unit/caseload/query-plans.test.ts checks the statements the code runs).
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

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(30);
  seedFoundation(l.db);
  seedCaseload(l.db);
  l.db
    .prepare(
      `INSERT INTO care_tasks (id, resident_id, trigger_case_id, reason, next_visit_on, created_at, updated_at) VALUES (1, 1, 1, '独居老人', '2020-02-11', @now, @now)`,
    )
    .run({ now: '2020-02-17T00:00:00.000Z' });
});
afterEach(() => l.close());

describe('030_caseload_query_indexes on an existing ledger', () => {
  it('adds indexes only and keeps every row', () => {
    const added = upgradeKeepingRows(l, 30, [...FOUNDATION_TABLES, ...CASELOAD_TABLES, 'care_tasks']);
    expect(added.tables).toEqual({});
    expect(added.triggers).toEqual([]);
    expect(added.indexes.sort()).toEqual(
      [
        'cases_by_community_category',
        'cases_by_status_resident',
        'cases_active_observation_by_opened',
        'cases_active_observation_by_end',
        'cases_active_observation_by_grid',
        'care_tasks_by_trigger',
        'households_revisit_due',
      ].sort(),
    );
  });

  it('answers an observation’s open care tasks by index instead of scanning the tasks for each', () => {
    const sql = `SELECT t.id FROM care_tasks t WHERE t.trigger_case_id = @caseId AND t.status = 'open'`;
    expect(planOf(l.db, sql, { caseId: 1 })).not.toContain('care_tasks_by_trigger');
    l.upgrade();
    expect(planOf(l.db, sql, { caseId: 1 })).toContain('care_tasks_by_trigger (trigger_case_id=? AND status=?)');
    expect(l.db.prepare(sql).all({ caseId: 1 })).toEqual([{ id: 1 }]);
  });
});
