/**
 * 「以前导入过」 by sheet (session 51; earlier-imports.ts). A workbook imported by some of its sheets was refused whole
 * the next time: the sheet left out the first time (翠竹苑, unticked) could be imported only from a copy with other
 * contents. Now the same file imports the sheets not yet imported, lists those imported before as left out (their rows
 * not counted as missing), and answers 「以前导入过」 only when every chosen sheet was; the one-sheet road likewise by
 * its sheet. A sheet is never imported twice, on either road.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeXlsx, type Row } from './files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `19${60 + n}-01-01`, 50 + n);
const HEAD: Row = ['姓名', '身份证号', '联系电话', '返程日期'];
const constants = { category: '返程人员' };
const QSL = { sheet: '青松里', community: '青松里社区' };
const CZY = { sheet: '翠竹苑', community: '翠竹苑社区' };

async function workbook(): Promise<string> {
  await L.t.call('org.communities.save', { name: '青松里社区' });
  await L.t.call('org.communities.save', { name: '翠竹苑社区' });
  return writeXlsx(join(L.dir, 'two-communities.xlsx'), [
    { name: '青松里', rows: [HEAD, ['张一', ID(1), '13803711001', '2020-02-03'], ['张二', ID(2), '13803711002', '2020-02-04']] },
    { name: '翠竹苑', rows: [HEAD, ['李一', ID(3), '13803711003', '2020-02-05']] },
  ]);
}

const cases = async (): Promise<string[][]> => (await L.t.call('cases.list', {})).rows.map((r) => [r.name, r.communityName]).sort();

describe('a workbook imported by some of its sheets', () => {
  it('imports the sheets not imported yet from the same file, says which were imported before, and never one twice', async () => {
    const path = await workbook();
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    const base = { path, target: 'cases' as const, mapping: ins.mapping, constants };
    const first = await L.t.call('import.commit', { ...base, sheets: [QSL] });
    expect(first.counts.created).toBe(2);

    // Opened again: the file is not 「以前导入过」, one sheet of it is not.
    expect((await L.t.call('import.inspect', { path, target: 'cases' })).alreadyImported).toBeNull();
    const pre = await L.t.call('import.preview', { ...base, sheets: [QSL, CZY] });
    expect(pre.alreadyImported).toBeNull();
    expect(pre.sheets.map((s) => [s.sheet, s.counts.created])).toEqual([['翠竹苑', 1]]);
    expect(pre.sheetsLeftOut).toEqual([{ sheet: '青松里', rows: 2, table: true, why: expect.stringContaining('以前已从这个文件导入过'), doneBefore: true }]);
    const second = await L.t.call('import.commit', { ...base, sheets: [QSL, CZY], previewId: pre.previewId });
    expect(second.alreadyImported).toBeNull();
    expect(second.sheets.map((s) => [s.sheet, s.counts.created])).toEqual([['翠竹苑', 1]]);
    expect(await cases()).toEqual([
      ['张一', '青松里社区'],
      ['张二', '青松里社区'],
      ['李一', '翠竹苑社区'],
    ]);
    const logs = (await L.t.call('import.history', {})).rows.map((l) => l.sheet).sort();
    expect(logs).toEqual(['翠竹苑', '青松里']);

    // Every sheet imported: the file is 「以前导入过」 at every step, and nothing more is written.
    expect((await L.t.call('import.inspect', { path, target: 'cases' })).alreadyImported).not.toBeNull();
    const again = await L.t.call('import.preview', { ...base, sheets: [QSL, CZY] });
    expect(again.alreadyImported).not.toBeNull();
    const third = await L.t.call('import.commit', { ...base, sheets: [QSL, CZY] });
    expect(third.alreadyImported).not.toBeNull();
    expect(third.importId).toBeNull();
    expect((await L.t.call('import.history', {})).rows).toHaveLength(2);
  });

  it('the one-sheet road goes by its sheet too: another sheet of the file imports, the same sheet answers 以前导入过', async () => {
    const path = await workbook();
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    const one = (sheet: string, community: string) => ({ path, target: 'cases' as const, sheet, mapping: ins.mapping, constants: { ...constants, community } });
    expect((await L.t.call('import.commit', one('青松里', '青松里社区'))).counts.created).toBe(2);
    const pre = await L.t.call('import.preview', one('翠竹苑', '翠竹苑社区'));
    expect(pre.alreadyImported).toBeNull();
    expect((await L.t.call('import.commit', { ...one('翠竹苑', '翠竹苑社区'), previewId: pre.previewId })).counts.created).toBe(1);
    const same = await L.t.call('import.commit', one('青松里', '青松里社区'));
    expect(same.alreadyImported?.sheet).toBe('青松里');
    expect(same.importId).toBeNull();
    // …and by sheets, a sheet the one-sheet road imported is left out.
    const bySheets = await L.t.call('import.preview', { path, target: 'cases' as const, mapping: ins.mapping, constants, sheets: [QSL, CZY] });
    expect(bySheets.alreadyImported).not.toBeNull();
    expect(await cases()).toHaveLength(3);
  });
});
