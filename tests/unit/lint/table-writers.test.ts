/**
 * One writer per table: every INSERT, UPDATE or DELETE of a table in the
 * core's SQL is in one module, that table's owner (a `<table>.repo.ts`, or the
 * area's query module when only that area writes it). A rule about a row
 * (id_rev = reverse(id_number), the sealing of an ID number) then lives in
 * one place. Read from the SQL in the sources' string literals.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../helpers/import-graph';

const CORE = join(REPO, 'electron/core');
const WRITE = /\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_][a-z0-9_]*)/gi;
const NOT_A_TABLE = new Set(['set']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.ts$/.test(name) ? [p] : [];
  });
}

/** table -> the files whose SQL writes it. */
function writersByTable(): Map<string, Set<string>> {
  const writers = new Map<string, Set<string>>();
  for (const file of sources(CORE)) {
    const text = readFileSync(file, 'utf8');
    for (const literal of text.match(/`[^`]*`|'[^'\n]*'/g) ?? []) {
      for (const m of literal.matchAll(WRITE)) {
        const table = m[1]!.toLowerCase();
        if (NOT_A_TABLE.has(table)) continue;
        writers.set(table, (writers.get(table) ?? new Set()).add(relative(REPO, file)));
      }
    }
  }
  return writers;
}

/** Tables still written from several files, being moved into one writer each; this list may only shrink (now empty: keep it so). */
const STILL_TO_MOVE: string[] = [];

describe('each table has one writer', () => {
  const writers = writersByTable();

  it('reads the SQL (a sanity check on the reader)', () => {
    expect(writers.get('residents')).toEqual(new Set(['electron/core/caseload/residents.repo.ts']));
    expect(writers.get('cases')).toEqual(new Set(['electron/core/caseload/cases.repo.ts']));
    expect(writers.size).toBeGreaterThan(30);
  });

  it('no table is written from two files', () => {
    const shared = [...writers]
      .filter(([table, files]) => files.size > 1 && !STILL_TO_MOVE.includes(table))
      .map(([table, files]) => `${table}: ${[...files].sort().join(', ')}`);
    expect(shared).toEqual([]);
    expect(
      STILL_TO_MOVE.filter((table) => (writers.get(table)?.size ?? 0) <= 1),
      'moved: take it off STILL_TO_MOVE',
    ).toEqual([]);
  });
});
