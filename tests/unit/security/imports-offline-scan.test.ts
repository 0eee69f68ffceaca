/**
 * Fourth attack run, offline: the channels added since the viewer's scan (imports of residents with
 * 与户主关系, returnee cases with 来源地 / 返程日期 / 交通方式 / 责任人, 入户排查 results, pasted lists; previews
 * left staged, rows sent back) leave no full ID number or phone where a viewer's password reaches.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openAsViewerOffline } from '../../helpers/attacker';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeCsv, writeXlsx } from '../import/files';

const HEAD_ID = makeIdNumber('410105', '1971-04-02', 311);
const SENT_BACK_ID = makeIdNumber('410105', '1974-09-18', 322);
const STAGED_ID = makeIdNumber('410105', '1980-01-30', 333);
const CASE_ID = makeIdNumber('420106', '1990-05-06', 344);
const PASTED_ID = makeIdNumber('410105', '1966-12-12', 355);
const PHONES = ['13803711101', '13803711102', '13803711103', '13803711104', '13803711105'];
const KNOWN = [HEAD_ID, SENT_BACK_ID, STAGED_ID, CASE_ID, PASTED_ID, ...PHONES];

let t: TestLedger;
beforeAll(async () => {
  t = await openTestLedger();
  await seedOrg(t);
  await t.sessionAs('viewer', 'viewer1');
  const dir = scratch();
  const header = ['社区', '姓名', '身份证号', '联系电话', '与户主关系', '住址'];
  // Committed: a head and a second 户主 at the same address, sent back (its numbers only in the rejected rows).
  const residents = writeCsv(
    join(dir, '居民.csv'),
    [header, ['东风社区', '张伟', HEAD_ID, PHONES[0]!, '户主', '平房区1号'], ['东风社区', '刘芳', SENT_BACK_ID, PHONES[1]!, '户主', '平房区1号']],
    'gbk',
  );
  const ins = await t.call('import.inspect', { path: residents, target: 'residents' });
  const pre = await t.call('import.preview', { path: residents, target: 'residents', mapping: ins.mapping });
  expect(pre.counts).toMatchObject({ created: 1, rejected: 1 });
  await t.call('import.commit', { path: residents, target: 'residents', mapping: ins.mapping, previewId: pre.previewId });
  // Previewed, never committed: what the preview staged stays in the ledger until it expires.
  const staged = writeCsv(join(dir, '待导入.csv'), [header, ['东风社区', '赵六', STAGED_ID, PHONES[2]!, '本人', '平房区2号']], 'utf-8');
  await t.call('import.preview', { path: staged, target: 'residents', mapping: ins.mapping });
  // Returnees as cases, with the new case fields.
  const returnees = await writeXlsx(join(dir, '返程.xlsx'), [
    {
      name: '返程',
      rows: [
        ['姓名', '身份证号', '联系电话', '从何地返回', '返程日期', '交通方式', '车次/航班号', '包保责任人'],
        ['陈静', CASE_ID, PHONES[3]!, '湖北省武汉市', '2020-02-10', '高铁', 'G1234', '刘网格'],
      ],
    },
  ]);
  const cins = await t.call('import.inspect', { path: returnees, target: 'cases' });
  const constants = { community: '东风社区', category: '返程人员' };
  const cpre = await t.call('import.preview', { path: returnees, target: 'cases', mapping: cins.mapping, constants });
  await t.call('import.commit', { path: returnees, target: 'cases', mapping: cins.mapping, constants, previewId: cpre.previewId });
  // A pasted list, staged by its preview.
  const text = `${header.join('\t')}\n东风社区\t孙七\t${PASTED_ID}\t${PHONES[4]!}\t本人\t平房区3号\n`;
  const pins = await t.call('import.inspect', { text, target: 'residents' });
  await t.call('import.preview', { text, target: 'residents', mapping: pins.mapping });
  await t.call('auth.lock', {}, 'viewer1');
  await t.call('auth.lock', {});
}, 120_000);
afterAll(() => t.close());

describe('imports as a viewer reads them offline', () => {
  it('no table holds a full ID number or phone the imports wrote, staged or sent back', () => {
    const db = openAsViewerOffline(t.dir);
    const found: Record<string, string> = {};
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as Array<{ name: string }>;
    for (const { name } of tables)
      for (const row of db.prepare(`SELECT * FROM "${name}"`).iterate() as Iterable<Record<string, unknown>>)
        for (const [column, value] of Object.entries(row)) {
          const text = typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('latin1') : null;
          if (text) for (const n of KNOWN) if (text.includes(n)) found[`${name}.${column}`] ??= n;
        }
    // The scan reads what the imports wrote: their names are there in clear, as a viewer sees them.
    const names = (db.prepare(`SELECT name FROM residents ORDER BY name`).all() as Array<{ name: string }>).map((r) => r.name);
    db.close();
    expect(names).toEqual(expect.arrayContaining(['张伟', '陈静']));
    expect(found).toEqual({});
  });
});
