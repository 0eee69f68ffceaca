/**
 * 021_import_staging_sealed on a ledger in use: two sealed columns added to
 * the import staging tables, nothing dropped, every row kept (sealed at the
 * first clerk's or coordinator's unlock by io/import/staging-upgrade.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FOUNDATION_TABLES, ledgerBefore, rowsOf, seedFoundation, type LedgerBefore, upgradeKeepingRows } from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(21);
  seedFoundation(l.db);
  const log = l.db
    .prepare(
      `INSERT INTO import_log (target, file_name, file_hash, file_format, on_duplicate, user_id, username, at) VALUES ('staff', 'a.xlsx', 'h', 'xlsx', 'flag', 1, 'admin', '2020-02-16T01:00:00.000Z')`,
    )
    .run().lastInsertRowid;
  l.db
    .prepare(`INSERT INTO import_rejected_rows (import_id, row_number, cells_json, reason) VALUES (@log, 3, '["张三","13700137000"]', '社区不存在')`)
    .run({ log });
  l.db
    .prepare(
      `INSERT INTO import_review_flags (import_id, row_number, entity, existing_id, incoming_json, reason) VALUES (@log, 2, 'staff', 1, '{"姓名":"李娜"}', '疑似重复')`,
    )
    .run({ log });
});
afterEach(() => l.close());

describe('021_import_staging_sealed on an existing ledger', () => {
  it('adds the sealed columns and keeps every staged row', () => {
    const staged = rowsOf(l.db, ['import_rejected_rows', 'import_review_flags']);
    const added = upgradeKeepingRows(l, 21, [...FOUNDATION_TABLES, 'import_log']);
    expect(added).toEqual({ tables: { import_rejected_rows: ['cells_sealed'], import_review_flags: ['incoming_sealed'] }, indexes: [], triggers: [] });
    // Every staged row as it was, the new columns empty until the sealing upgrade runs.
    expect(rowsOf(l.db, ['import_rejected_rows', 'import_review_flags'])).toEqual({
      import_rejected_rows: staged.import_rejected_rows!.map((r) => ({ ...(r as object), cells_sealed: null })),
      import_review_flags: staged.import_review_flags!.map((r) => ({ ...(r as object), incoming_sealed: null })),
    });
  });
});
