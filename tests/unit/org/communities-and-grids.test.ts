import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

describe('communities and grids', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  it('adds communities and grids with counts, listed with their grid count', async () => {
    t = await openTestLedger();
    const c = await t.call('org.communities.save', { name: '杨庄村', kind: '村', households: 800, population: 2100 });
    await t.call('org.grids.save', { communityId: c.id, name: '第一网格', households: 400 });
    await t.call('org.grids.save', { communityId: c.id, name: '第二网格', households: 400 });
    expect(await t.call('org.communities.list', {})).toEqual([{ id: c.id, name: '杨庄村', kind: '村', households: 800, population: 2100, gridCount: 2 }]);
    expect((await t.call('org.grids.list', { communityId: c.id })).map((g) => g.name)).toEqual(['第一网格', '第二网格']);
  });

  it('refuses duplicates, unknown communities and bad numbers with Chinese messages naming the field', async () => {
    t = await openTestLedger();
    const c = await t.call('org.communities.save', { name: '幸福社区' });
    expect((await t.fail('org.communities.save', { name: '幸福社区' })).code).toBe('CONFLICT');
    await t.call('org.grids.save', { communityId: c.id, name: '第一网格' });
    expect((await t.fail('org.grids.save', { communityId: c.id, name: '第一网格' })).message).toContain('第一网格');
    const unknown = await t.fail('org.grids.save', { communityId: 42, name: '第九网格' });
    expect(unknown).toMatchObject({ code: 'BAD_INPUT' });
    expect(unknown.message).toContain('社区');
    const negative = await t.fail('org.communities.save', { name: '和平社区', households: -1 });
    expect(negative.code).toBe('BAD_INPUT');
    expect(negative.message).toContain('「户数」');
    const empty = await t.fail('org.communities.save', { name: '  ' });
    expect(empty.message).toContain('「名称」不能为空');
  });

  it('lets viewers read but not write', async () => {
    t = await openTestLedger();
    const viewer = await t.sessionAs('viewer');
    expect(await t.call('org.communities.list', {}, viewer)).toEqual([]);
    expect((await t.fail('org.communities.save', { name: '和平社区' }, viewer)).code).toBe('FORBIDDEN');
  });
});
