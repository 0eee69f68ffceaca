/**
 * The thirty-seventh attack run (issue 19, session 51), target 6: 接龙 lines as phones type them (paste-list.ts
 * readable, session 50): an ID number split by spaces, in Arabic-Indic digits, with a full-width Ｘ; a phone with +86.
 * Online as the coordinator through Core.call.
 */
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger } from '../import/files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `197${n}-01-01`, 50 + n);
const constants = { community: '东风社区', category: '返程人员' };
/** An ID number whose check digit is X, typed with a full-width Ｘ. */
const withX = (): string => {
  for (let n = 1; ; n++) {
    const id = makeIdNumber('410102', '1975-01-01', n);
    if (id.endsWith('X')) return `${id.slice(0, 17)}Ｘ`;
  }
};
const arabic = (s: string): string => s.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
const spaced = (id: string): string => `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;

describe('S51: 接龙 numbers as typed', () => {
  it('S51-A2: an ID number split by spaces or typed in Arabic-Indic digits, a phone after +86, are read, not dropped unseen', async () => {
    const text = [
      '#接龙',
      '东风社区返程人员登记',
      `1. 王五 ${spaced(ID(1))} 13803711009 3号楼`,
      `2. 赵六 ${arabic(ID(2))} 13803711010 2号楼`,
      `3. 钱七 ${ID(3)} +8613803711011 4号楼`,
      `4. 孙八 ${ID(4)} +86 138 0371 1012 5号楼`,
      `5. 周九 ${withX()} 0086-13803711013 6号楼`,
    ].join('\n');
    const ins = await L.t.call('import.inspect', { text, target: 'cases' });
    const pre = await L.t.call('import.preview', { text, target: 'cases', mapping: ins.mapping, constants });
    expect(pre.rejected).toEqual([]);
    // Before: 王五 and 赵六 previewed with no ID number, 钱七 and 孙八 with no phone, nothing said; the digits dropped with 其他内容.
    expect(pre.sample.map((r) => [r.shown['姓名'], r.shown['身份证号'] !== '', r.shown['联系电话']])).toEqual([
      ['王五', true, '138****1009'],
      ['赵六', true, '138****1010'],
      ['钱七', true, '138****1011'],
      ['孙八', true, '138****1012'],
      ['周九', true, '138****1013'],
    ]);
  });

  it('two people are never made one: another ID number beside the same name and phone stays a second person (held)', async () => {
    const text = ['#接龙', `1. 王五 ${spaced(ID(1))} 13803711009`, `2. 王五 ${ID(2)} 138 0371 1009`].join('\n');
    const ins = await L.t.call('import.inspect', { text, target: 'cases' });
    const pre = await L.t.call('import.preview', { text, target: 'cases', mapping: ins.mapping, constants });
    expect(pre.merged).toBe(0);
    expect(pre.counts).toMatchObject({ total: 2, created: 2 });
  });
});
