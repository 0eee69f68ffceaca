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
 * - a table's own SQL rewritten (writable_schema) with a CHECK refused the key rotation's last audit row after its
 *   switch (S34-A9); a DEFAULT, an ON CONFLICT clause or a foreign key's action would act as a trigger does. So each
 *   of the program's tables is compared by what its SQL says (db/table-sql.ts: clause by clause) and by its columns'
 *   order, which decides under which name each stored value reads (db/table-shapes.ts: in an order the migrations
 *   left, landing out of order included), and a virtual table the program did not make is refused.
 * So a ledger holding one is not opened. One of the program's own missing is not refused here: the chain and the
 * anchor catch what a dropped trigger lets through, and a dropped index only slows the grid; a plain table the
 * program does not know runs nothing.
 * "What the migrations make" is computed once per process on an in-memory database (≈ 40–120 ms), so a migration
 * adding an index or trigger needs no list kept by hand.
 */
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import { MIGRATIONS } from './migrations/index';
import { migrate } from './migrate';
import { tableCanon, tableSqlParts } from './table-sql';
import { shapeKnown, TableShapeWalk, type TableShapes } from './table-shapes';
import type { Database, ReadDb } from './types';

type Kind = 'table' | 'index' | 'trigger' | 'view';
const CHECKED: readonly string[] = ['table', 'index', 'trigger', 'view'];

/** kind → name → SHA-256 of its SQL (of a table's: of what it says, db/table-sql.ts). */
export type ProgramSchema = Readonly<Record<Kind, ReadonlyMap<string, string>>>;

export const schemaHash = (sql: string | null): string =>
  createHash('sha256')
    .update(sql ?? '')
    .digest('hex');

interface SchemaRow {
  type: string;
  name: string;
  /** The table an index or trigger is on (a table's own name for a table). */
  tbl_name: string;
  sql: string | null;
}

const schemaRows = (db: ReadDb): SchemaRow[] => db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name`).all() as SchemaRow[];

const rowHash = (r: SchemaRow): string => schemaHash(r.type === 'table' ? tableCanon(r.sql) : r.sql);
const isVirtual = (r: SchemaRow): boolean => /^CREATE\s+VIRTUAL\b/i.test(r.sql ?? '');

/** The tables, indexes, triggers and views in `db`, as a ProgramSchema. */
export function schemaOf(db: ReadDb): ProgramSchema {
  const made = { table: new Map<string, string>(), index: new Map<string, string>(), trigger: new Map<string, string>(), view: new Map<string, string>() };
  for (const r of schemaRows(db)) if (CHECKED.includes(r.type)) made[r.type as Kind].set(r.name, rowHash(r));
  return made;
}

function withMemoryDb<T>(nativeBinding: string | undefined, use: (db: Database) => T): T {
  const db = new BetterSqlite3(':memory:', nativeBinding ? { nativeBinding } : {});
  try {
    return use(db);
  } finally {
    db.close();
  }
}

interface Made {
  schema: ProgramSchema;
  tables: ReadonlyMap<string, TableShapes>;
  /** The indexes that keep a UNIQUE or PRIMARY KEY rule (automatic ones included): rules the program relies on. */
  unique: ReadonlySet<string>;
}
let made: Made | null = null;

/**
 * What this program's migrations make, applied one at a time as a ledger gets them over the versions (once per
 * process, ≈ 40–120 ms; `nativeBinding`: the SQLite the ledger itself loads): the schema at the end, and every shape
 * each table had on the way (db/table-shapes.ts), since a backup's copy may be any earlier schema's.
 */
function programMade(nativeBinding?: string): Made {
  made ??= withMemoryDb(nativeBinding, (db) => {
    const walk = new TableShapeWalk();
    for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
      migrate(
        db,
        '2020-01-01T00:00:00.000Z',
        MIGRATIONS.filter((x) => x.version <= m.version),
      );
      for (const r of schemaRows(db)) if (r.type === 'table' && r.sql) walk.see(r.name, r.sql);
    }
    const unique = (db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index'`).all() as SchemaRow[]).filter(
      (r) => r.sql === null || /^CREATE\s+UNIQUE\b/i.test(r.sql),
    );
    return { schema: schemaOf(db), tables: walk.shapes(), unique: new Set(unique.map((r) => r.name)) };
  });
  return made;
}

export const programSchema = (nativeBinding?: string): ProgramSchema => programMade(nativeBinding).schema;

/** A table of the program's whose columns are in an order no migration left them in (or of a head or options it never had). */
function shapeUnknown(r: SchemaRow, tables: ReadonlyMap<string, TableShapes>): boolean {
  const parts = r.sql ? tableSqlParts(r.sql) : null;
  return !parts || !shapeKnown(parts, tables.get(r.name));
}

const KIND_LABEL: Readonly<Record<string, string>> = { table: '表结构', index: '索引', trigger: '触发器', view: '视图' };

/**
 * The schema rows the program did not make: an index, trigger or view not among `expected` or with other SQL (an
 * implicit index of a UNIQUE constraint, `sqlite_autoindex_…` without SQL, goes with its table if the table is the
 * program's), and any row of a type
 * SQLite reads but that is not written exactly as the program writes it.
 */
export function foreignSchemaObjects(
  db: ReadDb,
  expected: ProgramSchema,
  kinds: readonly Kind[] = ['table', 'index', 'trigger', 'view'],
  tables: ReadonlyMap<string, TableShapes> | null = null,
): SchemaRow[] {
  return schemaRows(db).filter((r) => {
    if (!CHECKED.includes(r.type)) return true;
    if (r.type === 'table') return foreignTable(r, expected, kinds, tables);
    if (!kinds.includes(r.type as Kind)) return false;
    // An implicit index goes with its table: one of the program's (whose SQL is compared), not another's: a table the
    // program does not know runs nothing, but its UNIQUE columns' indexes are walked by the full check (S36-A6: 300,000
    // rows made a sign-in 11.5 s, at every keyed sign-in after the file changed).
    // SQLite finds an automatic index by its name (`sqlite_autoindex_<table>_<n>`, made from the table's constraints) and
    // ignores the row's tbl_name, which the database key rewrites: an unknown table's said to be users' passed (S37-A3).
    if (r.type === 'index' && r.sql === null && r.name.startsWith('sqlite_autoindex_'))
      return !(expected.table.has(r.tbl_name) && autoindexOf(r.name, r.tbl_name));
    return expected[r.type as Kind].get(r.name) !== schemaHash(r.sql);
  });
}

/** Whether `name` is one SQLite gives an automatic index of table `table` (sqlite3CreateIndex: `sqlite_autoindex_%s_%d`). */
const autoindexOf = (name: string, table: string): boolean =>
  name.startsWith(`sqlite_autoindex_${table}_`) && /^[1-9]\d*$/.test(name.slice(`sqlite_autoindex_${table}_`.length));

/** A name as SQLite compares names: ASCII letters without regard to case (sqlite3StrICmp), nothing else folded. */
const asciiFolded = (name: string): string => name.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Whether `name` is a program table's in another case: to SQLite that table (twenty-fourth attack run, S38-A1). */
const programTableByCase = (name: string, expected: ProgramSchema): boolean =>
  [...expected.table.keys()].some((own) => own !== name && asciiFolded(own) === asciiFolded(name));

/**
 * Another table: refused only when virtual (a plain one runs nothing), or when its name is a program table's in another
 * case (`USERS`): SQLite takes it for that table, and an exact lookup took it for another, so its SQL and its columns'
 * order went unchecked (S38-A1). One of the program's: what it says must be what the migrations made (`kinds` holding
 * 'table'; a backup's copy, unmigrated, is not asked), and its columns in an order they left them in (`tables`, both).
 */
function foreignTable(r: SchemaRow, expected: ProgramSchema, kinds: readonly Kind[], tables: ReadonlyMap<string, TableShapes> | null): boolean {
  const own = expected.table.get(r.name);
  if (own === undefined) return isVirtual(r) || programTableByCase(r.name, expected);
  if (kinds.includes('table') && own !== rowHash(r)) return true;
  return tables !== null && shapeUnknown(r, tables);
}

/**
 * The program's UNIQUE indexes a ledger lacks. Another missing index only slows a grid; one of these gone (its schema
 * row deleted offline) drops the rule it keeps, and a second row under a user's name came first in the lookup
 * (S35-A3). An older backup's copy may predate some: asked of a ledger only (it is migrated and asked at its open).
 */
function missingUniqueIndexes(db: ReadDb, unique: ReadonlySet<string>): string[] {
  const present = new Set(schemaRows(db).map((r) => r.name));
  return [...unique].filter((name) => !present.has(name));
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
 * audit row). A copy is checked unmigrated, so for it triggers, tables and odd rows are asked (an older schema's indexes
 * differ from today's; its triggers never did: no migration changed a trigger's SQL, and the test walks every
 * migration to keep it so; its tables' parts are each one some schema of the program had).
 */
export function refuseForeignSchema(db: ReadDb, holder: 'ledger' | 'backup', nativeBinding?: string): void {
  const { schema, tables, unique } = programMade(nativeBinding);
  const foreign = foreignSchemaObjects(db, schema, holder === 'ledger' ? ['table', 'index', 'trigger', 'view'] : ['trigger'], tables);
  const missing = holder === 'ledger' ? missingUniqueIndexes(db, unique) : [];
  if (foreign.length === 0 && missing.length === 0) return;
  const found = [foreign.length > 0 ? `有不是本程序建立的${named(foreign)}` : '', missing.length > 0 ? `缺少本程序的唯一索引（${missing.join('、')}）` : '']
    .filter(Boolean)
    .join('，');
  throw new AppError(
    'LEDGER_DAMAGED',
    holder === 'ledger'
      ? `台账文件里${found}：台账在本程序之外被改动过，它能改动或拦下本程序写入的内容，本程序不会打开这个台账。请从备份恢复。`
      : `这份备份的台账文件里${found}：备份在本程序之外被改动过，不能用它恢复。当前台账没有被改动。`,
    { foreignSchema: [...foreign.map((r) => r.name), ...missing] },
  );
}
