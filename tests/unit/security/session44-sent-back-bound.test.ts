/**
 * The thirtieth attack run (session 44), target 3: cells.ts MAX_SENT_BACK_CHARS (S43-A4) bounds the text of a file's
 * refused rows. Does a real community file fit under it? Measured on the preview's own rows sent back (cells as written
 * and the reasons, as pipeline.ts counts them): a 14-column 返程人员 form, every row refused for a real reason (the ID
 * column saved by Excel as a number; the residents not yet imported), times 100,000 rows.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { MAX_SENT_BACK_CHARS } from '../../../electron/core/io/import/cells';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeCsv } from '../import/files';

const L = useImportLedger();
const HEAD = ['序号', '姓名', '性别', '身份证号码', '联系电话', '人员类别', '开始日期', '观察天数', '始发地', '返程日期', '交通方式', '住址', '来源', '备注'];
// 51 characters: a note as communities write them.
const NOTE = '自湖北省武汉市返回，同行家属2人，已落实居家观察措施，每日两次测温，社区网格员、医生、民警三方包保';
const ROWS = 500;

it.each([
  ['the ID column saved by Excel as a number', () => '4.10102E+17'],
  ['the residents not imported yet', (i: number) => makeIdNumber('410102', '1975-04-02', i)],
])(
  'a 100,000-row form refused whole (%s) keeps under the bound',
  async (why, idOf) => {
    const rows = Array.from({ length: ROWS }, (_, i) => [
      String(i + 1),
      '欧阳建华',
      '男',
      idOf(i),
      '13812345678',
      '居家观察',
      '2020-02-10',
      '14',
      '湖北省武汉市江汉区',
      '2020-02-09',
      '火车 G1234',
      '幸福小区3号楼2单元101室',
      '社区排查',
      NOTE,
    ]);
    const path = writeCsv(join(L.dir, `${why}.csv`), [HEAD, ...rows], 'utf-8-bom');
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    const pre = await L.t.call('import.preview', { path, target: 'cases', mapping: ins.mapping });
    expect(pre.counts).toMatchObject({ total: ROWS, rejected: ROWS });
    const kept = pre.rejected.reduce((n, r) => n + r.cells.reduce((m, c) => m + c.length, 0) + r.reasons.reduce((m, x) => m + x.message.length, 0), 0);
    // Measured 6 December 2026: 224 characters a row (Excel), 219 (not imported): 22.4 million for 100,000 rows, 75 % of the bound.
    expect((kept / ROWS) * 100_000).toBeLessThan(MAX_SENT_BACK_CHARS * 0.8);
  },
  120_000,
);
