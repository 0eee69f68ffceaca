/**
 * The thirty-second attack run (session 46), target 3: session 45's refusal to move a grid in use to another community
 * (org/handlers.ts refuseMovingUsedGrid) and S45-A5's re-check in the 居民 import. Other roads to households in a grid
 * of another community: the 个案 import registering new residents across the same race, a household edit naming a grid
 * of another community, and a community renamed.
 */
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger } from '../import/files';

const L = useImportLedger();
const gridNamed = (name: string) => L.db().prepare(`SELECT id FROM grids WHERE name = ?`).pluck().get(name) as number;
/** Households whose grid is another community's: off every coverage line (S45-A1's state). */
const split = () => L.db().prepare(`SELECT count(*) FROM households h JOIN grids g ON g.id = h.grid_id WHERE g.community_id <> h.community_id`).pluck().get();

describe('a grid moved between a 个案 import’s preview and its commit', () => {
  it('the commit registers no new resident in a grid of another community', async () => {
    const text = ['社区\t网格\t姓名\t身份证号\t住址', `东风社区\t一网格\t张伟\t${makeIdNumber('420106', '1975-04-02', 11)}\t幸福小区1栋101室`].join('\n');
    const mapping = ['community', 'grid', 'name', 'idNumber', 'address'];
    const constants = { category: '返程人员' };
    const clerk = await L.t.sessionAs('clerk', 'clerk1');
    const pre = await L.t.call('import.preview', { text, target: 'cases', mapping, constants }, clerk);
    expect(pre.counts).toMatchObject({ created: 1, rejected: 0 });
    await L.t.call('org.grids.save', { id: gridNamed('一网格'), communityId: L.org.xingfu, name: '一网格' });
    const done = await L.t.raw('import.commit', { text, target: 'cases', mapping, constants, previewId: pre.previewId }, clerk);
    expect([done.ok, split()]).toEqual([false, 0]);
    expect(done.ok ? '' : done.error.message).toContain('一网格属于幸福村');
  }, 60_000);
});

describe('a household edit naming a grid of another community', () => {
  it('is refused naming 网格; the household stays where it was', async () => {
    const grid = gridNamed('一网格');
    const xgrid = (await L.t.call('org.grids.save', { communityId: L.org.xingfu, name: '村一组' })).id;
    const h = await L.t.call('households.save', { communityId: L.org.dongfeng, gridId: grid, addressText: '幸福小区1栋101室' });
    const clerk = await L.t.sessionAs('clerk', 'clerk1');
    const e = await L.t.fail('households.save', { id: h.id, communityId: L.org.dongfeng, gridId: xgrid, addressText: '幸福小区1栋101室' }, clerk);
    expect([e.code, e.message]).toEqual(['BAD_INPUT', expect.stringContaining('「网格」')]);
    expect(split()).toBe(0);
    // The grid itself, now in use, keeps its community.
    expect((await L.t.fail('org.grids.save', { id: grid, communityId: L.org.xingfu, name: '一网格' })).code).toBe('CONFLICT');
  }, 60_000);
});
