/**
 * The case grid sorted by 姓名 reads the name each case carries (migration 038)
 * and gives the same rows in the same order as sorting by the resident's own
 * name did: SQLite's binary order of the names (as stored, no pinyin), ties by
 * case id in the sort's direction, under every filter; and a rename is followed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseFilter } from '../../../electron/core/caseload/inputs.shared';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice();
});
afterEach(() => o.t.close());

const db = () => o.t.core.services.ledger.handle();

async function person(name: string, n: number) {
  const h = await o.t.call('households.save', { communityId: n % 2 ? o.communityId : o.otherCommunityId, addressText: `幸福路${n}号` });
  return (await o.t.call('residents.save', { householdId: h.id, name, idNumber: makeIdNumber('410102', '1980-01-01', n) })).id;
}

/** Names whose binary order is not their pinyin order, two of them shared by different people, each with one case or two. */
const NAMES = ['王芳', '李娜', '张伟', '王芳', '阿依古丽', '欧阳娜娜', '李娜', '赵四'];

async function seed() {
  for (const [i, name] of NAMES.entries()) {
    const residentId = await person(name, i + 1);
    await o.t.call('cases.open', { residentId, category: 'home_observation', obsStartOn: '2020-02-15', openedOn: '2020-02-15' });
    if (i % 3 === 0) await o.t.call('cases.open', { residentId, category: 'returnee' });
  }
}

/** The order the grid gave before 038: each case's resident joined and sorted by their name, ties by case id. */
function joinedOrder(where: string, dir: 'ASC' | 'DESC'): number[] {
  return (
    db().prepare(`SELECT c.id FROM cases c LEFT JOIN residents r ON r.id = c.resident_id ${where} ORDER BY r.name ${dir}, c.id ${dir}`).all() as Array<{
      id: number;
    }>
  ).map((r) => r.id);
}

async function gridOrder(filter: CaseFilter, dir: 'asc' | 'desc', limit = 100, offset = 0): Promise<number[]> {
  return (await o.t.call('cases.list', { filter, sort: [{ field: 'name', dir }], offset, limit })).rows.map((r) => r.id);
}

describe('case grid sorted by 姓名', () => {
  it('gives the same order as sorting by the resident’s own name, ties by case id, under each filter and either way', async () => {
    await seed();
    const cases: Array<[CaseFilter, string]> = [
      [{}, ''],
      [{ status: 'observing' }, `WHERE c.status = 'observing'`],
      [{ status: 'registered' }, `WHERE c.status = 'registered'`],
      [{ communityId: o.communityId }, `WHERE c.community_id = ${o.communityId}`],
      [{ category: 'home_observation' }, `WHERE c.category = 'home_observation'`],
    ];
    for (const [filter, where] of cases) {
      for (const dir of ['asc', 'desc'] as const) {
        const expected = joinedOrder(where, dir === 'asc' ? 'ASC' : 'DESC');
        expect(expected.length).toBeGreaterThan(1);
        expect(await gridOrder(filter, dir), `${JSON.stringify(filter)} ${dir}`).toEqual(expected);
      }
    }
    // Binary order, as before: 张 (U+5F20) before 李 (U+674E) before 欧 (U+6B27), 王 (U+738B), 赵 (U+8D75), 阿 (U+963F).
    const names = (await o.t.call('cases.list', { filter: { status: 'observing' }, sort: [{ field: 'name', dir: 'asc' }] })).rows.map((r) => r.name);
    expect(names).toEqual(['张伟', '李娜', '李娜', '欧阳娜娜', '王芳', '王芳', '赵四', '阿依古丽']);
  });

  it('pages through ties without losing or repeating a case', async () => {
    await seed();
    const all = joinedOrder(`WHERE c.status = 'observing'`, 'ASC');
    const pages = [...(await gridOrder({ status: 'observing' }, 'asc', 3, 0)), ...(await gridOrder({ status: 'observing' }, 'asc', 3, 3))];
    expect(pages).toEqual(all.slice(0, 6));
    expect(new Set(pages).size).toBe(6);
  });

  it('follows a rename: every case of the resident sorts by the new name, and no copy differs from its resident', async () => {
    await seed();
    const zhao = (db().prepare(`SELECT id FROM residents WHERE name = '赵四'`).get() as { id: number }).id;
    const was = await gridOrder({ status: 'observing' }, 'asc');
    await o.t.call('residents.save', { id: zhao, name: '丁一' });
    const now = await gridOrder({ status: 'observing' }, 'asc');
    expect(now).toEqual(joinedOrder(`WHERE c.status = 'observing'`, 'ASC'));
    expect(now).not.toEqual(was);
    expect((await o.t.call('cases.list', { filter: { status: 'observing' }, sort: [{ field: 'name', dir: 'asc' }], limit: 1, offset: 0 })).rows[0]!.name).toBe(
      '丁一',
    );
    const differ = db().prepare(`SELECT count(*) AS n FROM cases c JOIN residents r ON r.id = c.resident_id WHERE c.resident_name IS NOT r.name`).get();
    expect(differ).toEqual({ n: 0 });
    expect((db().prepare(`SELECT count(*) AS n FROM cases WHERE resident_name IS NULL`).get() as { n: number }).n).toBe(0);
  });
});
