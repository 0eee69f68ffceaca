/**
 * Issue 19, attack run 49 (target 1): 「同上」/「〃」 in a community's sheet take the row above's value (session 48,
 * import/ditto-cells.ts), never in 姓名/身份证号, never with nothing above. Attempts: a ditto below a blank row, below a
 * block's repeated title and header (blocks pasted together from each community), below a hidden row, in 所属社区 across
 * a community boundary, and the quote marks a Chinese input method types for 「"」.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger } from '../import/files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `197${n}-01-01`, 50 + n);
const constants = { community: '东风社区', category: '返程人员' };
const HEAD = ['姓名', '身份证号', '小区', '楼栋', '返程日期'];
const line = (l: string): string[] => l.split('|').map((c) => (/^#\d$/.test(c) ? ID(Number(c[1])) : c));

async function preview(path: string) {
  const ins = await L.t.call('import.inspect', { path, target: 'cases' });
  const pre = await L.t.call('import.preview', { path, target: 'cases', mapping: ins.mapping, constants });
  await L.t.call('import.commit', { path, target: 'cases', mapping: ins.mapping, constants, previewId: pre.previewId });
  const rejected = pre.rejected.map((r) => [r.rowNumber, r.reasons.map((x) => `${x.field}:${x.message}`).join('|')]);
  const stored = Object.fromEntries((await L.t.call('cases.list', {})).rows.map((r) => [r.name, r.address]));
  return { mapping: ins.mapping, rejected, notes: pre.readNotes, stored };
}
function csv(name: string, lines: string[]): string {
  const path = join(L.dir, name);
  writeFileSync(path, iconv.encode([HEAD.join(','), ...lines.map((l) => line(l).join(','))].join('\r\n'), 'gbk'));
  return path;
}

describe('S49: what a 「同上」 may take', () => {
  it('S49-A3: below a blank row: nothing above, sent back (before: the value two rows up, said as the row above’s)', async () => {
    const got = await preview(csv('blank.csv', ['张一|#1|幸福小区|3号楼|2020-02-03', '||||', '张二|#2|同上|3号楼|2020-02-03']));
    expect(got.rejected).toEqual([[4, '小区:写的是「同上」，但上一行是空行，不知道同的是哪个：请写出小区']]);
    expect(got.stored).toEqual({ 张一: '幸福小区3号楼' });
  });

  it('S49-A3: below a block’s repeated header (blocks from each community pasted together): sent back, not the last block’s value', async () => {
    const got = await preview(csv('blocks.csv', ['张一|#1|幸福小区|3号楼|2020-02-03', '姓名|身份证号|小区|楼栋|返程日期', '张二|#2|同上|3号楼|2020-02-03']));
    expect(got.rejected).toEqual([[4, '小区:写的是「同上」，但上一行是表头、标题或说明，不是人，不知道同的是哪个：请写出小区']]);
    expect(got.stored).toEqual({ 张一: '幸福小区3号楼' });
  });

  it('S49-A5: the quote marks an input method types for 「"」 (“ ”) are marks too, not a 小区 named 「”」', async () => {
    const got = await preview(csv('quotes.csv', ['张一|#1|幸福小区|3号楼|2020-02-03', '张二|#2|”|“|2020-02-03']));
    expect(got.stored['张二']).toBe('幸福小区3号楼');
    expect(got.notes).toEqual([
      '第 3 行的「小区」写的是「同上」或「〃」，已取上一行的值：请核对。',
      '第 3 行的「楼栋」写的是「同上」或「〃」，已取上一行的值：请核对。',
    ]);
  });

  it('S49-A4: below a hidden row: Excel shows the row above it, so the mark is sent back (before: the hidden row’s 和平小区 taken)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('登记');
    ws.addRow(HEAD);
    ws.addRow(line('张一|#1|幸福小区|3号楼|2020-02-03'));
    ws.addRow(line('张二|#2|和平小区|9号楼|2020-02-03'));
    ws.addRow(line('张三|#3|同上|同上|2020-02-03'));
    ws.getRow(3).hidden = true;
    const path = join(L.dir, 'hidden-above.xlsx');
    await wb.xlsx.writeFile(path);
    const got = await preview(path);
    expect(got.rejected).toEqual([
      [
        4,
        '小区:写的是「同上」，但上一行在表格里是隐藏的（在 WPS 或 Excel 里看不到），不知道同的是哪个：请写出小区|楼栋:写的是「同上」，但上一行在表格里是隐藏的（在 WPS 或 Excel 里看不到），不知道同的是哪个：请写出楼栋',
      ],
    ]);
    expect(got.stored).toEqual({ 张一: '幸福小区3号楼', 张二: '和平小区9号楼' });
  });
});
