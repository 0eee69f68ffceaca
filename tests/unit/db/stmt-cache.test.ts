/**
 * allRows gives exactly what the driver's all() gives (keys in the same
 * order, same values, NULLs and blobs included, a repeated column name
 * resolved the same way) and leaves a cached statement as it found it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allRows, cached } from '../../../electron/core/db/stmt-cache';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
beforeEach(async () => {
  t = await openTestLedger();
});
afterEach(() => t.close());

describe('allRows', () => {
  it('returns the rows all() returns, key for key, and leaves the statement returning objects', () => {
    const db = t.core.services.ledger.handle();
    db.exec(`CREATE TEMP TABLE sample (id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB)`);
    db.prepare(`INSERT INTO temp.sample (id, name, score, data) VALUES (1, '王建华', 36.5, x'00ff'), (2, NULL, NULL, NULL), (3, '', 0, x'')`).run();
    const sql = `SELECT s.id, s.name, s.score * 2 AS doubled, s.data, s.name AS name, @tag AS tag FROM temp.sample s WHERE s.id >= @from ORDER BY s.id`;
    const stmt = cached(db, sql);
    const expected = stmt.all({ from: 1, tag: '标签' });
    const got = allRows<Record<string, unknown>>(stmt, { from: 1, tag: '标签' });
    expect(got).toEqual(expected);
    expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
    expect(got.map((r) => Object.keys(r))).toEqual(expected.map((r) => Object.keys(r as object)));
    expect(allRows(stmt, { from: 9, tag: null })).toEqual([]);
    // The cached statement still gives objects to the next caller.
    expect(cached(db, sql).get({ from: 2, tag: null })).toEqual({ id: 2, name: null, doubled: null, data: null, tag: null });
  });

  it('leaves the statement returning objects when the query fails', () => {
    const db = t.core.services.ledger.handle();
    const stmt = cached(db, `SELECT json_extract(@doc, '$.a') AS a`);
    expect(() => allRows(stmt, { doc: '{not json' })).toThrow();
    expect(stmt.get({ doc: '{"a": 1}' })).toEqual({ a: 1 });
  });
});
