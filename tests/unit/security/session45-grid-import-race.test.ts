/**
 * The thirty-first attack run (session 45), S45-A1's fix raced: the grid is empty when the coordinator moves it, but a
 * clerk's import previewed before the move holds rows for it. The commit must not write households whose grid is now
 * another community's (the state S45-A1 refused to make). S45-A5: it did (resident-bulk.ts wrote the preview's checked
 * grid without asking again); now a commit whose rows were not prepared on the unchanged ledger asks, naming the row.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeCsv } from '../import/files';

const L = useImportLedger();
const MAPPING = ['community', 'grid', 'name', 'idNumber', 'address'];

describe('a grid moved between an import’s preview and its commit', () => {
  it('the commit does not leave households in a grid of another community', async () => {
    const path = writeCsv(
      join(L.dir, '东风社区一网格.csv'),
      [
        ['社区', '网格', '姓名', '身份证号', '住址'],
        ['东风社区', '一网格', '张伟', makeIdNumber('420106', '1975-04-02', 11), '幸福小区1栋101室'],
      ],
      'utf-8-bom',
    );
    const clerk = await L.t.sessionAs('clerk', 'clerk1');
    const pre = await L.t.call('import.preview', { path, target: 'residents', mapping: MAPPING }, clerk);
    expect(pre.counts).toMatchObject({ created: 1, rejected: 0 });
    const grid = L.db().prepare(`SELECT id FROM grids WHERE name = '一网格'`).pluck().get() as number;
    await L.t.call('org.grids.save', { id: grid, communityId: L.org.xingfu, name: '一网格' });
    const done = await L.t.raw('import.commit', { path, target: 'residents', mapping: MAPPING, previewId: pre.previewId }, clerk);
    // Before: done, 新增 1, and the household in 东风社区 with a grid of 幸福村 (off every coverage line).
    expect(done).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: '第 2 行：「网格」一网格属于幸福村，不属于所选社区。本次导入没有写入任何内容。' },
    });
    expect(L.db().prepare(`SELECT count(*) FROM households`).pluck().get()).toBe(0);
    expect(L.db().prepare(`SELECT count(*) FROM residents`).pluck().get()).toBe(0);
  }, 60_000);
});
