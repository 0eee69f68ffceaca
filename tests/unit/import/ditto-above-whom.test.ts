/**
 * Whom 「同上」/「〃」 copies (issue 14, session 50, left by session 49). A mark copies the row above only when that row
 * is a person's: in a 接龙 a line between two entries that is no entry (「（以下接龙）」, a line of emoji) is read as a
 * row of its own (its text under 其他内容, sent back as nobody's), and a 「同上」 in the entry below took that text
 * (住址 「🌹🌹🌹」), said as the row above's. Now sent back naming the line. A phone mark in a sheet that maps no
 * household column (no 户主, 住址, 小区…: nothing tells one family from the next flat) is kept, as the writer wrote it
 * meaning the row above's, and the preview says the sheet cannot tell whether it is the same household.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger } from './files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `197${n}-01-01`, 50 + n);
const constants = { community: '东风社区', category: '返程人员' };

const reasons = (pre: { rejected: { rowNumber: number; reasons: { field: string; message: string }[] }[] }) =>
  pre.rejected.map((r) => [r.rowNumber, r.reasons.map((x) => `${x.field}:${x.message}`).join('|')]);

describe('「同上」 copies a person’s row, never a line that is no one', () => {
  it('a 接龙: a mark below 「（以下接龙）」 or an emoji line is sent back naming the line; below an entry it is taken', async () => {
    const text = [
      '#接龙',
      '东风社区返程人员登记',
      `1. 张一 ${ID(1)} 13803711001 幸福小区3号楼`,
      '（以下接龙）',
      `2. 张二 ${ID(2)} 13803711002 同上`,
      '🌹🌹🌹',
      `3. 张三 ${ID(3)} 13803711003 同上`,
      `4. 张四 ${ID(4)} 13803711004 和平小区5号楼`,
      `5. 张五 ${ID(5)} 13803711005 同上`,
    ].join('\n');
    const mapping = [null, 'name', 'idNumber', 'phone', 'address'];
    const pre = await L.t.call('import.preview', { text, target: 'cases', mapping, constants });
    expect(reasons(pre).filter(([row]) => row === 5 || row === 7)).toEqual([
      [5, '住址:写的是「同上」，但上一行「（以下接龙）」不是一个人的登记（没有姓名，也没有身份证号），不知道同的是哪个：请写出住址'],
      [7, '住址:写的是「同上」，但上一行「🌹🌹🌹」不是一个人的登记（没有姓名，也没有身份证号），不知道同的是哪个：请写出住址'],
    ]);
    expect(pre.readNotes).toEqual(['第 9 行的「住址」写的是「同上」或「〃」，已取上一行的值：请核对。']);
  });

  it('a CSV with no household column: a phone mark is taken and the preview says the sheet cannot tell the household', async () => {
    const rows = [
      ['姓名', '身份证号', '联系电话', '返程日期'],
      ['张一', ID(1), '13803711001', '2020-02-03'],
      ['张二', ID(2), '〃', '2020-02-03'],
      ['张三', ID(3), '同上', '2020-02-03'],
    ];
    const path = join(L.dir, 'no-household.csv');
    writeFileSync(path, iconv.encode(rows.map((r) => r.join(',')).join('\r\n'), 'gbk'));
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    const pre = await L.t.call('import.preview', { path, target: 'cases', mapping: ins.mapping, constants });
    expect(reasons(pre)).toEqual([]);
    expect(pre.readNotes).toEqual([
      '第 3–4 行的「联系电话」写的是「同上」或「〃」，已取上一行的值；表里没有户主、住址、小区这样的列，看不出上一行是不是同一户：请核对。',
    ]);
    await L.t.call('import.commit', { path, target: 'cases', mapping: ins.mapping, constants, previewId: pre.previewId });
    const phones = (await L.t.call('cases.list', {})).rows.map((r) => r.phone);
    expect(phones).toEqual(['138****1001', '138****1001', '138****1001']);
  });
});
