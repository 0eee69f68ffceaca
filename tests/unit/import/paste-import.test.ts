import { mkdtempSync, writeFileSync } from 'node:fs';
import { residentsOf } from '../../helpers/sealed-residents';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePasted } from '../../../electron/core/io/import/paste';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger } from './files';
import { ADMIN } from '../../helpers/ledger';

const ID_A = makeIdNumber('410105', '1962-03-12', 17);
const ID_B = makeIdNumber('420106', '1990-07-01', 23);
const ID_C = makeIdNumber('110105', '1985-05-05', 35);

const L = useImportLedger();

const db = L.db;

/** A WeChat 接龙 as it arrives: a title, an example line, numbered entries in every spacing, a closing remark. */
const JIELONG = [
  '#接龙',
  '东风社区返程人员登记',
  '格式：姓名 身份证号 电话 住址',
  '',
  `1. 张三 ${ID_A} 13803711002 3号楼2单元`,
  `2、李四，${ID_B}，13803711003，幸福小区5栋`,
  `3．王五 ${ID_C}`,
  '4. 明天再报',
  '以上人员均已电话核实',
].join('\n');

describe('pasted lists through the same preview and commit', () => {
  it('picks names, ID numbers and phones out of a WeChat 接龙 by their shape and shows the rest as written', () => {
    const p = parsePasted(JIELONG);
    expect(p.kind).toBe('list');
    const byLine = Object.fromEntries(p.rows.map((r) => [r.rowNumber, r.cells]));
    expect(byLine[1]).toEqual(['#接龙']);
    expect(byLine[4.5]).toEqual(['序号', '姓名', '身份证号', '联系电话', '其他内容']);
    expect(byLine[5]).toEqual(['1', '张三', ID_A, '13803711002', '3号楼2单元']);
    expect(byLine[6]).toEqual(['2', '李四', ID_B, '13803711003', '幸福小区5栋']);
    expect(byLine[7]).toEqual(['3', '王五', ID_C, null, null]);
    // Not recognisable: shown, never guessed into a name.
    expect(byLine[8]).toEqual(['4', null, null, null, '明天再报']);
    expect(byLine[9]).toEqual([null, null, null, null, '以上人员均已电话核实']);
  });

  it('previews and commits a 接龙 as cases, with the community and category suggested from its title and rows it cannot read sent back', async () => {
    const ins = await L.t.call('import.inspect', { text: JIELONG, target: 'cases' });
    expect(ins).toMatchObject({ format: 'paste', fileName: '粘贴的接龙名单', headers: ['序号', '姓名', '身份证号', '联系电话', '其他内容'] });
    expect(ins.mapping).toEqual([null, 'name', 'idNumber', 'phone', null]);
    expect(ins.suggestions.map((s) => [s.field, s.value, s.from])).toEqual([
      ['category', '返程人员', 'title'],
      ['community', '东风社区', 'title'],
    ]);
    const mapping = [null, 'name', 'idNumber', 'phone', 'address'];
    const constants = { community: '东风社区', category: '返程人员' };
    const pre = await L.t.call('import.preview', { text: JIELONG, target: 'cases', mapping, constants });
    expect(pre.counts).toMatchObject({ total: 5, created: 3, rejected: 2 });
    expect(pre.rejected.map((r) => [r.rowNumber, r.reasons[0]!.field])).toEqual([
      [8, '姓名'],
      [9, '姓名'],
    ]);
    const done = await L.t.call('import.commit', { text: JIELONG, target: 'cases', mapping, constants, previewId: pre.previewId });
    expect(done.counts).toMatchObject({ created: 3, rejected: 2 });
    const phones = new Map(residentsOf(L.t).map((r) => [r.id, r.phone]));
    const people = (
      db().prepare(`SELECT r.id, r.name, c.category FROM cases c JOIN residents r ON r.id = c.resident_id ORDER BY c.id`).all() as Array<{
        id: number;
        name: string;
        category: string;
      }>
    ).map((r) => ({ name: r.name, phone: phones.get(r.id), category: r.category }));
    expect(people).toEqual([
      { name: '张三', phone: '13803711002', category: 'returnee' },
      { name: '李四', phone: '13803711003', category: 'returnee' },
      { name: '王五', phone: null, category: 'returnee' },
    ]);
    expect((await L.t.call('import.history', {})).rows[0]).toMatchObject({ fileFormat: 'paste', fileName: '粘贴的接龙名单', created: 3 });
    // Registered in one batched audit row, yet each case's own history shows who registered it and when.
    const second = (db().prepare(`SELECT id FROM cases ORDER BY id LIMIT 1 OFFSET 1`).get() as { id: number }).id;
    expect((await L.t.call('cases.get', { id: second })).timeline).toEqual([
      expect.objectContaining({ channel: 'import.commit', what: '登记返程人员个案', username: 'admin' }),
    ]);
    // The same message pasted again changes nothing.
    const again = await L.t.call('import.commit', { text: JIELONG, target: 'cases', mapping, constants });
    expect(again).toMatchObject({ importId: null });
    expect(again.alreadyImported).not.toBeNull();
    // 「已在…由 王建国 导入过」: the person as people know them, the username kept beside it for the audit.
    expect(again.alreadyImported).toMatchObject({ username: ADMIN.username, displayName: ADMIN.displayName });
    expect((await L.t.call('import.history', { offset: 0, limit: 10 })).rows[0]).toMatchObject({ username: ADMIN.username, displayName: ADMIN.displayName });
  });

  it('reads cells copied from Excel or WPS with their header row, or names the columns by shape without one', async () => {
    const withHeader = ['社区\t姓名\t身份证号\t手机', `东风社区\t张三\t${ID_A}\t13803711002`, `幸福村\t李四\t${ID_B}\t`].join('\r\n');
    const a = await L.t.call('import.inspect', { text: withHeader, target: 'residents' });
    expect(a).toMatchObject({ fileName: '粘贴的表格', headerRows: [1], mapping: ['community', 'name', 'idNumber', 'phone'] });
    const done = await L.t.call('import.commit', { text: withHeader, target: 'residents', mapping: a.mapping });
    expect(done.counts).toMatchObject({ created: 2 });

    const bare = [`1\t王五\t${ID_C}\t13803711009\t返程人员`, `2\t赵六\t${makeIdNumber('410102', '1970-01-01', 51)}\t13803711010\t返程人员`].join('\n');
    const b = await L.t.call('import.inspect', { text: bare, target: 'residents' });
    expect(b.headers).toEqual(['第1列', '姓名', '身份证号', '联系电话', '第5列']);
    expect(b.mapping).toEqual([null, 'name', 'idNumber', 'phone', null]);
    const pre = await L.t.call('import.preview', { text: bare, target: 'residents', mapping: b.mapping, constants: { community: '东风社区' } });
    expect(pre.counts).toMatchObject({ total: 2, created: 2 });
    expect(pre.sample.map((s) => s.rowNumber)).toEqual([1, 2]);
  });

  it('says so when a paste has no recognisable rows, and takes a file or a paste, not both', async () => {
    const none = await L.t.fail('import.inspect', { text: '大家好，明天上午九点开会\n收到请回复', target: 'cases' });
    expect(none.code).toBe('BAD_INPUT');
    expect(none.message).toContain('没有可识别的名单行');
    const blank = await L.t.fail('import.inspect', { text: '  \n\n', target: 'cases' });
    expect(blank.message).toContain('没有粘贴任何内容');
    // A real file the user chose (a path reaches the core only as a chosen file), beside a paste.
    const chosen = join(mkdtempSync(join(tmpdir(), 'taizhang-paste-')), 'x.csv');
    writeFileSync(chosen, '姓名\n张三\n');
    const both = await L.t.fail('import.inspect', { text: '1. 张三', path: chosen, target: 'cases' });
    expect(both.message).toContain('二者选一');
    const neither = await L.t.fail('import.preview', { target: 'cases', mapping: [] });
    expect(neither.message).toContain('二者选一');
  });
});
