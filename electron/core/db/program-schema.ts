/**
 * The schema objects a ledger of this program may hold besides its tables: the indexes, triggers and views its
 * migrations make on an empty database, by name and the SHA-256 of their SQL as SQLite keeps it. Anything else was put
 * there outside the program (the database key opens the file: a viewer's password, offline):
 * - a trigger can refuse or alter any write the program makes: it refused the binding marker's restore and left a
 *   session in which swapped rows opened (nineteenth attack run, S33-A7); one could copy another row's sealed value
 *   into the row being bound;
 * - an expression index evaluates on every write: one whose expression throws failed the unlock's own writes
 *   (twentieth run, S34-A4);
 * - a schema row typed `TRIGGER` (writable_schema) is a live trigger that `type = 'trigger'` does not see (S34-A1):
 *   types are compared without regard to case, and a row of any other type is refused.
 * So a ledger holding one is not opened. One of the program's own missing is not refused here: the chain and the
 * anchor catch what a dropped trigger lets through, and a dropped index only slows the grid.
 * "What the migrations make" is computed once per process on an in-memory database (≈ 40–120 ms), so a migration
 * adding an index or trigger needs no list kept by hand.
 */
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import { migrate } from './migrate';
import type { ReadDb } from './types';

type Kind = 'index' | 'trigger' | 'view';
const CHECKED: readonly string[] = ['index', 'trigger', 'view'];
const SCHEMA_TYPES: readonly string[] = ['table', ...CHECKED];

/** kind → name → SHA-256 of its SQL. */
export type ProgramSchema = Readonly<Record<Kind, ReadonlyMap<string, string>>>;

export const schemaHash = (sql: string | null): string =>
  createHash('sha256')
    .update(sql ?? '')
    .digest('hex');

interface SchemaRow {
  type: string;
  name: string;
  sql: string | null;
}

const schemaRows = (db: ReadDb): SchemaRow[] => db.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY name`).all() as SchemaRow[];

/** The indexes, triggers and views in `db`, as a ProgramSchema. */
export function schemaOf(db: ReadDb): ProgramSchema {
  const made = { index: new Map<string, string>(), trigger: new Map<string, string>(), view: new Map<string, string>() };
  for (const r of schemaRows(db)) if (CHECKED.includes(r.type)) made[r.type as Kind].set(r.name, schemaHash(r.sql));
  return made;
}

let made: ProgramSchema | null = null;

/** What this program's migrations make (once per process; `nativeBinding`: the SQLite the ledger itself loads). */
export function programSchema(nativeBinding?: string): ProgramSchema {
  if (made) return made;
  const db = new BetterSqlite3(':memory:', nativeBinding ? { nativeBinding } : {});
  try {
    migrate(db, '2020-01-01T00:00:00.000Z');
    made = schemaOf(db);
  } finally {
    db.close();
  }
  return made;
}

const KIND_LABEL: Readonly<Record<string, string>> = { index: '索引', trigger: '触发器', view: '视图' };

/**
 * The schema rows the program did not make: an index, trigger or view not among `expected` or with other SQL (an
 * implicit index of a UNIQUE constraint, `sqlite_autoindex_…` without SQL, goes with its table), and any row of a type
 * SQLite reads but that is not written exactly as the program writes it.
 */
export function foreignSchemaObjects(db: ReadDb, expected: ProgramSchema, kinds: readonly Kind[] = ['index', 'trigger', 'view']): SchemaRow[] {
  return schemaRows(db).filter((r) => {
    if (!SCHEMA_TYPES.includes(r.type)) return true;
    if (r.type === 'table' || !kinds.includes(r.type as Kind)) return false;
    if (r.type === 'index' && r.sql === null && r.name.startsWith('sqlite_autoindex_')) return false;
    return expected[r.type as Kind].get(r.name) !== schemaHash(r.sql);
  });
}

/** 「触发器（a、b）、索引（c）」: what was found, by the kind SQLite will take it for. */
function named(rows: readonly SchemaRow[]): string {
  const byKind = new Map<string, string[]>();
  for (const r of rows) {
    const label = KIND_LABEL[r.type.toLowerCase()] ?? '结构项';
    byKind.set(label, [...(byKind.get(label) ?? []), r.name]);
  }
  return [...byKind].map(([label, names]) => `${label}（${names.join('、')}）`).join('、');
}

/**
 * Refuses a ledger holding a schema object the program did not make (after its migrations, which make the program's
 * own), or a backup's copy holding one before a restore swaps it in: the restore itself writes into the copy (its
 * audit row). A copy is checked unmigrated, so for it only triggers and odd rows are asked (an older schema's indexes
 * differ from today's; its triggers never did: no migration changed a trigger's SQL, and the test walks every
 * migration to keep it so).
 */
export function refuseForeignSchema(db: ReadDb, holder: 'ledger' | 'backup', nativeBinding?: string): void {
  const foreign = foreignSchemaObjects(db, programSchema(nativeBinding), holder === 'ledger' ? ['index', 'trigger', 'view'] : ['trigger']);
  if (foreign.length === 0) return;
  throw new AppError(
    'LEDGER_DAMAGED',
    holder === 'ledger'
      ? `台账文件里有不是本程序建立的${named(foreign)}：台账在本程序之外被改动过，它能改动或拦下本程序写入的内容，本程序不会打开这个台账。请从备份恢复。`
      : `这份备份的台账文件里有不是本程序建立的${named(foreign)}：备份在本程序之外被改动过，不能用它恢复。当前台账没有被改动。`,
    { foreignSchema: foreign.map((r) => r.name) },
  );
}
