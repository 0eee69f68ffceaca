import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeCsv, writeXlsx } from './files';

const L = useImportLedger();
const ID_ZHANG = makeIdNumber('420106', '1956-11-08', 31);
const ID_LIU = makeIdNumber('420106', '1958-02-14', 42);
const relations = () => L.db().prepare(`SELECT name, relation FROM residents ORDER BY id`).all() as { name: string; relation: string | null }[];

async function importFile(path: string, onDuplicate?: 'update') {
  const ins = await L.t.call('import.inspect', { path, target: 'residents' });
  const pre = await L.t.call('import.preview', { path, target: 'residents', mapping: ins.mapping, ...(onDuplicate ? { onDuplicate } : {}) });
  await L.t.call('import.commit', { path, target: 'residents', mapping: ins.mapping, previewId: pre.previewId, ...(onDuplicate ? { onDuplicate } : {}) });
  return pre;
}

describe('与户主关系 stored from a residents import', () => {
  it('stores each row’s relation, the common synonyms as one word and other words as written, and shows it in the preview', async () => {
    const path = await writeXlsx(join(L.dir, '户籍.xlsx'), [
      {
        name: '户籍',
        rows: [
          ['社区', '姓名', '身份证号', '与户主关系', '住址'],
          ['东风社区', '张伟', ID_ZHANG, '本人', '平房区1号'],
          ['东风社区', '刘芳', ID_LIU, '妻', '平房区1号'],
          ['东风社区', '张小明', '', '孙子', '平房区1号'],
          ['东风社区', '王秀英', '', '户主之母', '平房区1号'],
          ['东风社区', '赵六', '', '表侄（寄住）', '平房区1号'],
          ['东风社区', '钱七', '', '', '平房区2号'],
        ],
      },
    ]);
    const pre = await importFile(path);
    expect(pre.counts).toMatchObject({ created: 6, rejected: 0 });
    // As written, after the import's usual cell cleaning (full-width brackets read as ASCII ones, as in every text cell).
    expect(pre.sample.map((s) => s.shown['与户主关系'] ?? '')).toEqual(['户主', '配偶', '孙子', '母亲', '表侄(寄住)', '']);
    expect(relations()).toEqual([
      { name: '张伟', relation: '户主' },
      { name: '刘芳', relation: '配偶' },
      { name: '张小明', relation: '孙子' },
      { name: '王秀英', relation: '母亲' },
      { name: '赵六', relation: '表侄(寄住)' },
      { name: '钱七', relation: null },
    ]);
    const members = await L.t.call('residents.list', { filter: { householdId: 1 }, offset: 0, limit: 50 });
    expect(members.rows.find((r) => r.name === '刘芳')!.relation).toBe('配偶');
    const audited = L.db().prepare(`SELECT after_json AS after FROM audit_log WHERE entity = 'resident'`).all() as { after: string }[];
    expect(audited.some((a) => a.after.includes('配偶'))).toBe(true);
  });

  it('reads the same relation again as unchanged, a changed one as an update, and a file without the column leaves it', async () => {
    const rows = [
      ['社区', '姓名', '身份证号', '与户主关系', '住址'],
      ['东风社区', '张伟', ID_ZHANG, '户主', '平房区1号'],
      ['东风社区', '刘芳', ID_LIU, '配偶', '平房区1号'],
    ];
    await importFile(writeCsv(join(L.dir, 'first.csv'), rows, 'gbk'));
    const same = await importFile(writeCsv(join(L.dir, 'same.csv'), [rows[0]!, rows[1]!, ['东风社区', '刘芳', ID_LIU, '妻子', '平房区1号']], 'gbk'));
    expect(same.counts).toMatchObject({ unchanged: 2 });
    const changed = await importFile(writeCsv(join(L.dir, 'changed.csv'), [rows[0]!, ['东风社区', '刘芳', ID_LIU, '其他', '平房区1号']], 'gbk'), 'update');
    expect(changed.counts).toMatchObject({ updated: 1 });
    expect(relations()).toEqual([
      { name: '张伟', relation: '户主' },
      { name: '刘芳', relation: '其他' },
    ]);
    const without = await importFile(
      writeCsv(
        join(L.dir, 'without.csv'),
        [
          ['社区', '姓名', '身份证号', '住址'],
          ['东风社区', '刘芳', ID_LIU, '平房区1号'],
        ],
        'gbk',
      ),
      'update',
    );
    expect(without.counts).toMatchObject({ unchanged: 1 });
    expect(relations()[1]).toEqual({ name: '刘芳', relation: '其他' });
    expect(await L.t.call('audit.verify', {})).toMatchObject({ intact: true });
  });
});
