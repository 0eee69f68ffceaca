/**
 * Issue 19, attack run 49 (target 2): columns hidden in a community's .xlsx are named at the mapping step and in the
 * preview (session 48, import/hidden-columns.ts; S48-A6 for rows). Attempts: hidden='1' quoted singly (as XML allows,
 * and as S48-A6 reads rows), a hidden column inside a merged header, a width of 0 written 「00」 or 「0.」.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { hiddenColumnsIn } from '../../../electron/core/io/import/hidden-columns';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger } from '../import/files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `197${n}-01-01`, 50 + n);
const constants = { community: '东风社区', category: '返程人员' };
const cols = (xml: string): number[] => {
  const got = new Set<number>();
  hiddenColumnsIn(`<worksheet><cols>${xml}</cols><sheetData>`, got);
  return [...got].sort((a, b) => a - b);
};

describe('S49: hidden columns as XML writes them', () => {
  it('hidden and min/max quoted singly, as S48-A6 reads a row', () => {
    expect(cols(`<col min='4' max='4' hidden='1'/>`)).toEqual([3]);
    expect(cols(`<col min="4" max='5' hidden='true'/>`)).toEqual([3, 4]);
    expect(cols(`<col min='4' max='4' width='0' customWidth='1'/>`)).toEqual([3]);
  });

  it('a width of 0 written 「00」 or 「0.」 is shut too; 0.5 is not', () => {
    expect(
      cols(`<col min="4" max="4" width="00" customWidth="1"/><col min="5" max="5" width="0." customWidth="1"/><col min="6" max="6" width="0.5"/>`),
    ).toEqual([3, 4]);
  });
});

/** 身份证号 merged over B:C (新 / 旧 below it), one of the two hidden. */
async function mergedHeader(hide: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('登记');
  ws.addRow(['姓名', '身份证号', '', '联系电话']);
  ws.addRow(['', '新', '旧', '']);
  ws.mergeCells('B1:C1');
  ws.mergeCells('A1:A2');
  ws.mergeCells('D1:D2');
  ws.addRow(['张一', ID(1), ID(2), '13800138000']);
  ws.getColumn(hide).hidden = true;
  const path = join(L.dir, `merged-hidden-${hide}.xlsx`);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('S49: a hidden column inside a merged header', () => {
  it('the merge’s first column hidden: named at the mapping step and in the preview (held)', async () => {
    const path = await mergedHeader(2);
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    expect(ins.mapping).toEqual(['name', 'idNumber', null, 'phone']);
    expect(ins.readNotes.join('')).toContain('B 列「身份证号」');
    const pre = await L.t.call('import.preview', { path, target: 'cases', mapping: ins.mapping, constants });
    expect(pre.readNotes.join('')).toContain('B 列「身份证号」');
  });

  it('S49-A2: the second column hidden and mapped by hand (no header of its own) is named in the preview by its letter', async () => {
    const path = await mergedHeader(3);
    const pre = await L.t.call('import.preview', { path, target: 'cases', mapping: ['name', null, 'idNumber', 'phone'], constants });
    expect(pre.readNotes.join('')).toContain('C 列（没有表头）在表格里是隐藏的');
    // Left 不导入, nothing is said of it.
    const left = await L.t.call('import.preview', { path, target: 'cases', mapping: ['name', 'idNumber', null, 'phone'], constants });
    expect(left.readNotes.join('')).not.toContain('C 列');
  });
});
