/**
 * 044_cases_by_staff_assigned on a ledger in use (made by the version before it, with cases assigned and not):
 * cases_by_staff keeps only the cases someone is assigned to, and still answers the 责任人 filter; every table, row,
 * other index and trigger is as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CASELOAD_TABLES,
  FOUNDATION_TABLES,
  ledgerBefore,
  MIGRATION_NOW,
  planOf,
  rowsOf,
  seedCaseload,
  seedFoundation,
  shapeOf,
  type LedgerBefore,
} from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(44);
  seedFoundation(l.db);
  seedCaseload(l.db);
  const add = l.db.prepare(
    `INSERT INTO cases (resident_id, community_id, category, status, assigned_staff_id, opened_on, created_at, updated_at)
     VALUES (1, 1, 'returnee', 'registered', @staff, @day, @now, @now)`,
  );
  for (const [staff, day] of [
    [1, '2020-02-10'],
    [null, '2020-02-11'],
    [2, '2020-02-12'],
    [1, '2020-02-13'],
    [null, '2020-02-14'],
  ] as const)
    add.run({ staff, day, now: MIGRATION_NOW });
});
afterEach(() => l.close());

const indexSql = () => (l.db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'cases_by_staff'`).get() as { sql: string }).sql;
const entries = () => (l.db.prepare(`SELECT count(*) AS n FROM cases INDEXED BY cases_by_staff WHERE assigned_staff_id IS NOT NULL`).get() as { n: number }).n;
const byStaff = `SELECT id FROM cases c WHERE c.assigned_staff_id = @staffId ORDER BY c.opened_on DESC, c.id DESC`;

describe('044_cases_by_staff_assigned on an existing ledger', () => {
  it('keeps only assigned cases in cases_by_staff; the 责任人 filter still reads it in order; nothing else changes', () => {
    const tables = [...FOUNDATION_TABLES, ...CASELOAD_TABLES];
    const shape = shapeOf(l.db);
    const rows = rowsOf(l.db, tables);
    const assigned = (l.db.prepare(`SELECT count(*) AS n FROM cases WHERE assigned_staff_id IS NOT NULL`).get() as { n: number }).n;
    const unassigned = (l.db.prepare(`SELECT count(*) AS n FROM cases WHERE assigned_staff_id IS NULL`).get() as { n: number }).n;
    expect(unassigned).toBeGreaterThan(0);
    const answer = l.db.prepare(byStaff).all({ staffId: 1 });
    expect(indexSql()).not.toContain('WHERE');

    expect(l.upgrade()).toEqual([44]);

    expect(indexSql()).toContain('WHERE assigned_staff_id IS NOT NULL');
    expect(entries()).toBe(assigned);
    const plan = planOf(l.db, byStaff, { staffId: 1 });
    expect(plan).toContain('cases_by_staff (assigned_staff_id=?)');
    expect(plan).not.toContain('TEMP B-TREE');
    expect(l.db.prepare(byStaff).all({ staffId: 1 })).toEqual(answer);
    expect(answer.length).toBeGreaterThan(1);
    expect(shapeOf(l.db)).toEqual(shape);
    expect(rowsOf(l.db, tables)).toEqual(rows);
    expect(l.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
