/**
 * One workbook, one sheet per community (issue 14, session 49), made here with ExcelJS: a 填表说明 cover, 青松里 and
 * 翠竹苑 with the same columns, and 红旗村 (no community of this office). Inspect lists each sheet with the community its
 * name names or why none; preview and commit read the chosen sheets under the communities confirmed for them, with
 * each sheet's counts, in one transaction, one 导入记录 and its audit row per sheet; a person on two sheets is sent back
 * naming the first; a sheet with other columns refuses the whole import, naming it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeXlsx, type Row } from './files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `19${60 + n}-01-01`, 50 + n);
const HEAD: Row = ['姓名', '身份证号', '联系电话', '返程日期'];
const constants = { category: '返程人员' };

async function workbook(name: string, other: Row = HEAD): Promise<string> {
  await L.t.call('org.communities.save', { name: '青松里社区' });
  await L.t.call('org.communities.save', { name: '翠竹苑社区' });
  return writeXlsx(join(L.dir, name), [
    { name: '填表说明', rows: [['请每个社区填一张表，表名写社区名。']] },
    { name: '青松里', rows: [HEAD, ['张一', ID(1), '13803711001', '2020-02-03'], ['张二', ID(2), '13803711002', '2020-02-04']] },
    {
      name: '翠竹苑',
      rows: [other, ['李一', ID(3), '13803711003', '2020-02-05'], ['张二', ID(2), '13803711002', '2020-02-04'], ['李二', '', '', '2020-02-05']],
    },
    { name: '红旗村', rows: [HEAD, ['王一', ID(5), '13803711005', '2020-02-06']] },
  ]);
}

const BOTH = [
  { sheet: '青松里', community: '青松里社区' },
  { sheet: '翠竹苑', community: '翠竹苑社区' },
];

describe('a workbook of one sheet per community', () => {
  it('inspect lists each sheet with the community its name names, to confirm, or why none', async () => {
    const path = await workbook('by-sheet.xlsx');
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    expect(ins.sheet).toBe('青松里');
    expect(ins.sheetCommunities).toEqual([
      { sheet: '填表说明', community: null, from: null, title: null, reason: '工作表「填表说明」里没有表头，不是名单', table: false },
      { sheet: '青松里', community: '青松里社区', from: 'sheet', title: null, reason: null, table: true },
      { sheet: '翠竹苑', community: '翠竹苑社区', from: 'sheet', title: null, reason: null, table: true },
      { sheet: '红旗村', community: null, from: null, title: null, reason: '表名里的「红旗村」不是本街道的社区', table: true },
    ]);
  });

  it('preview and commit: every chosen sheet under its own community, counts per sheet, one transaction, a log and audit row per sheet', async () => {
    const path = await workbook('by-sheet.xlsx');
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    const input = { path, target: 'cases' as const, mapping: ins.mapping, constants, sheets: BOTH };
    const pre = await L.t.call('import.preview', input);
    expect(pre.sheets.map((s) => [s.sheet, s.community, s.counts.total, s.counts.created, s.counts.rejected])).toEqual([
      ['青松里', '青松里社区', 2, 2, 0],
      ['翠竹苑', '翠竹苑社区', 3, 1, 2],
    ]);
    expect(pre.counts).toMatchObject({ total: 5, created: 3, rejected: 2 });
    expect(pre.rejected.map((r) => [r.sheet, r.rowNumber, r.reasons.map((x) => x.message).join('|')])).toEqual([
      ['翠竹苑', 3, '与工作表「青松里」第 3 行是同一人：一个人只能在一个社区登记一次，请核对后删去一行'],
      ['翠竹苑', 4, expect.stringContaining('须同时填写「姓名」和「联系电话」')],
    ]);
    const auditBefore = (L.db().prepare(`SELECT count(*) AS n FROM audit_log WHERE entity = 'import'`).get() as { n: number }).n;
    const done = await L.t.call('import.commit', input);
    expect(done.sheets.map((s) => [s.sheet, s.counts.created, s.counts.rejected])).toEqual([
      ['青松里', 2, 0],
      ['翠竹苑', 1, 2],
    ]);
    expect(done.counts).toMatchObject({ total: 5, created: 3, rejected: 2 });
    const people = (await L.t.call('cases.list', {})).rows.map((r) => [r.name, r.communityName]).sort();
    expect(people).toEqual([
      ['张一', '青松里社区'],
      ['张二', '青松里社区'],
      ['李一', '翠竹苑社区'],
    ]);
    const logs = (await L.t.call('import.history', {})).rows.map((l) => [l.sheet, l.created, l.rejected]).sort();
    expect(logs).toEqual([
      ['翠竹苑', 1, 2],
      ['青松里', 2, 0],
    ]);
    const auditAfter = (L.db().prepare(`SELECT count(*) AS n FROM audit_log WHERE entity = 'import'`).get() as { n: number }).n;
    expect(auditAfter - auditBefore).toBe(2);
    const again = await L.t.call('import.commit', input);
    expect(again.alreadyImported).not.toBeNull();
  });

  it('a sheet with other columns refuses the whole import, naming it; nothing is written', async () => {
    const path = await workbook('other-columns.xlsx', ['姓名', '身份证号', '返程日期', '联系电话']);
    const ins = await L.t.call('import.inspect', { path, target: 'cases', sheet: '青松里' });
    const input = { path, target: 'cases' as const, mapping: ins.mapping, constants, sheets: BOTH };
    await expect(L.t.call('import.preview', input)).rejects.toThrow(/工作表「翠竹苑」的表头（姓名、身份证号、返程日期、联系电话）与「青松里」的不同/);
    await expect(L.t.call('import.commit', input)).rejects.toThrow(/本次没有导入任何内容/);
    expect((await L.t.call('cases.list', {})).rows).toEqual([]);
  });

  it('every sheet with other columns is named at once, not one preview at a time', async () => {
    await L.t.call('org.communities.save', { name: '青松里社区' });
    await L.t.call('org.communities.save', { name: '翠竹苑社区' });
    await L.t.call('org.communities.save', { name: '红旗村' });
    const moved: Row = ['姓名', '联系电话', '身份证号', '返程日期'];
    const path = await writeXlsx(join(L.dir, 'two-other.xlsx'), [
      { name: '青松里', rows: [HEAD, ['张一', ID(1), '13803711001', '2020-02-03']] },
      { name: '翠竹苑', rows: [moved, ['李一', '13803711003', ID(3), '2020-02-05']] },
      {
        name: '红旗村',
        rows: [
          ['姓名', '身份证号'],
          ['王一', ID(5)],
        ],
      },
    ]);
    const ins = await L.t.call('import.inspect', { path, target: 'cases', sheet: '青松里' });
    const sheets = [...BOTH, { sheet: '红旗村', community: '红旗村' }];
    const input = { path, target: 'cases' as const, mapping: ins.mapping, constants, sheets };
    await expect(L.t.call('import.preview', input)).rejects.toThrow(
      '工作表「翠竹苑」的表头（姓名、联系电话、身份证号、返程日期）；工作表「红旗村」的表头（姓名、身份证号）与「青松里」的不同，' +
        '不能按同样的列对应关系导入：请取消勾选这 2 张表，以后单独导入它们。本次没有导入任何内容。',
    );
    await expect(L.t.call('import.commit', input)).rejects.toThrow(/这 2 张表/);
    expect((await L.t.call('cases.list', {})).rows).toEqual([]);
  });

  it('sheets come from a workbook only, never beside one chosen sheet or a paste, each once', async () => {
    const path = await workbook('by-sheet.xlsx');
    const base = { target: 'cases' as const, mapping: [], constants };
    await expect(L.t.call('import.preview', { ...base, path, sheet: '青松里', sheets: BOTH })).rejects.toThrow(/各工作表的社区/);
    await expect(L.t.call('import.preview', { ...base, text: '姓名\n张三', sheets: BOTH })).rejects.toThrow(/各工作表的社区/);
    await expect(L.t.call('import.preview', { ...base, path, sheets: [BOTH[0]!, BOTH[0]!] })).rejects.toThrow(/同一张工作表选了两次/);
    await expect(L.t.call('import.preview', { ...base, path, sheets: [{ sheet: '没有', community: '青松里社区' }] })).rejects.toThrow(
      /没有名为「没有」的工作表/,
    );
  });
});
