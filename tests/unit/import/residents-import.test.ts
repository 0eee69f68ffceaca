import { join } from 'node:path';
import { residentsOf } from '../../helpers/sealed-residents';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber, maskIdNumber } from '../../../electron/core/people/id-number';
import { unpackBatch } from '../../../electron/core/audit/batched-entries';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeCsv, writeXlsx } from './files';

let t: TestLedger;
let dir: string;
beforeEach(async () => {
  t = await openTestLedger();
  await seedOrg(t);
  dir = scratch();
});
afterEach(() => t.close());

const ID_A = makeIdNumber('420106', '1956-11-08', 31);
const ID_B = makeIdNumber('420106', '1958-01-20', 42);
const db = () => t.core.services.ledger.handle();

describe('residents by household', () => {
  it('finds the header under a title row, over two rows with merged cells, and groups rows into households', async () => {
    const path = await writeXlsx(join(dir, '返程.xlsx'), [
      { name: '说明', rows: [['本表由社区填写']] },
      {
        name: '登记表',
        rows: [
          ['《东风社区返程人员登记表》'],
          [],
          ['序号', '所属社区', '网格', '基本信息', null, '联系方式', null],
          [null, null, null, '姓名', '公民身份号码', '手机', '家庭住址'],
          [1, '东风社区', '一网格', '张 伟', ID_A.toLowerCase().replace('x', 'x'), '１３８００１３８０００', '幸福小区3栋2单元101室'],
          [2, '东风', '一网格', '刘芳', ID_B, '13900139000', '幸福小区3栋2单元101室'],
          [3, '东风社区', '三网格', '王五', '', '', ''],
          [4, '南湖社区', '', '赵六', 4.20106195601e17, '', ''],
        ],
        merges: ['A1:G1', 'D3:E3', 'F3:G3', 'A3:A4', 'B3:B4', 'C3:C4'],
      },
    ]);
    const ins = await t.call('import.inspect', { path, target: 'residents', sheet: '登记表' });
    expect(ins.sheets).toEqual(['说明', '登记表']);
    expect(ins.headerRows).toEqual([3, 4]);
    expect(ins.mapping).toEqual([null, 'community', 'grid', 'name', 'idNumber', 'phone', 'address']);
    const pre = await t.call('import.preview', { path, target: 'residents', sheet: '登记表', mapping: ins.mapping });
    expect(pre.counts).toMatchObject({ total: 4, created: 2, rejected: 2 });
    const why = Object.fromEntries(pre.rejected.map((r) => [r.rowNumber, r.reasons.map((x) => `${x.field}:${x.message}`).join('|')]));
    expect(why[7]).toContain('三网格');
    expect(why[8]).toContain('南湖社区');
    expect(why[8]).toContain('Excel');
    await t.call('import.commit', { path, target: 'residents', sheet: '登记表', mapping: ins.mapping, previewId: pre.previewId });
    const residents = residentsOf(t).map((r) => ({ name: r.name, id: r.id_number, phone: r.phone, h: r.household_id }));
    expect(residents.map((r) => r.name)).toEqual(['张 伟', '刘芳']);
    expect(residents[0]!.id).toBe(ID_A);
    expect(residents[0]!.phone).toBe('13800138000');
    expect(residents[0]!.h).toBe(residents[1]!.h);
    expect((db().prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n).toBe(1);
  });

  it('imports a GBK CSV, rejects in-file duplicates, and counts unchanged rows on a second, different file', async () => {
    const rows = [
      ['社区', '姓名', '身份证号', '住址'],
      ['东风社区', '欧阳娜娜', ID_A, '平房区12号'],
      ['东风社区', '欧阳娜娜', ID_A, '平房区12号'],
    ];
    const path = writeCsv(join(dir, 'gbk.csv'), rows, 'gbk');
    const ins = await t.call('import.inspect', { path, target: 'residents' });
    const done = await t.call('import.commit', { path, target: 'residents', mapping: ins.mapping });
    expect(done.counts).toMatchObject({ created: 1, rejected: 1 });
    const second = writeCsv(join(dir, 'gbk2.csv'), [...rows.slice(0, 2), ['东风社区', '刘芳', ID_B, '平房区13号']], 'gbk');
    const pre = await t.call('import.preview', { path: second, target: 'residents', mapping: ins.mapping });
    expect(pre.counts).toMatchObject({ created: 1, unchanged: 1 });
  });

  it('names the earlier row of each in-file duplicate: the very same row, or the same person written differently', async () => {
    const ID_C = makeIdNumber('420106', '1960-03-03', 53);
    const rows = [
      ['社区', '姓名', '身份证号', '住址'],
      ['东风社区', '欧阳娜娜', ID_A, '平房区12号'],
      ['东风社区', '刘芳', ID_B, '平房区13号'],
      ['东风社区', '刘芳', ID_B, '平房区13号'],
      ['东风社区', '王五', ID_C, '平房区14号'],
      ['东风社区', '欧阳娜娜', ID_A, '平房区99号'],
      ['东风社区', '王五', ID_C, '平房区14号'],
    ];
    const path = writeCsv(join(dir, 'dups.csv'), rows, 'utf-8');
    const ins = await t.call('import.inspect', { path, target: 'residents' });
    const pre = await t.call('import.preview', { path, target: 'residents', mapping: ins.mapping });
    expect(pre.counts).toMatchObject({ total: 6, created: 3, rejected: 3 });
    expect(pre.rejected.map((r) => [r.rowNumber, r.reasons.map((x) => x.message).join('|')])).toEqual([
      [4, '与第 3 行完全相同（重复登记）'],
      [6, '与第 2 行是同一人（身份证号相同）但内容不同，请核对后合并为一行'],
      [7, '与第 5 行完全相同（重复登记）'],
    ]);
  });

  it("puts people at an address the ledger has into that household, also once the commit reads the community's households in one pass", async () => {
    const header = ['社区', '姓名', '身份证号', '住址'];
    const first = writeCsv(join(dir, 'first.csv'), [header, ['东风社区', '欧阳娜娜', ID_A, '平房区1号'], ['东风社区', '刘芳', ID_B, '平房区2号']], 'utf-8');
    const mapping = (await t.call('import.inspect', { path: first, target: 'residents' })).mapping;
    await t.call('import.commit', { path: first, target: 'residents', mapping });
    const before = new Map(residentsOf(t).map((r) => [r.name, r.household_id]));
    // 700 new addresses first (more than the commit looks up one at a time), then the two the ledger has, and a new one twice.
    const rows: string[][] = [header];
    for (let i = 0; i < 700; i++) rows.push(['东风社区', `新户${i}`, makeIdNumber('420106', '1970-01-01', 100 + i), `平房区${100 + i}号`]);
    rows.push(['东风社区', '同户甲', makeIdNumber('420106', '1980-01-01', 900), '平房区1号']);
    rows.push(['东风社区', '同户乙', makeIdNumber('420106', '1980-01-01', 901), '平房区2号']);
    rows.push(['东风社区', '新户丙', makeIdNumber('420106', '1980-01-01', 902), '平房区9999号']);
    rows.push(['东风社区', '新户丁', makeIdNumber('420106', '1980-01-01', 903), '平房区9999号']);
    const second = writeCsv(join(dir, 'second.csv'), rows, 'utf-8');
    const done = await t.call('import.commit', { path: second, target: 'residents', mapping });
    expect(done.counts).toMatchObject({ created: 704, rejected: 0 });
    const now = new Map(residentsOf(t).map((r) => [r.name, r.household_id]));
    expect(now.get('同户甲')).toBe(before.get('欧阳娜娜'));
    expect(now.get('同户乙')).toBe(before.get('刘芳'));
    expect(now.get('新户丙')).toBe(now.get('新户丁'));
    expect((db().prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n).toBe(2 + 700 + 1);
  });

  it('audits every imported resident as a viewer reads the row: masks and the birth year, no number in clear', async () => {
    const path = writeCsv(
      join(dir, 'audit.csv'),
      [
        ['社区', '姓名', '身份证号', '联系电话', '住址'],
        ['东风社区', '张伟', ID_A, '13800138000', '幸福小区3栋2单元101室'],
        ['东风社区', '刘芳', ID_B, '13900139000', '幸福小区3栋2单元101室'],
      ],
      'gbk',
    );
    const ins = await t.call('import.inspect', { path, target: 'residents' });
    await t.call('import.commit', { path, target: 'residents', mapping: ins.mapping });
    const rows = db().prepare(`SELECT after_json AS after FROM audit_log WHERE channel = 'import.commit' AND entity = 'resident'`).all() as { after: string }[];
    const text = rows.map((r) => r.after).join('\n');
    for (const clear of [ID_A, ID_B, '13800138000', '13900139000', '1956-11-08', '1958-01-20']) expect(text).not.toContain(clear);
    const records = rows.flatMap((r) => unpackBatch(JSON.parse(r.after)) ?? [JSON.parse(r.after)]) as Record<string, unknown>[];
    expect(records.map((r) => [r.name, r.id_number, r.phone, r.birth_year, 'birth_date' in r])).toEqual([
      ['张伟', maskIdNumber(ID_A), '138****8000', 1956, false],
      ['刘芳', maskIdNumber(ID_B), '139****9000', 1958, false],
    ]);
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true });
  });

  it('cancels a preview through import.cancel', async () => {
    const rows: (string | number)[][] = [['社区', '姓名']];
    for (let i = 0; i < 30_000; i++) rows.push(['东风社区', `居民${i}`]);
    const path = writeCsv(join(dir, 'many.csv'), rows, 'utf-8');
    const running = t.raw('import.preview', { path, target: 'residents', mapping: ['community', 'name'], jobId: 'job-1' });
    await new Promise((r) => setImmediate(r));
    await t.call('import.cancel', { jobId: 'job-1' });
    const r = await running;
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.error.code).toBe('CANCELLED');
  });

  it('lists the import history by its index', () => {
    const plan = db().prepare(`EXPLAIN QUERY PLAN SELECT id FROM import_log ORDER BY at DESC, id DESC LIMIT 100`).all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('import_log_by_at');
  });
});
