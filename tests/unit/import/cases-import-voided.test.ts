/**
 * The same community sheet imported again after a case was voided (作废登记): the voided case is neither written to nor
 * registered again; the row is refused naming 开始日期 and saying how to go on. A row for a new start still registers.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeXlsx } from './files';

// The test clock stands at 2020-02-17.
const ID_A = makeIdNumber('410102', '1975-04-02', 11);
const HEAD = ['姓名', '身份证号码', '人员类别', '开始日期', '观察天数', '备注'];

let t: TestLedger;
let dir: string;
const db = () => t.core.services.ledger.handle();
const cases = () => db().prepare('SELECT id, obs_start_on AS start, notes, voided_at IS NOT NULL AS voided FROM cases ORDER BY id').all();

beforeEach(async () => {
  t = await openTestLedger();
  const org = await seedOrg(t);
  dir = scratch();
  await t.call('residents.save', { communityId: org.dongfeng, name: '张伟', idNumber: ID_A });
});
afterEach(() => t.close());

async function importRows(name: string, rows: (string | number)[][]) {
  const path = await writeXlsx(join(dir, name), [{ name: '登记', rows: [HEAD, ...rows] }]);
  const ins = await t.call('import.inspect', { path, target: 'cases' });
  const pre = await t.call('import.preview', { path, target: 'cases', mapping: ins.mapping });
  const done = await t.call('import.commit', { path, target: 'cases', mapping: ins.mapping, previewId: pre.previewId });
  return { pre, done };
}

describe('cases import after 作废登记', () => {
  it('refuses the row that would register or change a voided case again, in words; a new start still registers', async () => {
    const first = await importRows('东风社区居家观察.xlsx', [['张伟', ID_A, '居家观察', '2020-02-10', 14, '']]);
    expect(first.done.counts).toMatchObject({ created: 1 });
    const [obs] = cases() as { id: number }[];
    await t.call('cases.void', { caseId: obs!.id, kind: 'duplicate', reason: '与和平社区报表重复' });

    // The same sheet, and the same row with a note changed: before, the first registered nothing new but matched the
    // voided case, and the second wrote the note onto it.
    for (const note of ['', '再次上报']) {
      const again = await importRows(`东风社区居家观察-${note || '原表'}.xlsx`, [['张伟', ID_A, '居家观察', '2020-02-10', 14, note]]);
      expect(again.pre.counts).toMatchObject({ total: 1, rejected: 1, created: 0, updated: 0 });
      expect(again.pre.rejected[0]!.reasons[0]).toMatchObject({ field: '开始日期' });
      expect(again.pre.rejected[0]!.reasons[0]!.message).toContain('2020-02-10 开始的「居家观察」个案已作废');
      expect(again.pre.rejected[0]!.reasons[0]!.message).toContain('撤销作废');
    }
    // No date in the row: the open voided case is the one it names, not a second case.
    const undated = await importRows('东风社区-无日期.xlsx', [['张伟', ID_A, '居家观察', '', '', '']]);
    expect(undated.pre.counts).toMatchObject({ rejected: 1, created: 0 });
    expect(cases()).toEqual([{ id: obs!.id, start: '2020-02-10', notes: null, voided: 1 }]);

    // Another start is another registration: it is made, and the voided case stays as it was.
    const later = await importRows('东风社区-新一次.xlsx', [['张伟', ID_A, '居家观察', '2020-02-16', 14, '']]);
    expect(later.done.counts).toMatchObject({ created: 1, rejected: 0 });
    expect(cases()).toEqual([
      { id: obs!.id, start: '2020-02-10', notes: null, voided: 1 },
      { id: expect.any(Number), start: '2020-02-16', notes: null, voided: 0 },
    ]);
  });
});
