/** The case grid's drill-down filters: open cases only, and several categories at once (正在观察 = 居家 + 医学观察). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseOrderBy, casePageIdsSql, caseWhere } from '../../../electron/core/caseload/case-queries';
import { asWriteDb } from '../../../electron/core/db/types';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice();
});
afterEach(() => o.t.close());

async function person(name: string, n: number, communityId = o.communityId) {
  const h = await o.t.call('households.save', { communityId, addressText: `幸福路${n}号` });
  return (await o.t.call('residents.save', { householdId: h.id, name, idNumber: makeIdNumber('410102', '1980-01-01', n) })).id;
}

/** 王一 居家观察, 李二 医学观察 (和平社区), 张三 返乡人员, 赵四 居家观察 已解除. */
async function seed() {
  const home = await o.t.call('cases.open', {
    residentId: await person('王一', 1),
    category: 'home_observation',
    obsStartOn: '2020-02-15',
    openedOn: '2020-02-15',
  });
  const medical = await o.t.call('cases.open', {
    residentId: await person('李二', 2, o.otherCommunityId),
    category: 'medical_observation',
    obsStartOn: '2020-02-16',
    openedOn: '2020-02-16',
  });
  const returnee = await o.t.call('cases.open', { residentId: await person('张三', 3), category: 'returnee' });
  const released = await o.t.call('cases.open', {
    residentId: await person('赵四', 4),
    category: 'home_observation',
    obsStartOn: '2020-02-10',
    openedOn: '2020-02-10',
  });
  await o.t.call('cases.transition', { caseId: released.id, to: 'released', reason: '区卫健委通知解除' });
  return { home, medical, returnee, released };
}

const names = async (filter: Record<string, unknown>) =>
  (await o.t.call('cases.list', { filter, sort: [{ field: 'name', dir: 'asc' }] })).rows.map((r) => r.name).sort();

describe('case grid drill-down filters', () => {
  it('active: only open cases (closed_on IS NULL); false: only closed ones', async () => {
    await seed();
    expect(await names({ active: true })).toEqual(['张三', '李二', '王一'].sort());
    expect(await names({ active: false })).toEqual(['赵四']);
    expect(await names({ active: true, category: 'home_observation' })).toEqual(['王一']);
    expect(await names({})).toHaveLength(4);
  });

  it('categories: 居家观察 and 医学观察 together, with the other filters', async () => {
    await seed();
    const observing = ['home_observation', 'medical_observation'] as const;
    expect(await names({ categories: observing, active: true })).toEqual(['李二', '王一'].sort());
    expect(await names({ categories: observing })).toEqual(['李二', '王一', '赵四'].sort());
    expect(await names({ categories: observing, active: true, communityId: o.communityId })).toEqual(['王一']);
    expect(await names({ categories: ['returnee', 'returnee'] })).toEqual(['张三']);
    const none = await o.t.fail('cases.list', { filter: { categories: [] } });
    expect(none.code).toBe('BAD_INPUT');
    expect(none.message).toContain('个案类别');
    expect((await o.t.fail('cases.list', { filter: { categories: ['nonsense'] } })).message).toContain('个案类别');
  });

  it('the observing list (several categories, open only) pages on an index', () => {
    const db = asWriteDb(o.t.core.services.ledger.handle());
    const plan = (sql: string, params: Record<string, unknown>) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    const w = caseWhere(db, { categories: ['home_observation', 'medical_observation'], active: true }, '2020-02-17', null);
    expect(w.sql).toContain('c.closed_on IS NULL');
    const p = plan(casePageIdsSql(w.sql, caseOrderBy([{ field: 'openedOn', dir: 'desc' }])), { ...w.params, limit: 100, offset: 0 });
    expect(p).toMatch(/USING (COVERING )?INDEX cases_by_/);
    expect(p).not.toMatch(/SCAN c(?! USING)/);
    const active = caseWhere(db, { active: true, communityId: 1 }, '2020-02-17', null);
    expect(plan(`SELECT count(*) FROM cases c ${active.sql}`, active.params)).toMatch(/INDEX cases_by_community/);
  });
});
