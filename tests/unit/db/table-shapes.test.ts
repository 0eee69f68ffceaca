/**
 * The shapes the program gave a table (db/table-shapes.ts): a base then whole groups of appended columns, in any
 * order; anything else, a swap inside a group or across the base included, is not one of them.
 */
import { describe, expect, it } from 'vitest';
import { shapeKnown, TableShapeWalk } from '../../../electron/core/db/table-shapes';
import { tableSqlParts } from '../../../electron/core/db/table-sql';

const walk = new TableShapeWalk();
walk.see('t', 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT)');
walk.see('t', 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT, d TEXT)'); // one migration adds c, d
walk.see('t', 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT, d TEXT, e INTEGER)'); // the next adds e
const shapes = walk.shapes().get('t');
const known = (sql: string): boolean => shapeKnown(tableSqlParts(sql)!, shapes);

describe('a table’s shape', () => {
  it('every shape the walk passed through, and the groups appended in another order', () => {
    expect(known('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT)')).toBe(true);
    expect(known('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT, d TEXT, e INTEGER)')).toBe(true);
    expect(known('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, e INTEGER, c TEXT, d TEXT)')).toBe(true);
    expect(known('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, e INTEGER)')).toBe(true);
  });

  it('not: columns swapped in the base or inside a group, a group split, a group twice, another head or table', () => {
    expect(known('CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT, a TEXT)')).toBe(false);
    expect(known('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, d TEXT, c TEXT)')).toBe(false);
    expect(known('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT, e INTEGER, d TEXT)')).toBe(false);
    expect(known('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, e INTEGER, e INTEGER)')).toBe(false);
    expect(known('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT) WITHOUT ROWID')).toBe(false);
    expect(known('CREATE TEMP TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT)')).toBe(false);
    expect(shapeKnown(tableSqlParts('CREATE TABLE u (id INTEGER PRIMARY KEY)')!, walk.shapes().get('u'))).toBe(false);
  });

  it('a table rebuilt starts a new base; the older base stays one (an older backup’s copy)', () => {
    const rebuilt = new TableShapeWalk();
    rebuilt.see('t', 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT)');
    rebuilt.see('t', 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT)');
    rebuilt.see('t', 'CREATE TABLE "t" (id INTEGER PRIMARY KEY, b TEXT, a TEXT NOT NULL)');
    const s = rebuilt.shapes().get('t');
    expect(shapeKnown(tableSqlParts('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT)')!, s)).toBe(true);
    expect(shapeKnown(tableSqlParts('CREATE TABLE "t" (id INTEGER PRIMARY KEY, b TEXT, a TEXT NOT NULL)')!, s)).toBe(true);
    expect(shapeKnown(tableSqlParts('CREATE TABLE "t" (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b TEXT)')!, s)).toBe(false);
  });

  it('a rebuild that copied a group’s column: that column may still come after a later group; a base column may not move', () => {
    const walked = new TableShapeWalk();
    walked.see('t', 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT)');
    walked.see('t', 'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, m BLOB)'); // a group: m
    walked.see('t', 'CREATE TABLE "t" (id INTEGER PRIMARY KEY, a TEXT NOT NULL, m BLOB)'); // rebuilt, m copied
    walked.see('t', 'CREATE TABLE "t" (id INTEGER PRIMARY KEY, a TEXT NOT NULL, m BLOB, r TEXT)'); // a group: r
    const s = walked.shapes().get('t');
    const ok = (sql: string) => shapeKnown(tableSqlParts(sql)!, s);
    expect(ok('CREATE TABLE "t" (id INTEGER PRIMARY KEY, a TEXT NOT NULL, r TEXT, m BLOB)')).toBe(true);
    expect(ok('CREATE TABLE "t" (id INTEGER PRIMARY KEY, r TEXT, a TEXT NOT NULL, m BLOB)')).toBe(false);
    expect(ok('CREATE TABLE "t" (a TEXT NOT NULL, id INTEGER PRIMARY KEY, m BLOB, r TEXT)')).toBe(false);
  });

  it('a table constraint stays after the columns that ADD COLUMN puts before it; the constraints themselves never move', () => {
    const walked = new TableShapeWalk();
    walked.see('h', 'CREATE TABLE h (id INTEGER PRIMARY KEY, k TEXT, UNIQUE (k))');
    walked.see('h', 'CREATE TABLE h (id INTEGER PRIMARY KEY, k TEXT, p BLOB, UNIQUE (k))'); // a group: p
    walked.see('h', 'CREATE TABLE h (id INTEGER PRIMARY KEY, k TEXT, p BLOB, m BLOB, UNIQUE (k))'); // a group: m
    const s = walked.shapes().get('h');
    const ok = (sql: string) => shapeKnown(tableSqlParts(sql)!, s);
    expect(ok('CREATE TABLE h (id INTEGER PRIMARY KEY, k TEXT, m BLOB, p BLOB, UNIQUE (k))')).toBe(true);
    expect(ok('CREATE TABLE h (id INTEGER PRIMARY KEY, k TEXT, m BLOB, p BLOB, UNIQUE (k), CHECK (1))')).toBe(false);
    expect(ok('CREATE TABLE h (id INTEGER PRIMARY KEY, k TEXT, m BLOB, p BLOB, UNIQUE (id))')).toBe(false);
  });
});
