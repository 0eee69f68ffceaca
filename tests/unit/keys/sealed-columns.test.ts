/**
 * The registry of sealed columns names real columns: key rotation re-seals
 * exactly what it lists, so a misspelt table or column would leave values
 * sealed under a key that no longer exists.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openEncrypted } from '../../../electron/core/db/open';
import { migrate } from '../../../electron/core/db/migrate';
import type { Database } from '../../../electron/core/db/types';
import type { SealedColumn } from '../../../electron/core/keys/sealed-columns';
import { SEALED_COLUMNS } from '../../../electron/core/sealed-columns';

const dir = mkdtempSync(join(tmpdir(), 'taizhang-sealed-cols-'));
const db = openEncrypted(join(dir, 'l.db'), randomBytes(32));
migrate(db, '2020-02-17T00:00:00.000Z');
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function problemsOf(d: Database, list: readonly SealedColumn[]): string[] {
  const problems: string[] = [];
  const hasColumn = (table: string, column: string) => !!d.prepare(`SELECT 1 FROM pragma_table_info(@table) WHERE name = @column`).get({ table, column });
  const purposes = new Set<string>();
  const once = (purpose: string) => {
    if (purposes.has(purpose)) problems.push(`purpose ${purpose} used twice`);
    purposes.add(purpose);
  };
  for (const c of list) {
    if (!hasColumn(c.table, c.column)) problems.push(`${c.table}.${c.column} does not exist`);
    once(c.purpose);
    for (const i of c.indexes) {
      if (!hasColumn(c.table, i.column)) problems.push(`${c.table}.${i.column} does not exist`);
      // An index sharing another's purpose on purpose names it, and that one has the same purpose.
      if (i.sameAs === undefined) once(i.purpose);
      else if (!list.some((o) => o.indexes.some((x) => `${o.table}.${x.column}` === i.sameAs && x.purpose === i.purpose && x.sameAs === undefined)))
        problems.push(`${c.table}.${i.column}: ${i.sameAs} is not an index of purpose ${i.purpose}`);
    }
    if (c.shownBy) {
      for (const legacy of [c.shownBy.legacy].flat()) if (!hasColumn(c.table, legacy)) problems.push(`${c.table}.${legacy} does not exist`);
      try {
        d.prepare(`SELECT ${c.shownBy.column} FROM ${c.table} LIMIT 0`).all();
      } catch {
        problems.push(`${c.table}: ${c.shownBy.column} does not read`);
      }
    }
  }
  return problems;
}

describe('sealed columns registry', () => {
  it('names columns that exist at head, each purpose once (or shared by name: sameAs)', () => {
    expect(problemsOf(db, SEALED_COLUMNS)).toEqual([]);
  });

  it('the check would catch a misspelt column and a purpose used twice', () => {
    const wrong: SealedColumn[] = [
      { table: 'office_keys', column: 'no_such_sealed', purpose: 'office_keys.private_key', indexes: [] },
      { table: 'users', column: 'username', purpose: 'office_keys.private_key', indexes: [{ column: 'nope_index', purpose: 'x', of: (p) => p }] },
      { table: 'residents', column: 'phone_sealed', purpose: 'y', indexes: [], shownBy: { column: 'phone_maskd', legacy: ['phone', 'fone'] } },
      {
        table: 'staff',
        column: 'id_number_sealed',
        purpose: 'z',
        indexes: [{ column: 'id_number_index', purpose: 'y', of: (p) => p, sameAs: 'residents.phone_sealed' }],
      },
    ];
    expect(problemsOf(db, wrong)).toEqual([
      'office_keys.no_such_sealed does not exist',
      'purpose office_keys.private_key used twice',
      'users.nope_index does not exist',
      'residents.fone does not exist',
      'residents: phone_maskd does not read',
      'staff.id_number_index: residents.phone_sealed is not an index of purpose y',
    ]);
  });
});
