/**
 * A 接龙 line as phones type it (issue 14, session 50; noted by the attack run's S50 merges): full-width digits
 * (「２. 赵六 ４１０１… １３８…」, a Chinese input method left in full-width) and a zero-width space inside a name
 * (「王\u200b五」, copied from a chat). Before, the first was no person (sent back 「须同时填写「姓名」和「联系电话」」
 * though both were there), the second had no name (「姓名 不能为空」). Now read as the digits and the name they are; a
 * line that is no entry keeps its text as pasted.
 */
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger } from './files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `197${n}-01-01`, 50 + n);
const constants = { community: '东风社区', category: '返程人员' };
const full = (s: string): string => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(/X/g, 'Ｘ');

describe('a 接龙 line typed in full-width digits, or with a character nobody sees', () => {
  it('is read as the person it names', async () => {
    const text = [
      '#接龙',
      '东风社区返程人员登记',
      `1. 王五 ${ID(1)} 13803711009 3号楼`,
      `${full('2')}． 赵六 ${full(ID(2))} ${full('13803711010')} 2号楼`,
      `3. 钱\u200b七 ${ID(3)} 13803711011 4号楼`,
      '🌹\u200b接龙请核对',
    ].join('\n');
    const ins = await L.t.call('import.inspect', { text, target: 'cases' });
    const pre = await L.t.call('import.preview', { text, target: 'cases', mapping: ins.mapping, constants });
    expect(pre.rejected.map((r) => [r.rowNumber, r.cells[4]])).toEqual([[6, '🌹\u200b接龙请核对']]);
    await L.t.call('import.commit', { text, target: 'cases', mapping: ins.mapping, constants, previewId: pre.previewId });
    const rows = (await L.t.call('cases.list', {})).rows.map((r) => [r.name, r.phone]).sort();
    expect(rows).toEqual([
      ['王五', '138****1009'],
      ['赵六', '138****1010'],
      ['钱七', '138****1011'],
    ]);
  });
});
