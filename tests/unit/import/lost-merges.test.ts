/**
 * A sheet whose 网格 is merged over the people it covers, saved as CSV: the merge is gone, its value in the first row
 * only. Before w48-import the rows under it were imported under no grid without a word (found walking issue 14 with
 * the observation sheet saved from WPS as CSV); now the preview says which rows, nothing filled in by guess.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeCsv, writeXlsx } from './files';
import { lostMerges } from '../../../electron/core/io/import/lost-merges';
import { TARGETS } from '../../../electron/core/io/import/fields.shared';

const L = useImportLedger();
const HEAD = ['序号', '网格', '姓名', '身份证号', '联系电话', '楼栋'];
const MAPPING = [null, 'grid', 'name', 'idNumber', 'phone', 'building'];
const person = (n: number, grid: string, building: string) => [
  n,
  grid,
  `王${'一二三四五六七'[n]!}`,
  makeIdNumber('410105', '1980-01-0' + n, n),
  `1380371100${n}`,
  building,
];
const ROWS = [
  ['东风社区居家观察人员登记表'],
  HEAD,
  person(1, '一网格', '3号楼'),
  person(2, '', '3号楼'),
  person(3, '', '3号楼'),
  person(4, '二网格', ''),
  person(5, '', ''),
];
const constants = { community: '东风社区', category: '居家观察' };

describe('a CSV whose merged 网格 lost its merges', () => {
  it('the preview names the rows left empty under a filled 网格 or 楼栋; nothing is filled in', async () => {
    const path = writeCsv(
      join(L.dir, '东风社区居家观察人员登记表.csv'),
      ROWS.map((r) => r.map(String)),
      'gbk',
    );
    const pre = await L.t.call('import.preview', { path, target: 'cases', mapping: MAPPING, constants });
    expect(pre.counts).toMatchObject({ total: 5, created: 5, rejected: 0 });
    expect(pre.readNotes).toEqual([
      '第 4–5、7 行的「网格」是空的，而各自上面一行写着（如第 3 行「一网格」）：CSV 不保存合并单元格，原表如果把这一列合并了，这些行会按空的「网格」导入。请核对，或向社区要原来的 .xlsx/.et 表格。',
      '第 6–7 行的「楼栋」是空的，而上面的第 5 行写着「3号楼」：CSV 不保存合并单元格，原表如果把这一列合并了，这些行会按空的「楼栋」导入。请核对，或向社区要原来的 .xlsx/.et 表格。',
    ]);
  });

  it('says nothing of a CSV whose every row has its 网格, nor of an .xlsx (its merges fill the rows, and say so)', async () => {
    const full = ROWS.map((r, i) => (i >= 2 ? r.map((c, j) => (j === 1 ? '一网格' : j === 5 ? '3号楼' : c)) : r));
    const path = writeCsv(
      join(L.dir, 'a.csv'),
      full.map((r) => r.map(String)),
      'gbk',
    );
    expect((await L.t.call('import.preview', { path, target: 'cases', mapping: MAPPING, constants })).readNotes).toEqual([]);
    const xlsx = await writeXlsx(join(L.dir, 'b.xlsx'), [{ name: 'S', rows: ROWS, merges: ['B3:B5', 'B6:B7', 'F3:F5'] }]);
    const notes = (await L.t.call('import.preview', { path: xlsx, target: 'cases', mapping: MAPPING, constants })).readNotes;
    expect(notes.join('')).not.toContain('CSV 不保存合并单元格');
    expect(notes[0]).toContain('取自合并单元格');
  });

  it('past six runs named, the rest counted (「另有 N 处也是」), for 100,000 rows too', async () => {
    // Nine grids, each written on its first person only: nine runs of an empty 网格.
    const rows = [ROWS[0]!, HEAD, ...Array.from({ length: 18 }, (_, i) => person(1 + (i % 7), i % 2 === 0 ? `${i / 2 + 1}号网格` : '', '3号楼'))];
    const path = writeCsv(
      join(L.dir, '九个网格.csv'),
      rows.map((r) => r.map(String)),
      'gbk',
    );
    const notes = (await L.t.call('import.preview', { path, target: 'cases', mapping: MAPPING, constants })).readNotes;
    expect(notes).toEqual([
      '第 4、6、8、10、12、14 行的「网格」是空的（另有 3 处也是），而各自上面一行写着（如第 3 行「1号网格」）：CSV 不保存合并单元格，原表如果把这一列合并了，这些行会按空的「网格」导入。请核对，或向社区要原来的 .xlsx/.et 表格。',
    ]);
    // 100,000 rows, every other one empty under a filled one: one note of the first six and the count.
    const grid = TARGETS.cases.fields.find((f) => f.key === 'grid')!;
    const seen = lostMerges([grid]);
    for (let r = 1; r <= 100_000; r++) seen.see({ rowNumber: r, cells: [r % 2 === 1 ? `${r}号网格` : null] });
    const [note] = seen.notes();
    expect(note).toMatch(/^第 2、4、6、8、10、12 行的「网格」是空的（另有 49994 处也是），而各自上面一行写着（如第 1 行「1号网格」）/);
  });
});
