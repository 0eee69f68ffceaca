/**
 * Seventeenth attack run (session 31, docs/security/attack-run-session31.md), S31-A3: a CSV whose quoted cells are
 * doubled quotes (`""`) all along. csv-records.ts finds the records first and refuses a row wider than a registration
 * form can be (MAX_COLUMNS × MAX_CELL_CHARS, 33.5 million letters: P1's fix), but a row under that is handed whole to
 * papaparse, whose quoted-field loop costs about ten times an unquoted cell's per letter, and import.inspect reads it
 * in one turn of the core: three such rows of 32 million letters (a 96 MB file, under the 100 MB cap) held the core
 * 38 s in one turn with +1.0 GB of heap (the same bytes unquoted: 3.9 s; load 10), other windows waiting. No cell of a
 * sheet holds more than 32,767 letters (Excel's and WPS's limit), so no honest CSV has a quoted cell longer than
 * 2 × 32,767 + 2 characters as written.
 * The assertion is on what is refused, not on time (the figures above are the run's, in its document).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS } from '../../../electron/core/io/import/cells';
import { useImportLedger } from '../import/files';

const L = useImportLedger();

describe('S31-A3: a quoted CSV cell no sheet could have written', () => {
  // S31-A3, fixed (w49-import): red before, inspect answered ok (the cell shown as a problem after papaparse had split it all).
  it('a quoted cell of 1,000,000 doubled quotes is refused naming its row and column, before it is split', async () => {
    const path = join(L.dir, 'quotes.csv');
    writeFileSync(path, `姓名,联系电话,备注\n张三,13803711002,"${'""'.repeat(1_000_000)}"\n`);
    const r = await L.t.raw('import.inspect', { path, target: 'residents' });
    expect(r.ok).toBe(false);
    expect(r.ok === false ? r.error.message : '').toMatch(/第 2 行.*第 3 列/);
  });

  it('the control: a quoted cell at a sheet cell’s limit, every letter a doubled quote, is read as ever', async () => {
    const path = join(L.dir, 'limit.csv');
    writeFileSync(path, `姓名,联系电话,备注\n张三,13803711002,"${'""'.repeat(MAX_CELL_CHARS)}"\n李四,13803711003,\n`);
    const r = await L.t.call('import.inspect', { path, target: 'residents' });
    expect(r.sample.map((s) => s[0])).toEqual(['张三', '李四']);
  });
});

// S31-A3b, fixed (w49-import: csv-records.ts MAX_ROW_QUOTED_CHARS, refused naming the row): the fix bounded one quoted cell, not a row of them. 3 rows of 500 cells each exactly at the quoted
// limit (~98 MB, under the row bound and the 100 MB cap) held the core 21.9 s in one turn, +1.36 GB (load 6-8; the
// attack run's figures). Here 2 rows of 100 such cells (13 MB): either the file is refused, or another window is
// answered before the inspection ends (the way pasted-list-steps.test.ts asks it; not timed).
describe('S31-A3b: a row of quoted cells each at the limit', () => {
  it('another window is answered while import.inspect reads it, or it is refused', async () => {
    const path = join(L.dir, 'many-quoted.csv');
    const cell = `"${'""'.repeat(MAX_CELL_CHARS)}"`;
    const row = `张三,13803711002,${Array.from({ length: 100 }, () => cell).join(',')}\n`;
    writeFileSync(path, `姓名,联系电话,备注\n${row}${row}`);
    const viewer = await L.t.sessionAs('viewer', 'zhaoliu');
    let inspected = false;
    const inspect = L.t.raw('import.inspect', { path, target: 'residents' }).finally(() => (inspected = true));
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(await L.t.raw('auth.whoami', {}, viewer)).toMatchObject({ ok: true });
    const answeredFirst = !inspected;
    const r = await inspect;
    // Red before: ok, and the viewer answered only after it.
    expect(answeredFirst || r.ok === false).toBe(true);
  }, 120_000);
});
