/**
 * A migration tested as it runs on a user's machine: on a real encrypted
 * ledger made by the version before it, holding data. `ledgerBefore(n)`
 * applies every migration numbered below n; `upgrade()` then applies n (and
 * only n), and the test checks the new shape and that the data came through.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { auditMigration } from '../../electron/core/audit/migration-audit';
import { migrate } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations/index';
import { openEncrypted } from '../../electron/core/db/open';
import type { Database } from '../../electron/core/db/types';

export const MIGRATION_NOW = '2020-02-17T00:00:00.000Z';

export interface LedgerBefore {
  db: Database;
  /** Applies the migration under test; returns the versions applied (just that one). */
  upgrade(): number[];
  close(): void;
}

export function ledgerBefore(version: number): LedgerBefore {
  if (!MIGRATIONS.some((m) => m.version === version)) throw new Error(`no migration ${version}`);
  const dir = mkdtempSync(join(tmpdir(), `taizhang-mig${version}-`));
  const db = openEncrypted(join(dir, 'l.db'), randomBytes(32));
  migrate(
    db,
    MIGRATION_NOW,
    MIGRATIONS.filter((m) => m.version < version),
  );
  return {
    db,
    // As the app runs it: a migration that changes users' records has them audited (db/migrate.ts).
    upgrade: () =>
      migrate(
        db,
        MIGRATION_NOW,
        MIGRATIONS.filter((m) => m.version <= version),
        auditMigration,
      ),
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function columnsOf(db: Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(@table) ORDER BY cid`).all({ table }) as { name: string }[]).map((r) => r.name);
}

/** Names of the schema's tables, indexes or triggers (SQLite's own and the migration log left out). */
export function namesOf(db: Database, type: 'table' | 'index' | 'trigger'): string[] {
  return (
    db
      .prepare(`SELECT name FROM sqlite_master WHERE type = @type AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name`)
      .all({ type }) as { name: string }[]
  ).map((r) => r.name);
}

/** Every row of each table, in rowid order: what a migration must carry through. */
export function rowsOf(db: Database, tables: readonly string[]): Record<string, unknown[]> {
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
}

export interface Shape {
  tables: Record<string, string[]>;
  indexes: string[];
  triggers: string[];
}

export function shapeOf(db: Database): Shape {
  return {
    tables: Object.fromEntries(namesOf(db, 'table').map((t) => [t, columnsOf(db, t)])),
    indexes: namesOf(db, 'index'),
    triggers: namesOf(db, 'trigger'),
  };
}

/**
 * Migrations are additive: everything the old ledger had is still there (its
 * columns in the same order, new ones only after them). Returns what is new.
 */
export function expectAdditive(before: Shape, after: Shape): Shape {
  for (const [table, cols] of Object.entries(before.tables)) expect(after.tables[table]?.slice(0, cols.length), `columns of ${table}`).toEqual(cols);
  expect(after.indexes).toEqual(expect.arrayContaining(before.indexes));
  expect(after.triggers).toEqual(expect.arrayContaining(before.triggers));
  return {
    tables: Object.fromEntries(
      Object.entries(after.tables).flatMap(([t, cols]) => {
        const added = cols.slice(before.tables[t]?.length ?? 0);
        return added.length ? [[t, added]] : [];
      }),
    ),
    indexes: after.indexes.filter((i) => !before.indexes.includes(i)),
    triggers: after.triggers.filter((i) => !before.triggers.includes(i)),
  };
}

/**
 * Applies the migration under test to `l` as the ledger in use meets it: only `version` is
 * applied, nothing earlier is changed or dropped, and every row of `tables` reads back as before.
 * Returns what the migration added, for the test to check.
 */
export function upgradeKeepingRows(l: LedgerBefore, version: number, tables: readonly string[]): Shape {
  const before = shapeOf(l.db);
  const rows = rowsOf(l.db, tables);
  expect(l.upgrade()).toEqual([version]);
  const added = expectAdditive(before, shapeOf(l.db));
  expect(rowsOf(l.db, tables)).toEqual(rows);
  return added;
}

/** The plan SQLite picks for a query, as one line (to check a new index is used). */
export function planOf(db: Database, sql: string, params: Record<string, unknown> = {}): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

/** The foundation's tables (001), holding what every ledger has by the time later migrations meet it. */
export const FOUNDATION_TABLES = ['users', 'audit_log', 'settings', 'communities', 'grids', 'staff', 'meta'] as const;

/** A user, an audit row, a setting, two communities, a grid and two staff, as any ledger in use holds them. */
export function seedFoundation(db: Database): void {
  const now = { now: MIGRATION_NOW };
  db.prepare(`INSERT INTO meta (key, value) VALUES ('office', '东风街道办事处')`).run();
  db.prepare(`INSERT INTO users (id, username, display_name, role, created_at, updated_at) VALUES (1, 'admin', '王建国', 'coordinator', @now, @now)`).run(now);
  db.prepare(`INSERT INTO audit_log (at, user_id, username, channel, entity, prev_hash, hash) VALUES (@now, 1, 'admin', 'setup.init', 'office', '', 'h1')`).run(
    now,
  );
  db.prepare(`INSERT INTO settings (key, value) VALUES ('idleLockMinutes', '15')`).run();
  db.prepare(`INSERT INTO communities (id, name, households, population, created_at, updated_at) VALUES (1, '幸福社区', 1200, 3400, @now, @now)`).run(now);
  db.prepare(`INSERT INTO communities (id, name, kind, created_at, updated_at) VALUES (2, '柳树村', '村', @now, @now)`).run(now);
  db.prepare(`INSERT INTO grids (id, community_id, name, created_at, updated_at) VALUES (1, 1, '第一网格', @now, @now)`).run(now);
  db.prepare(
    `INSERT INTO staff (id, name, kind, community_id, phone, id_number, created_at, updated_at) VALUES (1, '刘洋', 'community_worker', 1, '13800138000', '110101198001010011', @now, @now)`,
  ).run(now);
  db.prepare(`INSERT INTO staff (id, name, kind, is_medical, created_at, updated_at) VALUES (2, '赵医生', 'medical', 1, @now, @now)`).run(now);
}

/** The caseload's tables (002) with rows: a household, a resident and an observation case with one check. */
export const CASELOAD_TABLES = ['households', 'residents', 'cases', 'health_checks'] as const;

export function seedCaseload(db: Database): void {
  const now = { now: MIGRATION_NOW };
  db.prepare(
    `INSERT INTO households (id, community_id, grid_id, building, room, address_key, created_at, updated_at) VALUES (1, 1, 1, '3栋', '201', '幸福社区|3栋|201', @now, @now)`,
  ).run(now);
  db.prepare(
    `INSERT INTO residents (id, household_id, community_id, grid_id, name, id_number, id_rev, phone, phone_rev, created_at, updated_at)
     VALUES (1, 1, 1, 1, '王桂英', '11010119620312017X', 'X71021326919101011', '13900139000', '00093100931', @now, @now)`,
  ).run(now);
  db.prepare(
    `INSERT INTO cases (id, resident_id, community_id, grid_id, category, status, assigned_staff_id, opened_on, obs_start_on, obs_days, obs_end_on, created_at, updated_at)
     VALUES (1, 1, 1, 1, 'home_observation', 'observing', 1, '2020-02-10', '2020-02-10', 14, '2020-02-23', @now, @now)`,
  ).run(now);
  db.prepare(
    `INSERT INTO health_checks (case_id, check_date, temperature, method, checked_by, created_at) VALUES (1, '2020-02-10', 36.5, 'phone', '刘洋', @now)`,
  ).run(now);
}
