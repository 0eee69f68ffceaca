/**
 * A 接龙 as communities really send it: the organiser's notice first (the group's rules, a contact phone, numbered
 * instructions, blank lines), then the numbered entries, sometimes numbered again from 1. Before w45-import a list
 * after 30 lines of notice was refused with 「没有可导入的内容（没有表头，或全是空行）」: the made-up header stood past
 * the 30 rows the header is looked for in, behind the notice kept line by line as title rows.
 */
import { describe, expect, it } from 'vitest';
import { parsePasted } from '../../../electron/core/io/import/paste';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger } from './files';

const ID_A = makeIdNumber('410105', '1962-03-12', 17);
const ID_B = makeIdNumber('420106', '1990-07-01', 23);
const ID_C = makeIdNumber('110105', '1985-05-05', 35);

const L = useImportLedger();

/** The notice: a title, `lines` lines of text with a blank line every fifth, then numbered instructions (one with a phone). */
function notice(lines: number): string[] {
  const out = ['#接龙', '东风社区返程人员登记'];
  for (let i = 1; out.length < lines; i++) out.push(i % 5 === 0 ? '' : `第${i}条说明：请各位居民如实填写，不要漏报，谢谢配合（${i}）`);
  out.push('填写要求：', '1、按“序号 姓名 身份证号 电话 住址”填写', '2、今天18:00前完成', '3、有疑问联系网格员 13803710000', '');
  return out;
}
const ENTRIES = [`1. 张三 ${ID_A} 13803711002 3号楼2单元`, `2、李四，${ID_B}，13803711003，幸福小区5栋`, `3．王五 ${ID_C}`];

describe('a 接龙 after the organiser’s notice', () => {
  it('40 lines of notice: the list is found where it starts; the notice is titles (its first lines) and skipped lines, never entries', () => {
    const lines = [...notice(40), ...ENTRIES];
    const p = parsePasted(lines.join('\n'));
    expect(p.kind).toBe('list');
    const first = lines.indexOf(ENTRIES[0]!) + 1;
    const header = p.rows.findIndex((r) => r.cells[0] === '序号');
    expect(p.rows[header]).toEqual({ rowNumber: first - 0.5, cells: ['序号', '姓名', '身份证号', '联系电话', '其他内容'] });
    expect(p.rows.slice(0, header).map((r) => r.cells)).toEqual([['#接龙'], ['东风社区返程人员登记'], ...lines.slice(2, 5).map((l) => [l])]);
    expect(p.rows.slice(header + 1).map((r) => r.cells[1])).toEqual(['张三', '李四', '王五']);
    // The numbered instructions (one with a phone) are part of the notice: skipped, not read as people.
    expect(p.skipped).toEqual({ first: 6, last: first - 2, lines: lines.slice(5, first - 1).filter((l) => l !== '').length });
  });

  it('inspect and preview: the skipped lines said by their numbers at both steps, the three people planned', async () => {
    const lines = [...notice(40), ...ENTRIES];
    const text = lines.join('\n');
    const ins = await L.t.call('import.inspect', { text, target: 'cases' });
    expect(ins).toMatchObject({ format: 'paste', headers: ['序号', '姓名', '身份证号', '联系电话', '其他内容'] });
    expect(ins.mapping).toEqual([null, 'name', 'idNumber', 'phone', null]);
    expect(ins.titleRows).toHaveLength(5);
    const skipped = lines.slice(5, notice(40).length).filter((l) => l !== '').length;
    const note = `第 6–${notice(40).length - 1} 行是接龙前的说明文字（${skipped} 行），未导入。`;
    expect(ins.readNotes).toEqual([note]);
    const mapping = [null, 'name', 'idNumber', 'phone', 'address'];
    const constants = { community: '东风社区', category: '返程人员' };
    const pre = await L.t.call('import.preview', { text, target: 'cases', mapping, constants });
    expect(pre.counts).toMatchObject({ total: 3, created: 3, rejected: 0 });
    expect(pre.readNotes).toContain(note);
  });

  it('a short notice reads as before: all its lines are titles, nothing said of skipped lines', () => {
    const p = parsePasted(['#接龙', '东风社区返程人员登记', '', ...ENTRIES].join('\n'));
    expect(p.rows.slice(0, 3).map((r) => r.cells)).toEqual([['#接龙'], ['东风社区返程人员登记'], ['序号', '姓名', '身份证号', '联系电话', '其他内容']]);
    expect(p.skipped).toBeUndefined();
  });

  it('a list numbered again from 1 after its first part stays one list; only a run that is mostly not people is notice', () => {
    const text = ['#接龙 3号楼', ...ENTRIES, '4号楼：', `1. 赵六 ${makeIdNumber('410102', '1970-01-01', 51)}`, '2. 钱七 13803711005'].join('\n');
    const p = parsePasted(text);
    expect(p.rows.map((r) => r.cells[1] ?? null)).toEqual([null, '姓名', '张三', '李四', '王五', null, '赵六', '钱七']);
    expect(p.rows[5]!.cells[4]).toBe('4号楼：');
    expect(p.skipped).toBeUndefined();
  });

  it('a list of two with one unreadable entry is a list; a notice with only a phone in it is read as before, never refused', () => {
    const two = parsePasted(['青松里社区居家观察人员接龙', `1. 王五 ${ID_C} 13803711009`, '2. 明天再报'].join('\n'));
    expect(two.rows.map((r) => r.cells[1] ?? null)).toEqual([null, '姓名', '王五', null]);
    const noticeOnly = parsePasted(notice(40).join('\n'));
    expect(noticeOnly.rows.filter((r) => r.cells[0] !== null && /^\d$/.test(String(r.cells[0]))).map((r) => r.cells[3])).toEqual([null, null, '13803710000']);
  });

  it('numbered lines with nobody in them, or no numbered lines at all: said in words naming what was looked for', async () => {
    const none = await L.t.fail('import.inspect', {
      text: notice(40)
        .filter((l) => !l.includes('138'))
        .join('\n'),
      target: 'cases',
    });
    expect(none.message).toContain('没有可识别的名单行');
    expect(none.message).toContain('2 行编号的内容');
    expect(none.message).toContain('姓名、身份证号或电话');
    const plain = await L.t.fail('import.inspect', { text: '大家好，明天上午九点开会\n收到请回复', target: 'cases' });
    expect(plain.message).toContain('没有编号的接龙行');
    // Cells with no header and one value a row: the file's 「没有可导入的内容（没有表头，或全是空行）」 named no file here.
    const cells = await L.t.fail('import.inspect', { text: '\t张三\n\t李四\n\t王五', target: 'cases' });
    expect(cells.message).toMatch(/^粘贴的内容里找不到表头：前 30 行里没有一行写着「姓名」/);
  });
});
