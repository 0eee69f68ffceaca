/**
 * 079_import_log_merged on a ledger in use: import_log gains `merged` (a pasted 接龙's repeats merged into their first
 * row, shown in 导入记录 as 「合并重复 N 条」), 0 for every import recorded before it, and nothing else changes.
 */
import { describe, expect, it } from 'vitest';
import { CASELOAD_TABLES, FOUNDATION_TABLES, ledgerBefore, rowsOf, seedCaseload, seedFoundation, shapeOf } from '../../helpers/migration';

const LOGGED = `INSERT INTO import_log (target, file_name, file_hash, file_format, source_format, on_duplicate, total_rows, created, username, at)
  VALUES ('cases', '粘贴的接龙名单', 'h', 'csv', 'paste', 'skip', 4, 4, 'admin', '2020-02-03T08:00:00.000Z')`;

describe('079_import_log_merged on an existing ledger', () => {
  it('adds merged to import_log, 0 for every import recorded before, and nothing else', () => {
    const l = ledgerBefore(79);
    try {
      [seedFoundation, seedCaseload].forEach((seed) => seed(l.db));
      l.db.exec(LOGGED);
      const tables = [...FOUNDATION_TABLES, ...CASELOAD_TABLES, 'import_log', 'import_rejected_rows'];
      const [shape, rows] = [shapeOf(l.db), rowsOf(l.db, tables)];
      expect(l.upgrade()).toEqual([79]);
      const now = shapeOf(l.db);
      expect(Object.entries(now.tables).flatMap(([t, cols]) => cols.slice(shape.tables[t]?.length ?? 0).map((c) => `${t}.${c}`))).toEqual([
        'import_log.merged',
      ]);
      expect(now.indexes).toEqual(shape.indexes);
      const after = rowsOf(l.db, tables);
      expect(rows.import_log!.length).toBe(1);
      expect(after.import_log).toEqual(rows.import_log!.map((r) => ({ ...(r as object), merged: 0 })));
      for (const t of tables.filter((x) => x !== 'import_log')) expect(after[t], t).toEqual(rows[t]);
    } finally {
      l.close();
    }
  });
});
