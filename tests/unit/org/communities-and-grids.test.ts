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

  // The three settings saves share one writer of their audit (save-audited.ts): what each records, and the refusal of an unknown id.
  it('audits each save with the record read back (before and after on a change) and refuses an unknown id as NOT_FOUND: communities, grids, supply items', async () => {
    t = await openTestLedger();
    const c = await t.call('org.communities.save', { name: '幸福社区', households: 10 });
    const c2 = await t.call('org.communities.save', { id: c.id, name: '幸福社区', households: 12 });
    const g = await t.call('org.grids.save', { communityId: c.id, name: '第一网格' });
    const g2 = await t.call('org.grids.save', { id: g.id, communityId: c.id, name: '第一网格', households: 5 });
    const item = await t.call('supplies.items.save', { name: '隔离衣', unit: '件', packSize: 10, safetyDays: 5 });
    const item2 = await t.call('supplies.items.save', {
      id: item.id,
      name: item.name,
      unit: item.unit,
      packSize: item.packSize,
      safetyDays: 6,
      active: item.active,
    });
    const rows = (entity: string) =>
      (
        t.core.services.ledger
          .handle()
          .prepare(`SELECT entity_id AS id, before_json AS before, after_json AS after FROM audit_log WHERE entity = @entity ORDER BY id`)
          .all({ entity }) as Array<{ id: string; before: string | null; after: string }>
      ).map((r) => ({ id: Number(r.id), before: r.before === null ? null : JSON.parse(r.before), after: JSON.parse(r.after) }));
    expect(rows('community')).toEqual([
      { id: c.id, before: null, after: JSON.parse(JSON.stringify(c)) },
      { id: c.id, before: JSON.parse(JSON.stringify(c)), after: JSON.parse(JSON.stringify(c2)) },
    ]);
    expect(rows('grid')).toEqual([
      { id: g.id, before: null, after: JSON.parse(JSON.stringify(g)) },
      { id: g.id, before: JSON.parse(JSON.stringify(g)), after: JSON.parse(JSON.stringify(g2)) },
    ]);
    expect(rows('supply_item')).toEqual([
      { id: item.id, before: null, after: JSON.parse(JSON.stringify(item)) },
      { id: item.id, before: JSON.parse(JSON.stringify(item)), after: JSON.parse(JSON.stringify(item2)) },
    ]);
    expect(await t.fail('org.communities.save', { id: 999, name: '和平社区' })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await t.fail('org.grids.save', { id: 999, communityId: c.id, name: '第二网格' })).message).toContain('这个网格');
    expect((await t.fail('supplies.items.save', { id: 999, name: '手套', unit: '副', packSize: 1, safetyDays: 1 })).message).toContain('这个物资品种');
  });

  it('lets viewers read but not write', async () => {
    t = await openTestLedger();
    const viewer = await t.sessionAs('viewer');
    expect(await t.call('org.communities.list', {}, viewer)).toEqual([]);
    expect((await t.fail('org.communities.save', { name: '和平社区' }, viewer)).code).toBe('FORBIDDEN');
  });
});
