import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useImportLedger, writeCsv, writeXlsx } from './files';

const L = useImportLedger();
const HEADER = ['社区', '姓名', '与户主关系', '住址'];
const HEAD_ROW = ['东风社区', '张伟', '户主', '平房区1号'];
const heads = () => L.db().prepare(`SELECT address_text AS address, head_name AS head FROM households`).all();

async function importAll(path: string) {
  const ins = await L.t.call('import.inspect', { path, target: 'residents' });
  const pre = await L.t.call('import.preview', { path, target: 'residents', mapping: ins.mapping });
  await L.t.call('import.commit', { path, target: 'residents', mapping: ins.mapping, previewId: pre.previewId });
  return { ins, pre };
}

describe('a sheet whose only data row has a 「户主」 cell', () => {
  it('reads that row as data, not as the lower half of the header (CSV)', async () => {
    const { ins, pre } = await importAll(writeCsv(join(L.dir, '一户.csv'), [HEADER, HEAD_ROW], 'gbk'));
    expect(ins.headerRows).toEqual([1]);
    expect(ins.headers).toEqual(HEADER);
    expect(ins.mapping).toEqual(['community', 'name', 'relation', 'address']);
    expect(pre.counts).toMatchObject({ total: 1, created: 1, rejected: 0 });
    expect(heads()).toEqual([{ address: '平房区1号', head: '张伟' }]);
  });

  it('reads that row as data under a title row too, and a first data row like it in a longer sheet (xlsx)', async () => {
    const one = await writeXlsx(join(L.dir, '一户.xlsx'), [{ name: '户籍', rows: [['东风社区住户登记表'], HEADER, HEAD_ROW], merges: ['A1:D1'] }]);
    const { ins, pre } = await importAll(one);
    expect(ins.headerRows).toEqual([2]);
    expect(ins.headers).toEqual(HEADER);
    expect(pre.counts).toMatchObject({ total: 1, created: 1 });
    const two = await writeXlsx(join(L.dir, '两户.xlsx'), [
      { name: '户籍', rows: [HEADER, ['东风社区', '王五', '户主', '平房区2号'], ['东风社区', '赵六', '配偶', '平房区2号']] },
    ]);
    const second = await importAll(two);
    expect(second.ins.headerRows).toEqual([1]);
    expect(second.pre.counts).toMatchObject({ total: 2, created: 2 });
    expect(heads()).toEqual([
      { address: '平房区1号', head: '张伟' },
      { address: '平房区2号', head: '王五' },
    ]);
  });

  it('still joins a lower header row that fills the columns under a merged parent, with one data row under it', async () => {
    const path = await writeXlsx(join(L.dir, '两行表头.xlsx'), [
      {
        name: '户籍',
        rows: [
          ['姓名', '与户主关系', '联系方式', null],
          [null, null, '手机', '住址'],
          ['张伟', '户主', '', '平房区1号'],
        ],
        merges: ['A1:A2', 'B1:B2', 'C1:D1'],
      },
    ]);
    const ins = await L.t.call('import.inspect', { path, target: 'residents' });
    expect(ins.headerRows).toEqual([1, 2]);
    expect(ins.headers).toEqual(['姓名', '与户主关系', '联系方式/手机', '联系方式/住址']);
  });
});
