import { AppError } from '../errors';
import { MIGRATIONS, type Migration } from './migrations/index';
import type { Database } from './types';

export const HEAD_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

export function currentVersion(db: Database): number {
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
  if (!exists) return 0;
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/** Applies every pending migration, each in its own transaction. Refuses a ledger from a newer program. */
export function migrate(db: Database, nowIso: string, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const head = Math.max(0, ...migrations.map((m) => m.version));
  const current = currentVersion(db);
  if (current > head) {
    throw new AppError(
      'LEDGER_TOO_NEW',
      `这个台账由更新版本的程序创建（数据版本 ${current}，本程序只认识到 ${head}）。请安装新版程序后再打开；台账没有被改动。`,
    );
  }
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)');
  // By membership, not by the highest number: numbers are reserved per area and land out of order
  // (011 after 013), and a ledger that already has 013 still needs 011.
  const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run({ version: m.version, name: m.name, at: nowIso });
    })();
    applied.push(m.version);
  }
  return applied;
}
