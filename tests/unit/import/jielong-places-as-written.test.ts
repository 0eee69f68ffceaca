/**
 * A 接龙's 来源地 that names a place not in entry-words.ts's lists (a county, a district: 「麻城返」, 「汉口回来」): kept in
 * 来源地 as written, never matched to a listed place (麻城 is in 黄冈, 汉口 in 武汉), and said in the wizard for the user
 * to check. Before: 「麻城返」 has a name's shape (麻 is a surname), so the line was sent back as naming two people; and
 * 「汉口回来」 went to 其他内容, left 不导入, so the place was dropped unseen.
 */
import { describe, expect, it } from 'vitest';
import { parsePasted } from '../../../electron/core/io/import/paste';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger } from './files';

const L = useImportLedger();
const ID = (n: number) => makeIdNumber('410102', `197${n}-01-01`, 50 + n);
const TEXT = [
  '东风社区返程人员接龙',
  `1. 王五 ${ID(1)} 13803711009 3号楼101室 武汉返`,
  `2. 赵六 ${ID(2)} 13803711010 2号楼 麻城返`,
  `3. 钱七 ${ID(3)} 13803711011 4号楼 汉口回来`,
  `4. 孙八 ${ID(4)} 13803711012 5号楼 明天返`,
  `5. 李九 ${ID(5)} 13803711013 6号楼 初八返`,
].join('\n');
const NOTE = '第 3、4 行的来源地「麻城返」「汉口回来」不在程序认得的地名（省和地级市）里，已按原样写入「来源地」，没有猜是哪个地方：请核对。';

describe('a 接龙 place not in the lists', () => {
  it('is the line’s 来源地 as written, not a second person and not dropped; a day (明天返, 初八返) is no place', () => {
    const read = parsePasted(TEXT);
    const entries = read.rows.filter((r) => typeof r.cells[0] === 'string' && /^\d+$/.test(r.cells[0]));
    expect(entries.map((r) => [r.cells[1], r.cells[4], r.cells[5]])).toEqual([
      ['王五', '3号楼101室', '武汉'],
      ['赵六', '2号楼', '麻城返'],
      ['钱七', '4号楼', '汉口回来'],
      ['孙八', '5号楼 明天返', null],
      ['李九', '6号楼 初八返', null],
    ]);
    expect(read.placesAsWritten).toEqual({ lines: [3, 4], words: ['麻城返', '汉口回来'] });
  });

  it('the wizard says which lines and words, at the mapping step and in the preview; the commit stores them as written', async () => {
    const ins = await L.t.call('import.inspect', { text: TEXT, target: 'cases' });
    expect(ins.readNotes).toEqual([NOTE]);
    const mapping = [null, 'name', 'idNumber', 'phone', 'address', 'origin'];
    const constants = { community: '东风社区', category: '返程人员' };
    const pre = await L.t.call('import.preview', { text: TEXT, target: 'cases', mapping, constants });
    expect(pre.readNotes).toEqual([NOTE]);
    expect(pre.counts).toMatchObject({ created: 5, rejected: 0 });
    await L.t.call('import.commit', { text: TEXT, target: 'cases', mapping, constants, previewId: pre.previewId });
    const rows = (await L.t.call('cases.list', {})).rows;
    expect(Object.fromEntries(rows.map((r) => [r.name, r.origin]))).toEqual({ 王五: '武汉', 赵六: '麻城返', 钱七: '汉口回来', 孙八: null, 李九: null });
  });

  it('a list whose places are all known says nothing of them', async () => {
    const ins = await L.t.call('import.inspect', { text: `1. 王五 ${ID(1)} 13803711009 武汉返`, target: 'cases' });
    expect(ins.readNotes).toEqual([]);
  });
});
