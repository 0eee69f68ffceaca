/**
 * Import by sheets, session 52. Two sheets read as one community: 「青松里」 beside 「青松里\u200b」 (a zero-width space,
 * copied from a chat) and 「青松里\u3000」 (a full-width space) look alike on screen and were all offered as 青松里社区
 * with nothing said (S50 noted). Now the second and third say so, naming every sheet and what the screen does not
 * show, at step 2; all can still be ticked. And a 填表说明 cover of two numbered lines (「一、」 | 「每人一行」 over 「二、」
 * | 「身份证号请设为文本格式」) was read as a table with 0 rows under a header 「二、 | 身份证号…」 and offered as a sheet of
 * people; now it is a cover (no header), as a one-line 填表说明 was.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeXlsx, type Row } from './files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `19${60 + n}-01-01`, 50 + n);
const HEAD: Row = ['姓名', '身份证号', '联系电话', '返程日期'];
const person = (n: number): Row => [`张${n}`, ID(n), `138037110${10 + n}`, '2020-02-03'];

/** 青松里社区 and 翠竹苑社区 in the ledger, the workbook written and inspected for 个案. */
async function inspected(name: string, sheets: Parameters<typeof writeXlsx>[1]) {
  await L.t.call('org.communities.save', { name: '青松里社区' });
  await L.t.call('org.communities.save', { name: '翠竹苑社区' });
  const path = await writeXlsx(join(L.dir, name), sheets);
  return { path, ins: await L.t.call('import.inspect', { path, target: 'cases' }) };
}

/** The preview of the sheets named, each under 青松里社区, as 返程人员. */
const previewAsQingsongli = (path: string, mapping: (string | null)[], names: string[]) =>
  L.t.call('import.preview', {
    path,
    target: 'cases',
    mapping,
    constants: { category: '返程人员' },
    sheets: names.map((sheet) => ({ sheet, community: '青松里社区' })),
  });

describe('import by sheets: sheets read alike, and a cover of numbered lines', () => {
  it('says, at inspect, which sheets are read as one community and what their names hide; all may be ticked', async () => {
    const { path, ins } = await inspected('alike.xlsx', [
      { name: '青松里', rows: [HEAD, person(1)] },
      { name: '翠竹苑', rows: [HEAD, person(2)] },
      { name: '青松里\u200b', rows: [HEAD, person(3)] },
      { name: '青松里\u3000', rows: [HEAD, person(4)] },
    ]);
    const note =
      '3 张表都读作青松里社区：「青松里」、「青松里\u200b」（表名里有看不见的字符）、「青松里\u3000」（表名里有全角空格）。' +
      '是同一个社区的表就都勾选，不是就只勾选对的那张';
    expect(ins.sheetCommunities.map((s) => [s.sheet, s.community, s.readAlike])).toEqual([
      ['青松里', '青松里社区', undefined],
      ['翠竹苑', '翠竹苑社区', undefined],
      ['青松里\u200b', '青松里社区', note],
      ['青松里\u3000', '青松里社区', note],
    ]);
    // Not refused: the coordinator who meant it imports them under the one community.
    const pre = await previewAsQingsongli(path, ins.mapping, ['青松里', '青松里\u200b']);
    expect(pre.counts).toMatchObject({ total: 2, created: 2 });
  });

  it('two sheets alike say 「两张」; sheets of different communities say nothing', async () => {
    const { ins } = await inspected('two.xlsx', [
      { name: '青松里', rows: [HEAD, person(1)] },
      { name: '青松里 ', rows: [HEAD, person(3)] },
      { name: '翠竹苑', rows: [HEAD, person(2)] },
    ]);
    expect(ins.sheetCommunities.map((s) => s.readAlike)).toEqual([
      undefined,
      '两张表都读作青松里社区：「青松里」、「青松里 」（表名里有空格）。是同一个社区的表就都勾选，不是就只勾选对的那张',
      undefined,
    ]);
  });

  it('a 填表说明 of two numbered lines is a cover, at inspect and among the sheets left out', async () => {
    const { path, ins } = await inspected('cover.xlsx', [
      {
        name: '填表说明',
        rows: [
          ['一、', '每人一行'],
          ['二、', '身份证号请设为文本格式'],
        ],
      },
      { name: '说明', rows: [['填表说明：'], ['1. 每人一行，身份证号请设为文本格式。']] },
      { name: '注意', rows: [['身份证号请设为文本格式']] },
      { name: '青松里', rows: [HEAD, person(1)] },
      { name: '翠竹苑', rows: [['1.姓名', '2.身份证号', '3.联系电话', '4.返程日期'], person(2)] },
    ]);
    expect(ins.sheetCommunities.map((s) => [s.sheet, s.table, s.reason])).toEqual([
      ['填表说明', false, '工作表「填表说明」里没有表头，不是名单'],
      ['说明', false, '工作表「说明」里没有表头，不是名单'],
      ['注意', false, '工作表「注意」里没有表头，不是名单'],
      ['青松里', true, null],
      ['翠竹苑', true, null],
    ]);
    const pre = await previewAsQingsongli(path, ins.mapping, ['青松里']);
    expect(pre.sheetsLeftOut?.slice(0, 3)).toEqual([
      { sheet: '填表说明', rows: 2, table: false, why: '没有表头，不是人员名单（如填表说明）' },
      { sheet: '说明', rows: 2, table: false, why: '没有表头，不是人员名单（如填表说明）' },
      { sheet: '注意', rows: 1, table: false, why: '没有表头，不是人员名单（如填表说明）' },
    ]);
    // Column names numbered 「1.姓名」 are still a header.
    const numbered = await L.t.call('import.inspect', { path, target: 'cases', sheet: '翠竹苑' });
    expect(numbered.mapping).toEqual(ins.mapping);
  });
});
