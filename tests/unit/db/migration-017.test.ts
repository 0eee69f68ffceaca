/**
 * 017_screens on a ledger made by the version before it and in use: every
 * earlier row untouched; each user's shown columns per grid are a new table,
 * one row per user and grid, tied to an existing user.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CASELOAD_TABLES,
  FOUNDATION_TABLES,
  ledgerBefore,
  MIGRATION_NOW,
  seedCaseload,
  seedFoundation,
  type LedgerBefore,
  upgradeKeepingRows,
} from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(17);
  seedFoundation(l.db);
  seedCaseload(l.db);
});
afterEach(() => l.close());

describe('017_screens on an existing ledger', () => {
  it('adds the shown-columns table and keeps every earlier row', () => {
    const added = upgradeKeepingRows(l, 17, [...FOUNDATION_TABLES, ...CASELOAD_TABLES]);
    expect(added.tables).toEqual({ user_grid_columns: ['user_id', 'grid', 'shown_json', 'updated_at'] });
  });

  it('keeps one choice per user and grid, for a user who exists', () => {
    l.upgrade();
    const save = l.db.prepare(`INSERT INTO user_grid_columns (user_id, grid, shown_json, updated_at) VALUES (@userId, 'cases', '{"origin":true}', @now)`);
    save.run({ userId: 1, now: MIGRATION_NOW });
    expect(() => save.run({ userId: 1, now: MIGRATION_NOW })).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => save.run({ userId: 99, now: MIGRATION_NOW })).toThrow(/FOREIGN KEY/);
    expect(l.db.prepare(`SELECT user_id AS userId, grid FROM user_grid_columns`).all()).toEqual([{ userId: 1, grid: 'cases' }]);
    expect(l.db.pragma('foreign_key_check')).toEqual([]);
  });
});
