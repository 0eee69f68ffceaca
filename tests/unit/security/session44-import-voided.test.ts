/**
 * The thirtieth attack run (session 44), target 2: the 个案 import and 作废登记 (8db2f3b3, 841114cd case-match.ts).
 * The ledger check refuses a row that names a voided case; these are the routes around it: the case voided in another
 * window between the preview and the commit (the commit takes the preview's checked rows and only matches again), and a
 * row naming the voided case by its 返程日期 alone.
 */
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeXlsx } from '../import/files';

// The test clock stands at 2020-02-17; 张伟 is in 东风社区.
const ID_A = makeIdNumber('410102', '1975-04-02', 11);
const HEAD = ['姓名', '身份证号码', '人员类别', '开始日期', '观察天数', '备注'];

const L = useImportLedger();
beforeEach(() => L.t.call('residents.save', { communityId: L.org.dongfeng, name: '张伟', idNumber: ID_A }));
const cases = () => L.db().prepare('SELECT id, obs_start_on AS start, notes, voided_at IS NOT NULL AS voided FROM cases ORDER BY id').all();

async function previewed(name: string, head: string[], rows: (string | number)[][], onDuplicate: 'skip' | 'update' = 'skip') {
  const path = await writeXlsx(join(L.dir, name), [{ name: '登记', rows: [head, ...rows] }]);
  const ins = await L.t.call('import.inspect', { path, target: 'cases' });
  const input = { path, target: 'cases' as const, mapping: ins.mapping, onDuplicate };
  const pre = await L.t.call('import.preview', input);
  return { input, pre };
}

describe('S44-A4: the case voided in another window between the import’s preview and its commit', () => {
  it('the commit neither writes onto the voided case nor registers it again', async () => {
    const first = await previewed('东风社区居家观察.xlsx', HEAD, [['张伟', ID_A, '居家观察', '2020-02-10', 14, '']]);
    await L.t.call('import.commit', { ...first.input, previewId: first.pre.previewId });
    const [obs] = cases() as { id: number }[];
    // The clerk previews the community's next sheet (a note added), 与台账重复时 更新: 更新 1.
    const again = await previewed('东风社区居家观察-续.xlsx', HEAD, [['张伟', ID_A, '居家观察', '2020-02-10', 14, '已上门核实']], 'update');
    expect(again.pre.counts).toMatchObject({ updated: 1, created: 0, rejected: 0 });
    // Meanwhile, in another window, the case is voided as a duplicate of another community's.
    const other = await L.t.sessionAs('clerk', 'clerk2');
    await L.t.call('cases.void', { caseId: obs!.id, kind: 'duplicate', reason: '与和平社区报表重复' }, other);
    const done = await L.t.raw('import.commit', { ...again.input, previewId: again.pre.previewId });
    // Before: done, 新增 1: the voided case registered again beside it (same start, the note), a second case counted.
    expect(done.ok === false ? done.error : done).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^第 2 行：「开始日期」.*2020-02-10 开始的「居家观察」个案已作废/),
    });
    expect(cases()).toEqual([{ id: obs!.id, start: '2020-02-10', notes: null, voided: 1 }]);
  }, 60_000);
});

describe('a returnee’s row naming the voided case by its 返程日期 alone (no 开始日期 column)', () => {
  it('is refused naming the row’s field, not registered again', async () => {
    const head = ['姓名', '身份证号码', '人员类别', '返程日期', '备注'];
    const first = await previewed('返程.xlsx', head, [['张伟', ID_A, '返程人员', '2020-02-12', '']]);
    await L.t.call('import.commit', { ...first.input, previewId: first.pre.previewId });
    const [c] = cases() as { id: number }[];
    await L.t.call('cases.void', { caseId: c!.id, kind: 'mistake', reason: '' });
    const again = await previewed('返程-再报.xlsx', head, [['张伟', ID_A, '返程人员', '2020-02-12', '再报']]);
    expect(again.pre.counts).toMatchObject({ rejected: 1, created: 0, updated: 0 });
    expect(again.pre.rejected[0]!.reasons[0]!.message).toContain('已作废');
  }, 60_000);
});

describe('the voided case and the person registered again on the same start day', () => {
  it('a row of that start updates the live case; the voided one is left as it was', async () => {
    const first = await previewed('东风社区居家观察.xlsx', HEAD, [['张伟', ID_A, '居家观察', '2020-02-10', 14, '']]);
    await L.t.call('import.commit', { ...first.input, previewId: first.pre.previewId });
    const [gone] = cases() as { id: number }[];
    await L.t.call('cases.void', { caseId: gone!.id, kind: 'mistake', reason: '' });
    const residentId = L.db().prepare('SELECT resident_id FROM cases WHERE id = @id').pluck().get({ id: gone!.id }) as number;
    const live = await L.t.call('cases.open', { residentId, category: 'home_observation', obsStartOn: '2020-02-10' });
    const again = await previewed('东风社区居家观察-续.xlsx', HEAD, [['张伟', ID_A, '居家观察', '2020-02-10', 14, '已上门核实']], 'update');
    expect(again.pre.counts).toMatchObject({ updated: 1, created: 0, rejected: 0 });
    await L.t.call('import.commit', { ...again.input, previewId: again.pre.previewId });
    expect(cases()).toEqual([
      { id: gone!.id, start: '2020-02-10', notes: null, voided: 1 },
      { id: live.id, start: '2020-02-10', notes: '已上门核实', voided: 0 },
    ]);
  }, 60_000);
});
