/**
 * 006_import on a ledger made by 005 and in use: earlier rows untouched; the
 * import log, rows sent back, review flags and remembered header mappings are
 * new, and the history and the same-file check read through their indexes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
  l = ledgerBefore(6);
  seedFoundation(l.db);
  seedCaseload(l.db);
});
afterEach(() => l.close());

describe('006_import on an existing ledger', () => {
  it('adds the import tables and keeps every earlier row', () => {
    const added = upgradeKeepingRows(l, 6, [...FOUNDATION_TABLES, ...CASELOAD_TABLES]);
    expect(Object.keys(added.tables).sort()).toEqual(['import_header_mappings', 'import_log', 'import_rejected_rows', 'import_review_flags']);
  });

  it('logs an import with its rejected rows and a flag on an existing resident, read through the indexes', () => {
    l.upgrade();
    const { db } = l;
    const { lastInsertRowid: importId } = db
      .prepare(
        `INSERT INTO import_log (target, file_name, file_hash, file_format, on_duplicate, total_rows, created, rejected, user_id, username, at)
         VALUES ('residents', '幸福社区居民.xlsx', 'abc', 'xlsx', 'flag', 3, 1, 1, 1, 'admin', @now)`,
      )
      .run({ now: MIGRATION_NOW });
    expect(() =>
      db
        .prepare(
          `INSERT INTO import_log (target, file_name, file_hash, file_format, on_duplicate, username, at) VALUES ('residents', 'a.et', 'x', 'et', 'skip', 'admin', @now)`,
        )
        .run({ now: MIGRATION_NOW }),
    ).toThrow(/CHECK/);
    db.prepare(
      `INSERT INTO import_rejected_rows (import_id, row_number, cells_json, reason) VALUES (@importId, 3, '["张三"]', '「身份证号」不是有效的号码')`,
    ).run({ importId });
    db.prepare(
      `INSERT INTO import_review_flags (import_id, row_number, entity, existing_id, incoming_json, reason) VALUES (@importId, 2, 'residents', 1, '{}', '身份证号相同')`,
    ).run({ importId });
    expect(planOf(db, `SELECT id FROM import_log WHERE target = 'residents' AND file_hash = 'abc'`)).toContain('import_log_by_hash');
    expect(planOf(db, `SELECT id FROM import_log ORDER BY at DESC, id DESC LIMIT 20`)).toContain('import_log_by_at');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
