import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isHeadRelation } from '../../../electron/core/io/import/targets/household-heads';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeCsv } from './files';

const L = useImportLedger();
const heads = () =>
  L.db().prepare(`SELECT address_text AS address, head_name AS head FROM households ORDER BY id`).all() as { address: string; head: string | null }[];
const HEADER = ['社区', '姓名', '与户主关系', '住址'];

async function preview(name: string, rows: (string | number)[][]) {
  const path = writeCsv(join(L.dir, name), rows, 'gbk');
  const ins = await L.t.call('import.inspect', { path, target: 'residents' });
  const pre = await L.t.call('import.preview', { path, target: 'residents', mapping: ins.mapping });
  return { path, mapping: ins.mapping, pre };
}

describe('户主 from 与户主关系', () => {
  it('reads the words communities write: the head himself, not the head’s wife or son', () => {
    for (const w of ['本人', '户主', ' 户主（本人） ', '户主本人', '本人(户主)']) expect(isHeadRelation(w), w).toBe(true);
    for (const w of ['户主之妻', '之妻', '妻', '夫', '配偶', '长子', '次女', '孙子', '父母', '子女', '', null])
      expect(isHeadRelation(w), String(w)).toBe(false);
  });

  it('makes the 本人 row the household head, also when the members come first, and shows it in the preview', async () => {
    const { path, mapping, pre } = await preview('heads.csv', [
      HEADER,
      ['东风社区', '刘芳', '之妻', '平房区1号'],
      ['东风社区', '张小明', '长子', '平房区1号'],
      ['东风社区', '张伟', '户主', '平房区1号'],
      ['东风社区', '王五', '本人', '平房区2号'],
      ['东风社区', '赵六', '配偶', '平房区3号'],
    ]);
    expect(mapping).toContain('relation');
    expect(pre.counts).toMatchObject({ created: 5, rejected: 0 });
    expect(pre.sample.map((s) => s.shown['户主'] ?? '')).toEqual(['张伟', '张伟', '张伟（本人）', '王五（本人）', '']);
    await L.t.call('import.commit', { path, target: 'residents', mapping, previewId: pre.previewId });
    expect(heads()).toEqual([
      { address: '平房区1号', head: '张伟' },
      { address: '平房区2号', head: '王五' },
      { address: '平房区3号', head: null },
    ]);
  });

  it('sends back a second head at one address and a head the ledger records otherwise, naming the row’s person', async () => {
    const first = await preview('first.csv', [HEADER, ['东风社区', '李四', '本人', '平房区5号']]);
    await L.t.call('import.commit', { path: first.path, target: 'residents', mapping: first.mapping, previewId: first.pre.previewId });
    const { pre } = await preview('conflict.csv', [
      HEADER,
      ['东风社区', '张伟', '本人', '平房区1号'],
      ['东风社区', '刘芳', '户主', '平房区1号'],
      ['东风社区', '王五', '本人', '平房区5号'],
    ]);
    expect(pre.counts).toMatchObject({ created: 1, rejected: 2 });
    const why = Object.fromEntries(pre.rejected.map((r) => [r.rowNumber, r.reasons.map((x) => `${x.field}:${x.message}`).join('|')]));
    expect(why[3]).toContain('与户主关系:同一住址前面已有户主「张伟」');
    expect(why[3]).toContain('刘芳');
    expect(why[4]).toContain('台账中这一住址的户主是「李四」');
    expect(why[4]).toContain('王五');
  });

  it('names the head of a household the ledger has without one, and audits it', async () => {
    const first = await preview('first.csv', [HEADER, ['东风社区', '刘芳', '之妻', '平房区7号']]);
    await L.t.call('import.commit', { path: first.path, target: 'residents', mapping: first.mapping, previewId: first.pre.previewId });
    expect(heads()).toEqual([{ address: '平房区7号', head: null }]);
    const second = await preview('second.csv', [
      ['社区', '姓名', '身份证号', '与户主关系', '住址'],
      ['东风社区', '张伟', makeIdNumber('420106', '1956-11-08', 31), '户主', '平房区7号'],
    ]);
    await L.t.call('import.commit', { path: second.path, target: 'residents', mapping: second.mapping, previewId: second.pre.previewId });
    expect(heads()).toEqual([{ address: '平房区7号', head: '张伟' }]);
    const audited = L.db().prepare(`SELECT after_json AS after FROM audit_log WHERE entity = 'household' ORDER BY id DESC LIMIT 1`).get() as { after: string };
    expect(audited.after).toContain('张伟');
    expect(await L.t.call('audit.verify', {})).toMatchObject({ intact: true });
  });

  it('names the head from a row that is otherwise unchanged, and leaves a re-import of the same rows unchanged', async () => {
    const ID = makeIdNumber('420106', '1956-11-08', 31);
    const plain = await preview('plain.csv', [
      ['社区', '姓名', '身份证号', '住址'],
      ['东风社区', '张伟', ID, '平房区8号'],
    ]);
    await L.t.call('import.commit', { path: plain.path, target: 'residents', mapping: plain.mapping, previewId: plain.pre.previewId });
    const rows = [
      ['社区', '姓名', '身份证号', '与户主关系', '住址'],
      ['东风社区', '张伟', ID, '户主', '平房区8号'],
    ];
    const withHead = await preview('head.csv', rows);
    expect(withHead.pre.counts).toMatchObject({ unchanged: 0, rejected: 0 });
    const path = withHead.path;
    const pre = await L.t.call('import.preview', { path, target: 'residents', mapping: withHead.mapping, onDuplicate: 'update' });
    expect(pre.counts).toMatchObject({ updated: 1 });
    await L.t.call('import.commit', { path, target: 'residents', mapping: withHead.mapping, onDuplicate: 'update', previewId: pre.previewId });
    expect(heads()).toEqual([{ address: '平房区8号', head: '张伟' }]);
    const again = await preview('head-again.csv', [...rows, ['东风社区', '刘芳', '', '妻', '平房区8号']]);
    expect(again.pre.counts).toMatchObject({ unchanged: 1, created: 1 });
  });
});
