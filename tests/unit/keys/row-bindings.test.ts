/**
 * The row bindings (db/row-binding.ts, ROW_BINDINGS in sealed-columns.ts) name
 * real columns, cover every sealed column of each bound table, and every table
 * holding sealed values is bound or is one of the exceptions the README states.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openEncrypted } from '../../../electron/core/db/open';
import { migrate } from '../../../electron/core/db/migrate';
import { ROW_BINDINGS, SEALED_COLUMNS } from '../../../electron/core/sealed-columns';

const dir = mkdtempSync(join(tmpdir(), 'taizhang-row-bindings-'));
const db = openEncrypted(join(dir, 'l.db'), randomBytes(32));
migrate(db, '2020-02-17T00:00:00.000Z');
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const hasColumn = (table: string, column: string) => !!db.prepare(`SELECT 1 FROM pragma_table_info(@table) WHERE name = @column`).get({ table, column });
/** Not bound, for the reasons electron/core/README.md gives ("Rows bound to what they hold"). */
const NOT_BOUND = ['import_rejected_rows', 'import_review_flags', 'users'];
/** Sealed but held to the bound record's SHA-256 instead of the MAC (up to 10 MB each). */
const HELD_BY_HASH = ['honours_attachments.content_sealed'];

describe('row bindings', () => {
  it('name real columns, each table once, with row_mac', () => {
    const problems = ROW_BINDINGS.flatMap((b) => [...b.columns, 'row_mac', 'id'].filter((c) => !hasColumn(b.table, c)).map((c) => `${b.table}.${c}`));
    expect(problems).toEqual([]);
    expect(new Set(ROW_BINDINGS.map((b) => b.table)).size).toBe(ROW_BINDINGS.length);
    for (const b of ROW_BINDINGS) expect(b.columns, b.table).toEqual(expect.arrayContaining([...b.sealed]));
  });

  it('cover every sealed column of a bound table, and every sealed table is bound or a stated exception', () => {
    const bound = new Map(ROW_BINDINGS.map((b) => [b.table, b]));
    const uncovered = SEALED_COLUMNS.filter((c) => !NOT_BOUND.includes(c.table))
      .filter((c) => !bound.get(c.table)?.sealed.includes(c.column))
      .map((c) => `${c.table}.${c.column}`);
    expect(uncovered).toEqual(HELD_BY_HASH);
  });
});
