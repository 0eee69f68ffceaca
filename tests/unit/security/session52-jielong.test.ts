/**
 * The thirty-eighth attack run (issue 19, session 52), target 3: 接龙 numbers as phones type them (paste-list.ts readable,
 * session 51): groups typed with a Chinese keyboard's full-width space or dash; numbers that are not an ID number or a
 * phone (a date and time, an amount, a room number, a bank card). Online as the coordinator through Core.call.
 */
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger } from '../import/files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `197${n}-01-01`, 50 + n);
const constants = { community: '东风社区', category: '返程人员' };
const grouped = (id: string, sep: string): string => `${id.slice(0, 6)}${sep}${id.slice(6, 14)}${sep}${id.slice(14)}`;

async function preview(lines: string[]) {
  const text = ['#接龙', '东风社区返程人员登记', ...lines].join('\n');
  const ins = await L.t.call('import.inspect', { text, target: 'cases' });
  return L.t.call('import.preview', { text, target: 'cases', mapping: ins.mapping, constants });
}
const seen = (pre: Awaited<ReturnType<typeof preview>>) => pre.sample.map((r) => [r.shown['姓名'], r.shown['身份证号'] !== '', r.shown['联系电话']]);

describe('S52: 接龙 numbers as typed', () => {
  it('S52-A2: an ID number or a phone in groups typed with a full-width space (U+3000) or dash is read, not dropped unseen', async () => {
    const pre = await preview([
      `1. 王五 ${grouped(ID(1), '\u3000')} 13803711009 3号楼`,
      `2. 赵六 ${grouped(ID(2), '－')} 13803711010 2号楼`,
      `3. 钱七 ${ID(3)} 138\u30000371\u30001011 4号楼`,
      `4. 孙八 ${ID(4)} 138－0371－1012 5号楼`,
    ]);
    expect(pre.rejected).toEqual([]);
    // Before: 王五 and 赵六 previewed with no ID number, 钱七 and 孙八 with no phone, the digits left with 其他内容.
    expect(seen(pre)).toEqual([
      ['王五', true, '138****1009'],
      ['赵六', true, '138****1010'],
      ['钱七', true, '138****1011'],
      ['孙八', true, '138****1012'],
    ]);
  });

  it('numbers that are not an ID number or a phone are not read as one (held); a room number in a mobile’s 3-4-4 shape is (noted)', async () => {
    const pre = await preview([
      `1. 王五 ${ID(1)} 登记于 2020 0203 1234`,
      `2. 赵六 ${ID(2)} 住 3-2-1101 转账 1380 元`,
      `3. 钱七 ${ID(3)} 卡号 6222 0213 8037 1101 234`,
      `4. 孙八 ${ID(4)} 房号 158-1101-2201`,
    ]);
    // None of the first three is read as a phone. 158-1101-2201 is a mobile's shape, digit for digit: read as one (noted).
    expect(seen(pre).map((r) => r[2])).toEqual(['', '', '', '158****2201']);
  });
});
