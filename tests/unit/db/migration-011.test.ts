/**
 * 011_import_sources on a ledger made by the version before it (through 009)
 * and in use: existing cases keep every field and get the returnee details
 * empty; existing imports and remembered mappings get no whole-file values
 * ('{}') and no recorded source format.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  columnsOf,
  expectAdditive,
  ledgerBefore,
  MIGRATION_NOW,
  rowsOf,
  seedCaseload,
  seedFoundation,
  shapeOf,
  type LedgerBefore,
} from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(11);
  seedFoundation(l.db);
  seedCaseload(l.db);
  l.db
    .prepare(
      `INSERT INTO import_log (target, file_name, file_hash, file_format, on_duplicate, username, at) VALUES ('cases', '返程人员.csv', 'h', 'csv', 'skip', 'admin', @now)`,
    )
    .run({ now: MIGRATION_NOW });
  l.db
    .prepare(
      `INSERT INTO import_header_mappings (target, signature, headers_json, mapping_json, updated_at) VALUES ('cases', 'sig', '["姓名"]', '{"姓名":"name"}', @now)`,
    )
    .run({ now: MIGRATION_NOW });
});
afterEach(() => l.close());

/** The rows as they were, each cut to the columns it had before. */
function asBefore(table: string, columns: string[]): unknown[] {
  return (l.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<string, unknown>[]).map((r) =>
    Object.fromEntries(columns.map((c) => [c, r[c]])),
  );
}

describe('011_import_sources on an existing ledger', () => {
  it('adds the returnee details to cases and the whole-file values to imports, keeping every row', () => {
    const before = shapeOf(l.db);
    const changed = ['cases', 'import_log', 'import_header_mappings'];
    const oldColumns = Object.fromEntries(changed.map((t) => [t, columnsOf(l.db, t)]));
    const rows = rowsOf(l.db, changed);
    const untouched = Object.keys(before.tables).filter((t) => !changed.includes(t));
    const untouchedRows = rowsOf(l.db, untouched);
    expect(l.upgrade()).toEqual([11]);
    const added = expectAdditive(before, shapeOf(l.db));
    expect(added.tables).toEqual({
      cases: ['origin', 'arrived_on', 'transport', 'transport_no', 'team_grid_worker', 'team_doctor', 'team_police'],
      import_header_mappings: ['constants_json'],
      import_log: ['constants_json', 'source_format'],
    });
    for (const t of changed) expect(asBefore(t, oldColumns[t]!), t).toEqual(rows[t]);
    expect(rowsOf(l.db, untouched)).toEqual(untouchedRows);
    expect(l.db.prepare(`SELECT origin, arrived_on AS arrivedOn, team_police AS police FROM cases`).get()).toEqual({
      origin: null,
      arrivedOn: null,
      police: null,
    });
    expect(l.db.prepare(`SELECT constants_json AS c, source_format AS f FROM import_log`).get()).toEqual({ c: '{}', f: null });
    expect(l.db.prepare(`SELECT constants_json AS c FROM import_header_mappings`).get()).toEqual({ c: '{}' });
    expect(l.db.pragma('foreign_key_check')).toEqual([]);
  });
});
