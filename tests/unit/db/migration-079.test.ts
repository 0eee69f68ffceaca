/**
 * 079_import_log_merged on a ledger in use: import_log gains `merged` (a pasted 接龙's repeats merged into their first
 * row, shown in 导入记录 as 「合并重复 N 条」), 0 for every import recorded before it, and nothing else changes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASELOAD_TABLES, expectAdditive, FOUNDATION_TABLES, ledgerBefore, MIGRATION_NOW, rowsOf, seedCaseload, seedFoundation, shapeOf, type LedgerBefore } from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(79);
  seedFoundation(l.db);
  seedCaseload(l.db);
  l.db
    .prepare(
      `INSERT INTO import_log (target, file_name, file_hash, file_format, source_format, on_duplicate, total_rows, created, username, at)
       VALUES ('cases', '粘贴的接龙名单', 'h', 'csv', 'paste', 'skip', 4, 4, 'admin', @now)`,
    )
    .run({ now: MIGRATION_NOW });
});
afterEach(() => l.close());

describe('079_import_log_merged on an existing ledger', () => {
  it('adds merged to import_log, 0 for every import recorded before, and nothing else', () => {
    const before = shapeOf(l.db);
    const tables = [...FOUNDATION_TABLES, ...CASELOAD_TABLES, 'import_log', 'import_rejected_rows'];
    const rows = rowsOf(l.db, tables);
    expect(l.upgrade()).toEqual([79]);
    const added = expectAdditive(before, shapeOf(l.db));
    expect(added.tables).toEqual({ import_log: ['merged'] });
    const after = rowsOf(l.db, tables);
    expect(rows.import_log!.length).toBe(1);
    expect(after.import_log).toEqual(rows.import_log!.map((r) => ({ ...(r as object), merged: 0 })));
    for (const t of tables.filter((x) => x !== 'import_log')) expect(after[t], t).toEqual(rows[t]);
  });
});
