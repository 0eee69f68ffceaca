/**
 * A WeChat 接龙 as a coordinator pastes it (issue 14, session 48): 「#接龙」 and its title, the organiser's example line
 * (「例 张三 4101… 3号楼」, never a person), emoji beside names, a name with 「·」, 「3. 明天再报」 (no name, no ID
 * number: not a person, and said so rather than 「姓名 不能为空」), and two rounds of the same 接龙 pasted together (the
 * people of both rounds once; session 49: the second round's repeats 「重复，已合并」, counted apart from the rows sent
 * back, which they were counted among before).
 */
import { describe, expect, it } from 'vitest';
import { parsePasted } from '../../../electron/core/io/import/paste';
import { NO_ONE } from '../../../electron/core/io/import/values';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger } from './files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `197${n}-01-01`, 50 + n);
const ROUND = (third: string): string[] => [
  '#接龙',
  '东风社区返程人员登记',
  '例 张三 410105196203120178 13800000000 3号楼',
  '',
  `1. 王五 ${ID(1)} 13803711009 3号楼101室 🏠`,
  `2. 阿卜杜·热合曼 ${ID(2)} 13803711010 2号楼`,
  third,
  `4. 😷钱七 ${ID(3)} 13803711011 4号楼`,
  `5. 孙八👍 ${ID(4)} 13803711012 5号楼`,
];
const TEXT = [...ROUND('3. 明天再报'), '', ...ROUND(`3. 李九 ${ID(5)} 13803711013 6号楼`)].join('\n');
const constants = { community: '东风社区', category: '返程人员' };

describe('a WeChat 接龙 pasted as it comes', () => {
  it('reads each entry’s name beside an emoji; the example line is no entry', () => {
    const names = parsePasted(TEXT)
      .rows.filter((r) => typeof r.cells[0] === 'string' && /^\d+$/.test(r.cells[0]))
      .map((r) => [r.cells[1], r.cells[4]]);
    expect(names).toEqual([
      ['王五', '3号楼101室'],
      ['阿卜杜·热合曼', '2号楼'],
      [null, '明天再报'],
      ['钱七', '4号楼'],
      ['孙八', '5号楼'],
      ['王五', '3号楼101室'],
      ['阿卜杜·热合曼', '2号楼'],
      ['李九', '6号楼'],
      ['钱七', '4号楼'],
      ['孙八', '5号楼'],
    ]);
  });

  it('the preview: six people, 「明天再报」 sent back as no one, the second round’s repeats merged and counted apart; 张三 never', async () => {
    const ins = await L.t.call('import.inspect', { text: TEXT, target: 'cases' });
    const pre = await L.t.call('import.preview', { text: TEXT, target: 'cases', mapping: ins.mapping, constants });
    const rejected = pre.rejected.map((r) => [r.rowNumber, r.reasons.map((x) => `${x.field}:${x.message}`).join('|')]);
    expect(rejected).toEqual([[7, `姓名:${NO_ONE}`]]);
    expect(pre.counts).toMatchObject({ total: 6, created: 5, rejected: 1 });
    expect(pre.merged).toBe(4);
    expect(pre.readNotes).toContain('第 15–16、18–19 行与前面的某一行完全相同（接龙的下一轮又贴了一遍），重复，已合并：只导入一次，不算退回（共 4 行）。');
    const done = await L.t.call('import.commit', { text: TEXT, target: 'cases', mapping: ins.mapping, constants, previewId: pre.previewId });
    expect(done.counts).toMatchObject({ total: 6, created: 5, rejected: 1 });
    expect(done.merged).toBe(4);
    // 导入记录 keeps them too (migration 079): the audit row said merged, the record did not.
    const log = (await L.t.call('import.history', { limit: 10 })).rows.find((r) => r.id === done.importId);
    expect(log).toMatchObject({ total: 6, created: 5, rejected: 1, merged: 4 });
    const names = (await L.t.call('cases.list', {})).rows.map((r) => r.name).sort();
    expect(names).toEqual(['孙八', '李九', '王五', '钱七', '阿卜杜·热合曼'].sort());
  });

  it('a repeat that differs (another phone in the second round) is still sent back for the coordinator to merge', async () => {
    const text = [
      '#接龙',
      '东风社区返程人员登记',
      `1. 王五 ${ID(1)} 13803711009 3号楼`,
      `2. 钱七 ${ID(3)} 13803711011`,
      '',
      '#接龙',
      `1. 王五 ${ID(1)} 13803711009 3号楼`,
      `2. 钱七 ${ID(3)} 13803711099`,
    ].join('\n');
    const ins = await L.t.call('import.inspect', { text, target: 'cases' });
    const pre = await L.t.call('import.preview', { text, target: 'cases', mapping: ins.mapping, constants });
    expect(pre.merged).toBe(1);
    expect(pre.counts).toMatchObject({ total: 3, rejected: 1 });
    expect(pre.rejected[0]!.reasons.map((r) => r.message).join('')).toMatch(/^与第 \d+ 行是同一人/);
  });
});
