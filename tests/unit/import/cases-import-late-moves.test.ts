/**
 * A returnee sheet sent late: a row's 开始日期 is before a move its household made meanwhile. The case the import
 * registers takes the household's moves since then as its own (caseload/case-moves.repo.ts, S47-A2), as cases.open
 * does, so the forms of the days before the move list it where the household was; a row whose household was made by
 * the import itself (nothing moved) takes none.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { admitAt } from '../../helpers/ledger';
import { useImportLedger, writeXlsx } from './files';

const ID_A = makeIdNumber('410102', '1975-04-02', 11);
const ID_B = makeIdNumber('410102', '1980-06-01', 21);
const HEAD = ['社区', '姓名', '身份证号码', '人员类别', '开始日期', '观察天数'];
const l = useImportLedger();

describe('a cases import whose rows start before their household moved', () => {
  it('keeps the household’s later moves as the case’s; a household the import made has none', async () => {
    const h = (await l.t.call('households.save', { communityId: l.org.dongfeng, addressText: '东风路1号' })).id;
    await l.t.call('residents.save', { householdId: h, name: '张伟', idNumber: ID_A });
    await admitAt(l.t, '2020-02-18T02:00:00.000Z');
    await l.t.call('households.save', { id: h, communityId: l.org.xingfu, addressText: '东风路1号' });
    await admitAt(l.t, '2020-02-20T02:00:00.000Z');

    const path = await writeXlsx(join(l.dir, '返程人员.xlsx'), [
      {
        name: '登记',
        rows: [HEAD, ['幸福村', '张伟', ID_A, '居家观察', '2020-02-15', 14], ['东风社区', '李娜', ID_B, '居家观察', '2020-02-15', 14]],
      },
    ]);
    const ins = await l.t.call('import.inspect', { path, target: 'cases' });
    const pre = await l.t.call('import.preview', { path, target: 'cases', mapping: ins.mapping });
    expect((await l.t.call('import.commit', { path, target: 'cases', mapping: ins.mapping, previewId: pre.previewId })).counts).toMatchObject({ created: 2 });

    const moves = l
      .db()
      .prepare(
        `SELECT r.name, m.moved_on, m.from_community_id AS fromC, m.to_community_id AS toC
         FROM case_moves m JOIN cases c ON c.id = m.case_id JOIN residents r ON r.id = c.resident_id ORDER BY m.id`,
      )
      .all();
    expect(moves).toEqual([{ name: '张伟', moved_on: '2020-02-18', fromC: l.org.dongfeng, toC: l.org.xingfu }]);
  });
});
