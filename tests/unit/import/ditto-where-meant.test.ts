/**
 * 「同上」/「〃」 only where a coordinator means them (issue 14, session 49): a household's shared phone is the row
 * above's only inside that household (the same 小区/楼栋/室, not a 户主's own row); a 体温 is each person's own
 * reading, never the row above's; a lone 「"」 is a ditto typed in a workbook, but in a CSV (where Excel saves a typed
 * 「"」 as 「""""」, and a stray quote is as likely) the row is sent back asking. Every file is made here.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { dittoFill } from '../../../electron/core/io/import/ditto-cells';
import { TARGETS } from '../../../electron/core/io/import/fields.shared';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger } from './files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `197${n}-01-01`, 50 + n);
const constants = { community: '东风社区', category: '返程人员' };
const HEAD = ['姓名', '身份证号', '联系电话', '小区', '楼栋', '室', '返程日期'];

async function imported(path: string) {
  const ins = await L.t.call('import.inspect', { path, target: 'cases' });
  const pre = await L.t.call('import.preview', { path, target: 'cases', mapping: ins.mapping, constants });
  await L.t.call('import.commit', { path, target: 'cases', mapping: ins.mapping, constants, previewId: pre.previewId });
  const rejected = pre.rejected.map((r) => [r.rowNumber, r.reasons.map((x) => `${x.field}:${x.message}`).join('|')]);
  const phones = Object.fromEntries((await L.t.call('cases.list', {})).rows.map((r) => [r.name, [r.phone, r.arrivedOn]]));
  return { rejected, phones, notes: pre.readNotes };
}

describe('「同上」 in 联系电话: one household’s phone, not the next door’s', () => {
  it('a CSV: taken for the same 小区/楼栋/室, sent back for the flat next door; a lone 「"」 (「""""」 in the file) asks', async () => {
    const rows = [
      HEAD,
      ['张一', ID(1), '13803711001', '幸福小区', '3号楼', '101', '2020-02-03'],
      ['张二', ID(2), '同上', '同上', '〃', '101', '〃'],
      ['李三', ID(3), '〃', '同上', '〃', '102', '〃'],
      ['李四', ID(4), '""""', '幸福小区', '3号楼', '102', '2020-02-03'],
    ];
    const path = join(L.dir, 'ditto-phone.csv');
    writeFileSync(path, iconv.encode(rows.map((r) => r.join(',')).join('\r\n'), 'gbk'));
    const got = await imported(path);
    expect(got.rejected).toEqual([
      [4, '联系电话:写的是「〃」，但上一行是另一户（户主或住址不同）：联系电话只在同一户里沿用上一行的，请写出这一行的电话'],
      [5, '联系电话:只有一个英文引号「"」：可能是另存或复制时多出的引号，也可能是「同上」，看不出是哪个：请写出联系电话'],
    ]);
    expect(got.phones).toEqual({ 张一: ['138****1001', '2020-02-03'], 张二: ['138****1001', '2020-02-03'] });
    expect(got.notes).toContain('第 3 行的「联系电话」写的是「同上」或「〃」，已取上一行的值：请核对。');
  });

  it('an .xlsx: a lone 「"」 typed in the cell is a ditto; a 户主 row is a household of its own', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('东风社区');
    ws.addRow(HEAD);
    ws.addRow(['王一', ID(5), '13803711005', '幸福小区', '5号楼', '201', '2020-02-04']);
    ws.addRow(['王二', ID(6), '"', '"', '"', '201', '"']);
    const path = join(L.dir, 'ditto-quote.xlsx');
    await wb.xlsx.writeFile(path);
    const got = await imported(path);
    expect(got.rejected).toEqual([]);
    expect(got.phones).toMatchObject({ 王一: ['138****1005', '2020-02-04'], 王二: ['138****1005', '2020-02-04'] });

    const fields = [...TARGETS.residents.fields];
    const at = (key: string): number => fields.findIndex((f) => f.key === key);
    const cols = [at('name'), at('phone'), at('relation')];
    const mapped = fields.map((f, i) => (cols.includes(i) ? f : null));
    const fill = dittoFill(mapped);
    const row = (n: number, name: string, phone: string, relation: string) => {
      const cells: (string | null)[] = fields.map(() => null);
      [cells[cols[0]!], cells[cols[1]!], cells[cols[2]!]] = [name, phone, relation];
      return fill.fill({ rowNumber: n, cells }).cells[cols[1]!];
    };
    expect(row(2, '赵一', '13803711007', '户主')).toBe('13803711007');
    expect(row(3, '赵二', '同上', '配偶')).toBe('13803711007');
    expect(row(4, '钱一', '同上', '户主')).toMatchObject({ problem: expect.stringContaining('上一行是另一户') });
  });
});

describe('「同上」 in 体温', () => {
  it('is sent back: a temperature is one person’s own reading', () => {
    const fields = TARGETS.health_checks.fields;
    const t = fields.findIndex((f) => f.key === 'temperature');
    const fill = dittoFill(fields);
    const cells = (v: string) => fields.map((_, i) => (i === t ? v : null));
    fill.fill({ rowNumber: 2, cells: cells('36.5') });
    expect(fill.fill({ rowNumber: 3, cells: cells('〃') }).cells[t]).toEqual({
      problem: '写的是「〃」：体温是每个人自己的，要写全，不能写「〃」',
      shown: '〃',
    });
  });
});
