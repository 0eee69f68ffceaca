/**
 * 039_audit_heads on a ledger in use: three nullable columns on export_log (the head each package
 * carried; older exports keep NULL: their head was not recorded) and the district's table of heads
 * seen, with its index for the comparison by office key. Every row kept.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FOUNDATION_TABLES, ledgerBefore, MIGRATION_NOW, planOf, seedFoundation, type LedgerBefore, upgradeKeepingRows } from '../../helpers/migration';
import { exportedHeads } from '../../../electron/core/io/export/queries';
import { keptHeads } from '../../../electron/core/io/export/district-heads.repo';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(39);
  seedFoundation(l.db);
  l.db
    .prepare(
      `INSERT INTO export_log (at, user_id, username, period_from, period_to, form_ids, destination, file_name, sha256, bytes, fingerprint)
       VALUES (@now, 1, 'admin', '2020-02-10', '2020-02-16', '["caseload-summary"]', '/media/u', '旧包.zip', 'ab', 10, 'fp')`,
    )
    .run({ now: MIGRATION_NOW });
});
afterEach(() => l.close());

describe('039_audit_heads on an existing ledger', () => {
  it('adds the head columns and the district table, keeping every row; older exports have no head', () => {
    const before = l.db.prepare(`SELECT * FROM export_log`).all();
    const added = upgradeKeepingRows(l, 39, FOUNDATION_TABLES);
    expect(l.db.prepare(`SELECT * FROM export_log`).all()).toEqual(
      (before as object[]).map((r) => ({ ...r, audit_last_id: null, audit_last_hash: null, audit_row_count: null })),
    );
    expect(added.tables).toEqual({
      export_log: ['audit_last_id', 'audit_last_hash', 'audit_row_count'],
      district_audit_heads: expect.arrayContaining(['fingerprint', 'generated_at', 'last_id', 'last_hash', 'row_count', 'package_sha256']) as unknown,
    });
    expect(added.indexes).toEqual(['district_audit_heads_by_key']);
    expect(exportedHeads(l.db)).toEqual([]);
    expect(keptHeads(l.db, ['fp'])).toEqual([]);
  });

  it('the district reads an office’s heads through its index', () => {
    l.upgrade();
    const sql = `SELECT last_id FROM district_audit_heads WHERE fingerprint IN (SELECT value FROM json_each(@fingerprints)) ORDER BY fingerprint, generated_at`;
    expect(planOf(l.db, sql, { fingerprints: '["fp"]' })).toContain('district_audit_heads_by_key');
  });
});
