import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseOrderBy, casePageIdsSql, caseWhere } from '../../../electron/core/caseload/case-queries';
import { CANDIDATES_SQL } from '../../../electron/core/caseload/resident-search';
import { residentPageIdsSql, STATUS_AS_COVERAGE_COUNTS } from '../../../electron/core/caseload/people-queries';
import { CASE_CATEGORIES, canMove, statusesOf, WORKFLOWS } from '../../../electron/core/caseload/codes.shared';
import { asWriteDb } from '../../../electron/core/db/types';
import { openCase, upsertHousehold, upsertResident } from '../../../electron/core/caseload/write-queries';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice();
});
afterEach(() => o.t.close());

const db = () => asWriteDb(o.t.core.services.ledger.handle());
const sealer = () => o.t.core.services.ledger.sealer()!;

async function seed(n: number) {
  const now = '2020-02-17T01:00:00.000Z';
  db().transaction(() => {
    for (let i = 0; i < n; i++) {
      const communityId = i % 2 === 0 ? o.communityId : o.otherCommunityId;
      const h = upsertHousehold(db(), { communityId, gridId: i % 2 === 0 ? o.gridId : o.otherGridId, addressText: `路${i}号` }, now, '2020-02-17', sealer());
      const r = upsertResident(
        db(),
        { householdId: h.id, name: `${'王李张'[i % 3]}${i}`, idNumber: makeIdNumber('410102', '1980-01-01', i) },
        now,
        '2020-02-17',
        sealer(),
      );
      openCase(
        db(),
        { residentId: r.id, category: i % 3 === 0 ? 'home_observation' : 'returnee', openedOn: `2020-02-${String(1 + (i % 15)).padStart(2, '0')}` },
        now,
        '2020-02-17',
        sealer(),
      );
    }
  })();
}

describe('case grid', () => {
  it('pages, sorts and filters in the core', async () => {
    await seed(30);
    const page = await o.t.call('cases.list', { filter: { communityId: o.communityId }, sort: [{ field: 'openedOn', dir: 'desc' }], offset: 0, limit: 5 });
    expect(page.total).toBe(15);
    expect(page.rows).toHaveLength(5);
    const dates = page.rows.map((r) => r.openedOn);
    expect([...dates].sort().reverse()).toEqual(dates);
    const next = await o.t.call('cases.list', { filter: { communityId: o.communityId }, sort: [{ field: 'openedOn', dir: 'desc' }], offset: 5, limit: 5 });
    expect(next.rows.map((r) => r.id).filter((id) => page.rows.some((p) => p.id === id))).toEqual([]);
    expect((await o.t.call('cases.list', { filter: { category: 'home_observation' } })).total).toBe(10);
    expect((await o.t.call('cases.list', { filter: { q: '王' } })).total).toBe(10);
    expect(page.rows[0]!.idNumber).toMatch(/^4101\*{10}\d{3}[\dX]$/);
  });

  it('bulk status change is all or nothing, naming the case that stopped it', async () => {
    await seed(6);
    const all = await o.t.call('cases.list', { filter: { category: 'returnee' } });
    const ids = all.rows.map((r) => r.id);
    expect((await o.t.call('cases.bulkTransition', { caseIds: ids, to: 'monitoring' })).changed).toBe(ids.length);
    const obs = await o.t.call('cases.list', { filter: { category: 'home_observation' } });
    const err = await o.t.fail('cases.bulkTransition', { caseIds: [...ids, obs.rows[0]!.id], to: 'closed' });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain(`个案编号 ${obs.rows[0]!.id}`);
    expect((await o.t.call('cases.list', { filter: { status: 'closed' } })).total).toBe(0);
  });

  it('uses an index for the main list query, the overdue filter and today’s list', () => {
    const plan = (sql: string, params: Record<string, unknown>) =>
      (db().prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    const main = caseWhere(db(), { communityId: 1, category: 'home_observation' }, '2020-02-17', sealer());
    const mainPlan = plan(casePageIdsSql(main.sql, caseOrderBy([{ field: 'openedOn', dir: 'desc' }])), { ...main.params, limit: 100, offset: 0 });
    expect(mainPlan).toMatch(/USING (COVERING )?INDEX cases_by_/);
    expect(mainPlan).not.toMatch(/SCAN c(?! USING)/);
    const overdue = caseWhere(db(), { overdue: true }, '2020-02-17', sealer());
    expect(plan(`SELECT count(*) FROM cases c ${overdue.sql}`, overdue.params)).toContain('cases_active_observation');
    // 只看观察期内 (工作台's 正在观察): the active observations' partial index, never a scan of every case.
    const observing = caseWhere(db(), { observing: true }, '2020-02-17', sealer());
    const observingPlan = plan(`SELECT count(*) FROM cases c ${observing.sql}`, observing.params);
    expect(observingPlan).toContain('cases_active_observation');
    expect(observingPlan).not.toMatch(/SCAN c(?! USING)/);
    // A digit search looks up the keyed index of the last four digits (ID numbers and phones), never a scan.
    const tails = plan(CANDIDATES_SQL, { idTail: Buffer.alloc(16), phoneTail: Buffer.alloc(16) });
    expect(tails).toContain('residents_by_id_number_tail');
    expect(tails).toContain('residents_by_phone_tail');
    const search = caseWhere(db(), { q: '1234' }, '2020-02-17', sealer());
    expect(plan(casePageIdsSql(search.sql, caseOrderBy(undefined)), { ...search.params, limit: 100, offset: 0 })).not.toMatch(/SCAN residents/);
    expect(plan(`SELECT count(*) FROM households GROUP BY grid_id, screening_status`, {})).toContain('households_by_grid');
    // 入户排查's 排查状态 filter counts as coverage does: each household's screened visit is found by its key, not a scan.
    for (const cond of Object.values(STATUS_AS_COVERAGE_COUNTS)) {
      const visits = plan(`SELECT count(*) FROM households h WHERE h.community_id = @c AND ${cond}`, { c: 1, today: '2020-02-17' });
      expect(visits).toMatch(/SEARCH v (EXISTS )?USING (COVERING )?INDEX sqlite_autoindex_screening_visits_1 \(household_id=\?/);
      expect(visits).not.toMatch(/SCAN v/);
    }
  });
});

describe('residents grid', () => {
  // Each of these indexes takes an entry per imported resident (≈ 1.7 s of a 100,000-row commit's CPU for the six
  // non-unique ones: io/import/README.md, session 33); a bulk write keeps them because these pages read them.
  it('pages a community or a grid by name on residents_by_community, and the whole ledger on residents_by_name', () => {
    const plan = (where: string, params: Record<string, unknown>) =>
      (
        db()
          .prepare(`EXPLAIN QUERY PLAN ${residentPageIdsSql(where, 'r.name ASC')}`)
          .all({ ...params, limit: 50, offset: 0 }) as Array<{ detail: string }>
      )
        .map((r) => r.detail)
        .join(' | ');
    expect(plan('WHERE r.community_id = @c', { c: 1 })).toContain('INDEX residents_by_community (community_id=?)');
    const grid = plan('WHERE r.community_id = @c AND r.grid_id = @g', { c: 1, g: 1 });
    expect(grid).toContain('INDEX residents_by_community (community_id=? AND grid_id=?)');
    expect(grid).not.toContain('TEMP B-TREE');
    expect(plan('', {})).toContain('INDEX residents_by_name');
  });
});

describe('workflows', () => {
  it('every category starts in a status it can leave and ends in a terminal one', () => {
    for (const c of CASE_CATEGORIES) {
      const wf = WORKFLOWS[c];
      expect(Object.keys(wf.next)).toContain(wf.initial);
      expect(statusesOf(c).some((s) => (wf.next[s] ?? []).length === 0)).toBe(true);
    }
    expect(canMove('home_observation', 'observing', 'released')).toBe(true);
    expect(canMove('home_observation', 'released', 'observing')).toBe(false);
  });

  it('the write functions validate like the channels and leave nothing half-written', () => {
    const now = '2020-02-17T01:00:00.000Z';
    expect(() =>
      db().transaction(() => {
        const h = upsertHousehold(db(), { communityId: o.communityId, addressText: '幸福路9号' }, now, '2020-02-17', sealer());
        upsertResident(db(), { householdId: h.id, name: '赵丽华', idNumber: '4101021980010100' }, now, '2020-02-17', sealer());
      })(),
    ).toThrow(/「身份证号」/);
    expect(db().prepare(`SELECT count(*) AS n FROM households`).get()).toEqual({ n: 0 });
  });
});
