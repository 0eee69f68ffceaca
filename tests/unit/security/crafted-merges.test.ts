/**
 * Twelfth attack run (session 26, docs/security/attack-run-session26.md, X3): merged ranges that Excel never saves.
 * Excel and WPS refuse to merge a cell twice; a crafted .xls (MERGEDCELLS records) or .xlsx (<mergeCell>) can list
 * the same range again and again, up to MAX_MERGES. Each copy was kept open over every row it covers (each row
 * filtered the whole list) and listed in the preview's note, the list copied for each range: 50,000 copies of A2:A2001
 * over a 2,000-row staff list (an .xls of 0.4 MB) held `import.preview` 418 s (load 8–11), on the core's one thread.
 * Fixed here (merged-cells.ts): a merge starting inside an earlier one of its first column is dropped, and the note
 * is built in one pass.
 *
 * X4: the MERGEDCELLS records were read into objects before their number was checked against MAX_MERGES: 3.8 million
 * ranges (a 30 MB .xls) were 262 MB of heap and 4.5 s, a 100 MB one about three times that. Fixed here (read-xls.ts):
 * counted from the record headers with the cells, before anything is read.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_MERGES } from '../../../electron/core/io/import/cells';
import { dataMerges } from '../../../electron/core/io/import/merged-cells';
import { checkOleWorkbook } from '../../../electron/core/io/import/read-xls';
import { useImportLedger } from '../import/files';
import { biff8WithRecords, writeBytes } from '../import/legacy-files';

const L = useImportLedger();

/** MERGEDCELLS records holding `copies` times the range from row `top` to `bottom` (1-based) of column A. */
function mergedCells(copies: number, top: number, bottom: number): Buffer {
  const out: Buffer[] = [];
  for (let left = copies; left > 0;) {
    const k = Math.min(1027, left);
    const r = Buffer.alloc(4 + 2 + 8 * k);
    r.writeUInt16LE(0x00e5, 0);
    r.writeUInt16LE(2 + 8 * k, 2);
    r.writeUInt16LE(k, 4);
    for (let i = 0; i < k; i++) {
      r.writeUInt16LE(top - 1, 6 + 8 * i);
      r.writeUInt16LE(bottom - 1, 6 + 8 * i + 2);
    }
    out.push(r);
    left -= k;
  }
  return Buffer.concat(out);
}

describe('X3: one range merged many times over', () => {
  // Red on main before the fix (plain it): the note read 「第 2–4、2–4、2–4、2–4、2–4、2–4 等 5000 处 行的「姓名」…」.
  it('an .xls listing A2:A4 5,000 times fills as one merge and its note names it once', async () => {
    const rows = [
      ['姓名', '类别'],
      ['张三', '网格员'],
      ['', '网格员'],
      ['', '网格员'],
    ];
    const path = writeBytes(join(L.dir, '名单.xls'), biff8WithRecords([{ name: '名单', rows }], mergedCells(5_000, 2, 4)));
    const ins = await L.t.call('import.inspect', { path, target: 'staff' });
    expect(ins.mapping).toEqual(['name', 'kind']);
    const pre = await L.t.call('import.preview', { path, target: 'staff', mapping: ins.mapping });
    expect(pre.readNotes).toEqual(['第 2–4 行的「姓名」取自合并单元格（每处合并的值用于其中每一行）。']);
  });

  // Red on main before the fix: all 100,000 kept (each held open over every row it covers).
  it('MAX_MERGES copies of one range leave one merge to fill from; ranges side by side are all kept', () => {
    const same = Array.from({ length: MAX_MERGES }, () => ({ top: 2, bottom: 65_536, left: 0, right: 0 }));
    expect(dataMerges(same, 1, () => true)).toEqual([{ top: 2, bottom: 65_536, left: 0, right: 0 }]);
    const stacked = [
      { top: 2, bottom: 3, left: 0, right: 0 },
      { top: 4, bottom: 6, left: 0, right: 0 },
      { top: 2, bottom: 6, left: 1, right: 1 },
      { top: 3, bottom: 5, left: 0, right: 0 },
    ];
    expect(dataMerges(stacked, 1, () => true)).toEqual([stacked[0], stacked[2], stacked[1]]);
  });

  // Red on main before the fix: the container check passed it, the ranges were read into objects, then refused.
  it('more ranges than MAX_MERGES are refused from the record headers, before any is read (X4)', () => {
    const bytes = biff8WithRecords(
      [
        {
          name: '名单',
          rows: [
            ['姓名', '类别'],
            ['张三', '网格员'],
          ],
        },
      ],
      mergedCells(MAX_MERGES + 1, 2, 3),
    );
    expect(() => checkOleWorkbook(bytes, '名单.xls')).toThrow(/有 100001 处合并单元格/);
  });
});
