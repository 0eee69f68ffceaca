/**
 * 038_cases_resident_name on a ledger in use: each case gets its resident's
 * name as a sort key (filled in for the cases already there), the two triggers
 * that keep it in step, and the (status, name) index in place of 030's
 * (status, resident_id); every other row and column as before.
 * tests/unit/caseload/name-sort.test.ts checks the grid's order through the app.
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
  l = ledgerBefore(38);
  seedFoundation(l.db);
  seedCaseload(l.db);
  // A second resident with two cases, so the copy is checked per case and a rename reaches both.
  l.db
    .prepare(`INSERT INTO residents (id, household_id, community_id, grid_id, name, created_at, updated_at) VALUES (2, 1, 1, 1, '李建国', @now, @now)`)
    .run({ now: MIGRATION_NOW });
  for (const [id, category, status] of [
    [2, 'returnee', 'registered'],
    [3, 'solitary_elderly', 'open'],
  ] as const)
    l.db
      .prepare(
        `INSERT INTO cases (id, resident_id, community_id, category, status, opened_on, created_at, updated_at) VALUES (@id, 2, 1, @category, @status, '2020-02-12', @now, @now)`,
      )
      .run({ id, category, status, now: MIGRATION_NOW });
});
afterEach(() => l.close());

const copies = () => l.db.prepare(`SELECT id, resident_name AS name FROM cases ORDER BY id`).all();

describe('038_cases_resident_name on an existing ledger', () => {
  it('adds the column, filled with each case’s resident name, two triggers and the index; keeps every other row and column', () => {
    const tables = [...FOUNDATION_TABLES, ...CASELOAD_TABLES];
    const before = shapeOf(l.db);
    const rows = rowsOf(l.db, tables);
    expect(l.upgrade()).toEqual([38]);
    const after = shapeOf(l.db);
    expect(after.tables.cases).toEqual([...before.tables.cases!, 'resident_name']);
    expect({ ...after.tables, cases: before.tables.cases }).toEqual(before.tables);
    expect(after.triggers.filter((t) => !before.triggers.includes(t)).sort()).toEqual(['cases_follow_resident', 'cases_follow_resident_name']);
    expect(after.indexes.filter((i) => !before.indexes.includes(i))).toEqual(['cases_by_status_name']);
    expect(before.indexes.filter((i) => !after.indexes.includes(i))).toEqual(['cases_by_status_resident']);
    const kept = rowsOf(l.db, tables);
    expect({ ...kept, cases: kept.cases!.map((c) => ({ ...(c as Record<string, unknown>), resident_name: undefined })) }).toEqual({
      ...rows,
      cases: rows.cases!.map((c) => ({ ...(c as Record<string, unknown>), resident_name: undefined })),
    });
    expect(copies()).toEqual([
      { id: 1, name: '王桂英' },
      { id: 2, name: '李建国' },
      { id: 3, name: '李建国' },
    ]);
  });

  it('follows a rename of the resident (whatever writes it) and a case moved to another resident', () => {
    l.upgrade();
    l.db.prepare(`UPDATE residents SET name = '李建华' WHERE id = 2`).run();
    expect(copies()).toEqual([
      { id: 1, name: '王桂英' },
      { id: 2, name: '李建华' },
      { id: 3, name: '李建华' },
    ]);
    l.db.prepare(`UPDATE cases SET resident_id = 1 WHERE id = 3`).run();
    expect(copies()).toEqual([
      { id: 1, name: '王桂英' },
      { id: 2, name: '李建华' },
      { id: 3, name: '王桂英' },
    ]);
  });

  it('reads a status page in 姓名 order from the new index, without the join or a sort', () => {
    const joined = `SELECT c.id FROM cases c LEFT JOIN residents rn ON rn.id = c.resident_id WHERE c.status = @status ORDER BY rn.name, c.id LIMIT 100`;
    expect(planOf(l.db, joined, { status: 'open' })).toContain('TEMP B-TREE');
    l.upgrade();
    const sql = `SELECT c.id FROM cases c WHERE c.status = @status ORDER BY c.resident_name ASC, c.id ASC LIMIT 100`;
    expect(planOf(l.db, sql, { status: 'open' })).toContain('USING COVERING INDEX cases_by_status_name (status=?)');
    expect(planOf(l.db, sql, { status: 'open' })).not.toContain('TEMP B-TREE');
    expect(l.db.prepare(sql).all({ status: 'open' })).toEqual([{ id: 3 }]);
  });
});
