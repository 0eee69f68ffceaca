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
});
