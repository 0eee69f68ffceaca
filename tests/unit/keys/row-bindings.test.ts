/**
 * The row bindings (db/row-binding.ts, ROW_BINDINGS in sealed-columns.ts) name
 * real columns, cover every sealed column of each bound table, and every table
 * holding sealed values is bound or is one of the exceptions the README states.
 * Cases hold nothing sealed but are bound to their resident (migration 043).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openEncrypted } from '../../../electron/core/db/open';
import { migrate } from '../../../electron/core/db/migrate';
import { ROW_BINDINGS, SEALED_COLUMNS } from '../../../electron/core/sealed-columns';
import { ROWS_STAGE, stagesOf } from '../../../electron/core/db/row-binding';
import { CASES_STAGE } from '../../../electron/core/caseload/case-binding';
import { ATTENDANCE_STAGE } from '../../../electron/core/rota/attendance-binding';

const dir = mkdtempSync(join(tmpdir(), 'taizhang-row-bindings-'));
const db = openEncrypted(join(dir, 'l.db'), randomBytes(32));
migrate(db, '2020-02-17T00:00:00.000Z');
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const hasColumn = (table: string, column: string) => !!db.prepare(`SELECT 1 FROM pragma_table_info(@table) WHERE name = @column`).get({ table, column });
/** Not bound, for the reasons electron/core/README.md gives ("Rows bound to what they hold"). */
const NOT_BOUND = ['import_rejected_rows', 'import_review_flags', 'users', 'slot_keys'];
/** Sealed but held to the bound record's SHA-256 instead of the MAC (up to 10 MB each). */
const HELD_BY_HASH = ['honours_attachments.content_sealed'];

describe('row bindings', () => {
  it('name real columns, each table once, with row_mac', () => {
    const problems = ROW_BINDINGS.flatMap((b) => [...b.columns, 'row_mac', 'id'].filter((c) => !hasColumn(b.table, c)).map((c) => `${b.table}.${c}`));
    expect(problems).toEqual([]);
    expect(new Set(ROW_BINDINGS.map((b) => b.table)).size).toBe(ROW_BINDINGS.length);
    for (const b of ROW_BINDINGS) expect(b.columns, b.table).toEqual(expect.arrayContaining([...b.sealed]));
  });

  it('are these tables, in three stages: 036’s sealed tables, the cases bound to their resident (043), 出勤确认 (080)', () => {
    expect(ROW_BINDINGS.map((b) => b.table)).toEqual([
      'residents',
      'households',
      'staff',
      'honours_memorials',
      'honours_reports',
      'honours_family_members',
      'honours_visits',
      'honours_difficulties',
      'honours_publicity',
      'honours_steps',
      'honours_commendations',
      'honours_attachments',
      'office_keys',
      'cases',
      'rota_attendance',
    ]);
    expect(stagesOf(ROW_BINDINGS)).toEqual([ROWS_STAGE, CASES_STAGE, ATTENDANCE_STAGE]);
    const cases = ROW_BINDINGS.find((b) => b.table === 'cases')!;
    expect(cases).toMatchObject({ columns: ['resident_id', 'category', 'opened_on', 'obs_start_on'], sealed: [], everyRow: true, stage: CASES_STAGE });
    // A binding holding no sealed column binds nothing unless every row must carry a MAC.
    expect(ROW_BINDINGS.filter((b) => b.sealed.length === 0 && b.everyRow !== true).map((b) => b.table)).toEqual([]);
  });

  it('cover every sealed column of a bound table, and every sealed table is bound or a stated exception', () => {
    const bound = new Map(ROW_BINDINGS.map((b) => [b.table, b]));
    const uncovered = SEALED_COLUMNS.filter((c) => !NOT_BOUND.includes(c.table))
      .filter((c) => !bound.get(c.table)?.sealed.includes(c.column))
      .map((c) => `${c.table}.${c.column}`);
    expect(uncovered).toEqual(HELD_BY_HASH);
  });
});
