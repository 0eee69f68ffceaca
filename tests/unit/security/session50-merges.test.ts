/**
 * The thirty-sixth attack run (issue 19, session 50): a pasted 接龙's repeats merged (session 49). Can another person
 * be merged away as "identical" (case, spaces, full-width digits, invisible characters, the ID number's x)? Is the
 * merge kept in the audit? (full-width digits and a zero-width space in a 接龙 line: read since w68-files, paste-list.ts)
 */
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger } from '../import/files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `197${n}-01-01`, 50 + n);
const constants = { community: '东风社区', category: '返程人员' };
const full = (s: string): string => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

async function pasted(lines: string[]) {
  const text = ['#接龙', '东风社区返程人员登记', ...lines].join('\n');
  const ins = await L.t.call('import.inspect', { text, target: 'cases' });
  const pre = await L.t.call('import.preview', { text, target: 'cases', mapping: ins.mapping, constants });
  const done = await L.t.call('import.commit', { text, target: 'cases', mapping: ins.mapping, constants, previewId: pre.previewId });
  const names = (await L.t.call('cases.list', {})).rows.map((r) => r.name).sort();
  return { pre, done, names };
}

describe('S50: 接龙 repeats merged', () => {
  it('the same person written another way (spaces, x for X) is merged, a zero-width space in the name sent back; another person never', async () => {
    const withX = Array.from({ length: 200 }, (_, i) => makeIdNumber('410102', '1980-05-05', i + 1)).find((id) => id.endsWith('X'))!;
    const lines = [
      `1. 王五 ${ID(1)} 13803711009 3号楼`,
      `2. 赵六 ${ID(2)} 13803711010 2号楼`,
      `3. 周七 ${ID(3)} 13803711011 4号楼`,
      '',
      `1. 王\u200b五 ${ID(1)}  13803711009　3号楼`,
      `2. 赵六 ${ID(2)} 13803711010 2号楼`,
      // Another person: the same name and phone as 周七's line, another ID number (a family's shared phone).
      `3. 周七 ${ID(4)} 13803711011 4号楼`,
      `4. 吴八 ${withX} 13803711012 5号楼`,
      `4. 吴八 ${withX.toLowerCase()}  13803711012 5号楼`,
    ];
    const { pre, names } = await pasted(lines);
    // 王五's (「王\u200b五」: the character nobody sees dropped, w68-files), 赵六's and 吴八's repeats merged (x read as X);
    // 周七 with another number is another person, never merged.
    expect(pre.merged).toBe(3);
    expect(names).toEqual(['周七', '周七', '吴八', '王五', '赵六'].sort());
    expect(pre.rejected).toEqual([]);
  });

  it('a 接龙 entry typed with full-width digits is read as the person it names (w68-files; before: sent back 「须同时填写「姓名」和「联系电话」」)', async () => {
    const { pre, names } = await pasted([`1. 王五 ${ID(1)} 13803711009 3号楼`, `2. 赵六 ${full(ID(2))} １３８０３７１１０１０ 2号楼`]);
    expect(pre.rejected).toEqual([]);
    expect(names).toEqual(['王五', '赵六']);
  });

  it('S50-A4: the 导入记录’s audit row says how many repeats were merged (before: the file’s rows less the repeats, nothing said)', async () => {
    const { done } = await pasted([`1. 王五 ${ID(1)} 13803711009 3号楼`, `2. 赵六 ${ID(2)} 13803711010 2号楼`, '', `1. 王五 ${ID(1)} 13803711009 3号楼`]);
    expect(done.merged).toBe(1);
    const row = L.db().prepare(`SELECT after_json AS a FROM audit_log WHERE entity = 'import' AND entity_id = ?`).get(String(done.importId)) as { a: string };
    expect(JSON.parse(row.a)).toMatchObject({ counts: { total: 2, created: 2 }, merged: 1 });
  });
});
