/**
 * P1 (eighth attack run, finished in session 23): a CSV was handed whole to papaparse before any row was seen. 99 MB
 * of commas on one line held the core 8.45 s and took it from 152 to 1,476 MB before the refusal 「没有可导入的内容」;
 * 99 MB of line breaks (99 million empty records) ran it out of memory (the process died: heap limit). Now the
 * records are found first (csv-records.ts) and what no sheet can hold is refused there, naming the row and the
 * column, before papaparse splits anything. The files here are smaller than the attack's (the same shapes, past
 * the same limits), so that the old reader answers them too, with its old answer.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_QUOTED_CHARS, SHEET_MAX_COLUMNS, SHEET_MAX_ROWS } from '../../../electron/core/io/import/csv-records';
import { MAX_CELL_CHARS, MAX_COLUMNS } from '../../../electron/core/io/import/cells';
import { expectTypedRefusal } from '../hardening/hostile';
import { useImportLedger } from '../import/files';

const L = useImportLedger();

async function refusal(name: string, bytes: Buffer | string): Promise<string> {
  const path = join(L.dir, name);
  writeFileSync(path, bytes);
  return expectTypedRefusal(await L.t.raw('import.inspect', { path, target: 'residents' }), name);
}

describe('a CSV no sheet could have saved is refused before it is split', () => {
  it('one line of commas wider than a sheet is refused naming the row and the column past the sheet', async () => {
    const msg = await refusal('commas.csv', ','.repeat(20 * 1024 * 1024));
    expect(msg).toContain(`文件第 1 行超过了 ${SHEET_MAX_COLUMNS} 列（第 ${SHEET_MAX_COLUMNS + 1} 列起还有）`);
  });

  it('a value past column 1,024 on a line wider than a sheet is refused the same way', async () => {
    const msg = await refusal('far.csv', `姓名,电话\n${'1,'.repeat(SHEET_MAX_COLUMNS + 10)}\n`);
    expect(msg).toContain('文件第 2 行超过了');
  });

  it('more records than a sheet has rows (line breaks only) is refused naming the first row past it', async () => {
    const msg = await refusal('breaks.csv', '\r\n'.repeat(SHEET_MAX_ROWS + 5));
    expect(msg).toContain(`文件第 ${SHEET_MAX_ROWS + 1} 行超过了 Excel 和 WPS 工作表的行数上限`);
  });

  it('a line with no separator longer than a row can hold is refused naming the row and the column', async () => {
    const msg = await refusal('one-cell.csv', 'a'.repeat(MAX_COLUMNS * MAX_CELL_CHARS + 1));
    expect(msg).toContain(`文件第 1 行到第 1 列已有 ${MAX_COLUMNS * MAX_CELL_CHARS + 1} 个字符`);
  });

  it('line breaks inside quoted cells are not rows: a file of a million quoted line breaks in few rows is read', async () => {
    // Seventeen cells of line breaks, each as long as a quoted cell saved from a sheet can be (S31-A3: a longer one is
    // refused), eight to a row at most (S31-A3b: more quoted letters in a row are refused): more line breaks than a
    // sheet has rows, in three rows.
    const cell = `"${'\n'.repeat(MAX_QUOTED_CHARS)}"`;
    const perRow = [8, 8, 1];
    expect(17 * MAX_QUOTED_CHARS).toBeGreaterThan(SHEET_MAX_ROWS);
    const notes = Array.from({ length: 8 }, (_, i) => `备注${i + 1}`);
    const people = ['张三', '王五', '赵六'].map((name, i) => `${name},1380371100${i},${Array.from({ length: perRow[i]! }, () => cell).join(',')}`);
    const path = join(L.dir, 'quoted-breaks.csv');
    writeFileSync(path, `姓名,联系电话,${notes.join(',')}\n${people.join('\n')}\n李四,13803711003,\n`);
    const r = await L.t.call('import.inspect', { path, target: 'residents' });
    expect(r.headers).toEqual(['姓名', '联系电话', ...notes]);
    expect(r.sample.map((s) => s[0])).toEqual(['张三', '王五', '赵六', '李四']);
  });
});
