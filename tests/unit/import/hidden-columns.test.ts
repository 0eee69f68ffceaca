/**
 * A column hidden by WPS or Excel (issue 14, session 48): read as any column, as before, and named at the mapping step
 * and in the preview, so the coordinator knows the import reads what the sheet did not show them. Before, nothing said.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnLetters, hiddenColumnsIn } from '../../../electron/core/io/import/hidden-columns';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger } from './files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `197${n}-01-01`, 50 + n);
const constants = { community: '东风社区', category: '返程人员' };
const NOTE = 'D 列「备注」在表格里是隐藏的（在 WPS 或 Excel 里看不到），也已读取：请核对这些列该不该导入；不该导入的，请在「对应列」里选「不导入」。';

async function sheetWithHiddenColumn(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('登记');
  ws.addRow(['姓名', '身份证号', '联系电话', '备注']);
  ws.addRow(['张一', ID(1), '13800138000', '旧号码 13900000000']);
  ws.addRow(['张二', ID(2), '13900139000', '']);
  ws.getColumn(4).hidden = true;
  // A tidy WPS sheet hides the empty columns to its right: nothing to say of them.
  for (let c = 6; c <= 12; c++) ws.getColumn(c).hidden = true;
  const path = join(L.dir, 'hidden-column.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

describe('a column hidden in the sheet', () => {
  it('is read and named at the mapping step and, mapped, in the preview', async () => {
    const path = await sheetWithHiddenColumn();
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    expect(ins.mapping).toEqual(['name', 'idNumber', 'phone', 'notes']);
    expect(ins.readNotes).toEqual([NOTE]);
    const pre = await L.t.call('import.preview', { path, target: 'cases', mapping: ins.mapping, constants });
    expect(pre.readNotes).toEqual([NOTE]);
    expect(pre.counts).toMatchObject({ created: 2 });
  });

  it('left 不导入, the preview says nothing of it', async () => {
    const path = await sheetWithHiddenColumn();
    const pre = await L.t.call('import.preview', { path, target: 'cases', mapping: ['name', 'idNumber', 'phone', null], constants });
    expect(pre.readNotes).toEqual([]);
  });

  it('reads <cols> tag by tag: ranges, true, the columns past 1,024 and unclosed tags', () => {
    const got = new Set<number>();
    hiddenColumnsIn(
      '<worksheet><cols><col min="2" max="3" hidden="1"/><col min="5" max="5" width="9"/><col min="7" max="16384" hidden="true"/></cols><sheetData>',
      got,
    );
    expect(got.has(1) && got.has(2) && got.has(6) && got.has(1023)).toBe(true);
    expect(got.has(0) || got.has(4) || got.has(1024)).toBe(false);
    const crafted = new Set<number>();
    hiddenColumnsIn(`<cols>${'<col '.repeat(200_000)}`, crafted);
    expect(crafted.size).toBe(0);
    const shut = new Set<number>();
    hiddenColumnsIn('<cols><col min="4" max="4" width="0" customWidth="1"/><col min="5" max="5" width="0.5" customWidth="1"/></cols>', shut);
    expect([...shut]).toEqual([3]);
    expect([0, 25, 26, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });
});
