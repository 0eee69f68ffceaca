/**
 * A 接龙 line that names two people (PH2-L1, fourteenth attack run): before entry-name.ts the first name-shaped word
 * was the name and the first ID number its number, whoever they belonged to: 「1. 张三 李四 ‹李四's ID›」 became 张三
 * with 李四's ID number. Now such a line's 姓名 is not read (the row is sent back saying why), and the words beside a
 * name that only look like one (relations, notes, places, nicknames) leave the lines communities really send as
 * they were read.
 */
import { describe, expect, it } from 'vitest';
import { parsePasted } from '../../../electron/core/io/import/paste';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { residentsOf } from '../../helpers/sealed-residents';
import { useImportLedger } from './files';
import { OBSERVATION, RETURNEES, type Jielong } from './jielong-lists';

const ID_A = makeIdNumber('410105', '1962-03-12', 17);
const ID_B = makeIdNumber('420106', '1990-07-01', 23);

const L = useImportLedger();

const entries = (text: string) => parsePasted(text).rows.filter((r) => typeof r.cells[0] === 'string' && /^\d+$/.test(r.cells[0]));
const namesOf = (list: Jielong) => entries(list.text).map((r) => r.cells[1]);

describe('a 接龙 line with two people on it', () => {
  it('「1. 张三 李四 ‹李四’s ID›」: no name read, the cell says why; the ID and phone stay in their columns; the next line as before', () => {
    const rows = entries([`1. 张三 李四 ${ID_B} 13803711003 3号楼`, `2. 王五 ${ID_A} 13803711004`].join('\n'));
    expect(rows[0]!.cells).toEqual([
      '1',
      {
        problem: '这一行有两个像姓名的词（张三、李四），看不出身份证号和电话是谁的，姓名未读取；请改成一人一行',
        shown: '张三 李四',
      },
      ID_B,
      '13803711003',
      '3号楼',
    ]);
    expect(rows[1]!.cells).toEqual(['2', '王五', ID_A, '13803711004', null]);
  });

  it('three people, two ID numbers, names after the numbers: never a guess; one name written twice is one person', () => {
    const rows = entries([`1. 张三、李四、王五 ${ID_A}`, `2. ${ID_A} 张三 ${ID_B} 李四`, `3. 赵六 赵六 ${ID_B}`].join('\n'));
    expect(rows[0]!.cells[1]).toMatchObject({ problem: expect.stringContaining('有 3 个像姓名的词（张三、李四、王五）') });
    expect(rows[1]!.cells[1]).toMatchObject({ shown: '张三 李四' });
    expect(rows[2]!.cells.slice(1, 3)).toEqual(['赵六', ID_B]);
  });

  it('a line of 20,000 names (a crafted paste): the reason names five and says how many, the cell is cut to a cell’s size', () => {
    const given = '一二三四五六七八九十天地人和平春夏秋冬月';
    const names = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范']
      .flatMap((s) => [...given].flatMap((a) => [...given].map((b) => s + a + b)))
      .slice(0, 20_000);
    const cell = entries(`1. ${names.join(' ')} ${ID_A}`)[0]!.cells[1] as { problem: string; shown: string };
    expect(cell.problem).toBe(`这一行有 20000 个像姓名的词（${names.slice(0, 5).join('、')} 等），看不出身份证号和电话是谁的，姓名未读取；请改成一人一行`);
    expect(cell.shown).toMatch(/^王一一 王一二 .*…（已截断）$/);
  });

  it('lists as communities send them (relations, addresses, notes, places, 「+1」, nicknames, parentheses) read the names they did', () => {
    expect(namesOf(RETURNEES)).toEqual(RETURNEES.names);
    expect(namesOf(OBSERVATION)).toEqual(OBSERVATION.names);
    // Each line keeps its own ID number and phone, and what is not a name stays in 其他内容 as written.
    const r = entries(RETURNEES.text);
    expect(r[1]!.cells).toEqual(['2', '李秀英', expect.stringMatching(/^410105/), '13803711002', '母亲 3号楼2单元 居家', null]);
    // The place beside the name is the line's 来源地 (session 31), not part of 其他内容.
    expect(r[10]!.cells.slice(4)).toEqual(['阿姨 高风险', '郑州']);
    expect(r[3]!.cells.slice(4)).toEqual(['东三街12号', '黄冈']);
    // Two lines read better than before: a note or a place written before the name was taken as the name (居家, 武汉).
    expect(entries(OBSERVATION.text)[2]!.cells.slice(1)).toEqual(['马丽', expect.any(String), '13803711023', null, '武汉']);
  });

  it('preview and commit: the two-person line is sent back naming both, the rest of the list is written', async () => {
    const text = RETURNEES.text.replace(/^1\. 张三 /m, '1. 张三 李四 ');
    const mapping = [null, 'name', 'idNumber', 'phone', 'address'];
    const constants = { community: '东风社区', category: '返程人员' };
    const pre = await L.t.call('import.preview', { text, target: 'cases', mapping, constants });
    const line = text.split('\n').findIndex((l) => l.startsWith('1. ')) + 1;
    const sentBack = pre.rejected.find((r) => r.rowNumber === line)!;
    expect(sentBack.reasons).toEqual([{ field: '姓名', message: expect.stringContaining('（张三、李四）') }]);
    expect(sentBack.cells[1]).toBe('张三 李四');
    // The lines without a name (「吴九（毛毛）」, 「蒋芳+1」) are sent back as before; the other eleven people are written.
    expect(pre.counts).toMatchObject({ total: 14, rejected: 3, created: 11 });
    const done = await L.t.call('import.commit', { text, target: 'cases', mapping, constants, previewId: pre.previewId });
    expect(done.counts).toMatchObject({ created: 11, rejected: 3 });
    const written = residentsOf(L.t);
    expect(written.map((r) => r.name)).toEqual(RETURNEES.names.filter((n) => n !== null && n !== '张三'));
    // The line's ID number went to nobody.
    const lineId = entries(text)[0]!.cells[2];
    expect(written.filter((r) => r.id_number === lineId)).toEqual([]);
  });

  it('the place beside a name is the 接龙’s 来源地 column, mapped as 来源地 for 个案 and stored as the case’s (session 31)', async () => {
    const ins = await L.t.call('import.inspect', { text: RETURNEES.text, target: 'cases' });
    expect(ins.headers).toEqual(['序号', '姓名', '身份证号', '联系电话', '其他内容', '来源地']);
    expect(ins.mapping).toEqual([null, 'name', 'idNumber', 'phone', null, 'origin']);
    const mapping = [null, 'name', 'idNumber', 'phone', 'address', 'origin'];
    const constants = { community: '东风社区', category: '返程人员' };
    const pre = await L.t.call('import.preview', { text: RETURNEES.text, target: 'cases', mapping, constants });
    await L.t.call('import.commit', { text: RETURNEES.text, target: 'cases', mapping, constants, previewId: pre.previewId });
    const rows = (await L.t.call('cases.list', {})).rows;
    expect(rows.find((r) => r.name === '赵六')).toMatchObject({ origin: '黄冈' });
    expect(rows.find((r) => r.name === '王五')).toMatchObject({ origin: '武汉' });
    expect(rows.find((r) => r.name === '张三')!.origin).toBeNull();
    // A list with no place in it keeps its five columns.
    expect((await L.t.call('import.inspect', { text: '1. 张三 13803711002 3号楼', target: 'cases' })).headers).toHaveLength(5);
  });
});
