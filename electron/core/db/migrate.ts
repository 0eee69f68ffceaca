import { AppError } from '../errors';
import { MIGRATIONS, type Migration, type MigrationChange } from './migrations/index';
import { asWriteDb, type Database, type WriteDb } from './types';

export const HEAD_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

export function currentVersion(db: Database): number {
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
  if (!exists) return 0;
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Writes the audit rows of the records a migration changed, in its transaction (audit/migration-audit.ts: given by the
 * caller, as db/ does not import audit/).
 */
export type MigrationAuditor = (w: WriteDb, m: Migration, changes: readonly MigrationChange[], nowIso: string) => void;

/**
 * Applies every pending migration, each in its own transaction. Refuses a ledger from a newer program. A migration
 * that changes users' records (`changes`) has them audited by `audit`; with none given it is refused and rolled back:
 * no record is changed by nobody.
 */
export function migrate(db: Database, nowIso: string, migrations: readonly Migration[] = MIGRATIONS, audit: MigrationAuditor | null = null): number[] {
  const { current, done, record } = migrationList(db);
  const head = Math.max(0, ...migrations.map((m) => m.version));
  if (current > head) {
    throw new AppError(
      'LEDGER_TOO_NEW',
      `这个台账由更新版本的程序创建（数据版本 ${current}，本程序只认识到 ${head}）。请安装新版程序后再打开；台账没有被改动。`,
    );
  }
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    // A reference already broken before (written with foreign keys off by some older tool) is not the rebuild's doing.
    const brokenBefore = m.rebuildsTables ? brokenReferences(db) : null;
    const run = db.transaction(() => {
      const changed = m.changes?.(db);
      db.exec(m.sql);
      if (changed) auditChanges(db, m, changed(), nowIso, audit);
      if (brokenBefore) refuseNewBrokenReferences(db, m, brokenBefore);
      record.run({ version: m.version, name: m.name, at: nowIso });
    });
    try {
      if (m.rebuildsTables) withoutForeignKeys(db, run);
      else run();
    } catch (e) {
      throw schemaMismatch(m, e) ?? e;
    }
    applied.push(m.version);
  }
  return applied;
}

/**
 * The list of applied migrations, made if missing. In a file whose `schema_migrations` is no longer a table of the
 * program's (a view in its place, made with the database key offline: the twenty-eighth attack run, S42-A2) the insert
 * cannot be prepared; that is the file's state, not 「程序内部出错…请重试」, which fails the same way at every sign-in.
 */
function migrationList(db: Database): { current: number; done: Set<number>; record: ReturnType<Database['prepare']> } {
  try {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)');
    // By membership, not by the highest number: numbers are reserved per area and land out of order
    // (011 after 013), and a ledger that already has 013 still needs 011.
    const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
    return { current: currentVersion(db), done, record };
  } catch (e) {
    if ((e as { code?: unknown })?.code !== 'SQLITE_ERROR') throw e;
    throw new AppError(
      'LEDGER_DAMAGED',
      '台账文件里记数据升级的表（schema_migrations）不是本程序建立的样子，可能在本程序之外被改动过。本程序不会打开这个台账，台账没有改动。' +
        '请从备份恢复，或把台账文件夹交给技术人员查看。',
      { sqlite: (e as Error).message },
    );
  }
}

/**
 * A migration whose SQL fails on the file's own tables (a column or table already there, one missing) meets a ledger
 * whose list of applied migrations does not match its tables: a row of schema_migrations deleted or added outside the
 * program (session 40's attack run), or a file put together by some other tool. 「程序内部出错…请重试」 would send the
 * coordinator round in circles (every sign-in fails the same way), so it is named as the file's state, with what was
 * kept. Errors of the disk (full, I/O, busy) are not SQLITE_ERROR and keep their own words.
 */
function schemaMismatch(m: Migration, e: unknown): AppError | null {
  if (e instanceof AppError || (e as { code?: unknown })?.code !== 'SQLITE_ERROR') return null;
  return new AppError(
    'LEDGER_DAMAGED',
    `台账文件的表结构与它记下的数据升级记录对不上（数据升级 ${m.version}「${m.name}」在它的表上做不下去），` +
      '可能在本程序之外被改动过。升级已撤销，台账没有改动。请从备份恢复，或把台账文件夹交给技术人员查看。',
    // SQLite's own words (English) for whoever looks at the folder, not in the coordinator's sentence.
    { migration: m.version, sqlite: (e as Error).message },
  );
}

function auditChanges(db: Database, m: Migration, changes: readonly MigrationChange[], nowIso: string, audit: MigrationAuditor | null): void {
  if (changes.length === 0) return;
  if (!audit)
    throw new AppError('INTERNAL', `数据升级 ${m.version}（${m.name}）要改动 ${changes.length} 条记录，却没有写操作日志的地方。升级已撤销，台账没有改动。`);
  audit(asWriteDb(db), m, changes, nowIso);
}

/** SQLite's table rebuild runs with foreign keys off; the pragma is a no-op inside a transaction, so it is set around it. */
function withoutForeignKeys(db: Database, run: () => void): void {
  const was = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    run();
  } finally {
    if (was) db.pragma('foreign_keys = ON');
  }
}

interface BrokenReference {
  table: string;
  rowid: number;
  parent: string;
  fkid: number;
}
const referenceKey = (r: BrokenReference): string => `${r.table}:${r.rowid}:${r.parent}:${r.fkid}`;
const brokenReferences = (db: Database): Set<string> => new Set((db.pragma('foreign_key_check') as BrokenReference[]).map(referenceKey));

/** Step 10 of the 12: a rebuild must keep every reference it found; if one broke, the migration rolls back. */
function refuseNewBrokenReferences(db: Database, m: Migration, before: ReadonlySet<string>): void {
  const broken = (db.pragma('foreign_key_check') as BrokenReference[]).find((r) => !before.has(referenceKey(r)));
  if (broken)
    throw new AppError(
      'INTERNAL',
      `数据升级 ${m.version}（${m.name}）后，${broken.table} 第 ${broken.rowid} 行引用的 ${broken.parent} 记录不见了。升级已撤销，台账没有改动。`,
    );
}
