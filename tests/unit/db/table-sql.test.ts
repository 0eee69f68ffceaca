/**
 * A CREATE TABLE cut into what it says (db/table-sql.ts): the same columns appended in another order read the same;
 * a constraint, a DEFAULT or a foreign key's action written in reads differently.
 */
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { tableCanon, tableSqlParts } from '../../../electron/core/db/table-sql';

const storedSql = (statements: string): string => {
  const db = new BetterSqlite3(':memory:');
  try {
    db.exec(statements);
    return db.prepare(`SELECT sql FROM sqlite_master WHERE name = 't'`).pluck().get() as string;
  } finally {
    db.close();
  }
};

const BASE = `CREATE TABLE t (
  id INTEGER PRIMARY KEY, -- a comment, with a comma (and a parenthesis
  note TEXT NOT NULL DEFAULT 'a, b)' CHECK (length(note) < 10),
  "odd, name" TEXT /* another, comment */
);`;

describe('a table’s SQL, clause by clause', () => {
  it('splits at top-level commas only: quotes, comments and nested parentheses stay inside their clause', () => {
    expect(tableSqlParts(storedSql(BASE))).toEqual({
      head: 'CREATE TABLE t',
      clauses: ['id INTEGER PRIMARY KEY', `note TEXT NOT NULL DEFAULT 'a, b)' CHECK (length(note) < 10)`, '"odd, name" TEXT'],
      options: '',
    });
  });

  it('reads the same when columns were added in another order (migrations landing out of order)', () => {
    const ab = storedSql(`${BASE} ALTER TABLE t ADD COLUMN a TEXT; ALTER TABLE t ADD COLUMN b INTEGER NOT NULL DEFAULT 0;`);
    const ba = storedSql(`${BASE} ALTER TABLE t ADD COLUMN b INTEGER NOT NULL DEFAULT 0; ALTER TABLE t ADD COLUMN a TEXT;`);
    expect(ab).not.toBe(ba);
    expect(tableCanon(ab)).toBe(tableCanon(ba));
  });

  it('reads differently with a CHECK, a DEFAULT, an ON CONFLICT clause, a foreign key action or a table option added', () => {
    const plain = tableCanon(`CREATE TABLE t (id INTEGER PRIMARY KEY, p INTEGER REFERENCES q(id), v TEXT)`);
    for (const changed of [
      `CREATE TABLE t (id INTEGER PRIMARY KEY, p INTEGER REFERENCES q(id), v TEXT, CHECK (v <> 'x'))`,
      `CREATE TABLE t (id INTEGER PRIMARY KEY, p INTEGER REFERENCES q(id), v TEXT DEFAULT 'x')`,
      `CREATE TABLE t (id INTEGER PRIMARY KEY ON CONFLICT REPLACE, p INTEGER REFERENCES q(id), v TEXT)`,
      `CREATE TABLE t (id INTEGER PRIMARY KEY, p INTEGER REFERENCES q(id) ON DELETE CASCADE, v TEXT)`,
      `CREATE TABLE t (id INTEGER PRIMARY KEY, p INTEGER REFERENCES q(id), v TEXT) WITHOUT ROWID`,
      `CREATE TABLE t (id INTEGER PRIMARY KEY, p INTEGER REFERENCES q(id), v TEXT AS (upper(p)))`,
    ])
      expect(tableCanon(changed)).not.toBe(plain);
  });

  it('keeps quoted text as written (whitespace inside a default is what is stored)', () => {
    expect(tableCanon(`CREATE TABLE t (v TEXT DEFAULT 'a  b')`)).not.toBe(tableCanon(`CREATE TABLE t (v TEXT DEFAULT 'a b')`));
    expect(tableCanon(`CREATE TABLE t (v   TEXT\n DEFAULT 'a')`)).toBe(tableCanon(`CREATE TABLE t (v TEXT DEFAULT 'a')`));
  });

  it('a statement without a parenthesised body is kept whole, never equal to one with a body', () => {
    expect(tableSqlParts('CREATE TABLE t AS SELECT 1')).toBeNull();
    expect(tableCanon('CREATE TABLE t AS SELECT 1')).toBe('?CREATE TABLE t AS SELECT 1');
  });

  it('takes only SQLite’s whitespace for whitespace: U+00A0 or U+3000 inside a type name is kept (S35-A3)', () => {
    const plain = tableCanon(`CREATE TABLE t (u TEXT NOT NULL UNIQUE)`);
    expect(tableCanon(`CREATE TABLE t (u TEXT\u00A0NOT\u00A0NULL\u00A0UNIQUE)`)).not.toBe(plain);
    expect(tableCanon(`CREATE TABLE t (u TEXT\u3000NOT NULL UNIQUE)`)).not.toBe(plain);
    expect(tableCanon(`CREATE TABLE t (u TEXT\tNOT\r\nNULL\fUNIQUE)`)).toBe(plain);
  });
});
