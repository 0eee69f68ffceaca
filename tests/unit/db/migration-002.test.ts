/**
 * 002_caseload on a ledger made by 001 and in use: the foundation's rows come
 * through untouched, and households, residents, cases and their follow-up
 * tables are new, tied to the communities, grids and staff already there.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAdditive, FOUNDATION_TABLES, ledgerBefore, MIGRATION_NOW, rowsOf, seedFoundation, shapeOf, type LedgerBefore } from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(2);
  seedFoundation(l.db);
});
afterEach(() => l.close());

describe('002_caseload on an existing ledger', () => {
  it('adds the caseload tables and keeps every foundation row as it was', () => {
    const before = shapeOf(l.db);
    const rows = rowsOf(l.db, FOUNDATION_TABLES);
    expect(l.upgrade()).toEqual([2]);
    const added = expectAdditive(before, shapeOf(l.db));
    expect(Object.keys(added.tables).sort()).toEqual(['care_tasks', 'care_visits', 'cases', 'health_checks', 'households', 'residents', 'zero_reports']);
    expect(added.indexes).toEqual(expect.arrayContaining(['residents_by_id_rev', 'cases_by_opened', 'cases_active_observation', 'care_tasks_one_per_trigger']));
    expect(rowsOf(l.db, FOUNDATION_TABLES)).toEqual(rows);
  });

  it('ties new households, residents and cases to the communities, grids and staff already there', () => {
    l.upgrade();
    const { db } = l;
    const now = { now: MIGRATION_NOW };
    db.prepare(
      `INSERT INTO households (id, community_id, grid_id, building, room, address_key, created_at, updated_at) VALUES (1, 1, 1, '3栋', '201', '幸福社区|3栋|201', @now, @now)`,
    ).run(now);
    expect(() =>
      db.prepare(`INSERT INTO households (community_id, address_key, created_at, updated_at) VALUES (1, '幸福社区|3栋|201', @now, @now)`).run(now),
    ).toThrow(/UNIQUE/);
    expect(db.prepare(`SELECT screening_status AS s FROM households`).get()).toEqual({ s: 'unscreened' });
    const resident = db.prepare(
      `INSERT INTO residents (id, household_id, community_id, grid_id, name, id_number, id_rev, created_at, updated_at) VALUES (@id, 1, 1, 1, @name, @idNumber, @idRev, @now, @now)`,
    );
    resident.run({ id: 1, name: '王桂英', idNumber: '11010119620312017X', idRev: 'X71021326919101011', ...now });
    expect(() => resident.run({ id: 2, name: '重号', idNumber: '11010119620312017X', idRev: 'x', ...now })).toThrow(/UNIQUE/);
    db.prepare(
      `INSERT INTO cases (id, resident_id, community_id, grid_id, category, status, assigned_staff_id, opened_on, obs_start_on, obs_days, obs_end_on, created_at, updated_at)
       VALUES (1, 1, 1, 1, 'home_observation', 'observing', 1, '2020-02-10', '2020-02-10', 14, '2020-02-23', @now, @now)`,
    ).run(now);
    expect(() =>
      db
        .prepare(
          `INSERT INTO cases (resident_id, community_id, category, status, opened_on, created_at, updated_at) VALUES (1, 1, 'tourist', 'open', '2020-02-10', @now, @now)`,
        )
        .run(now),
    ).toThrow(/CHECK/);
    db.prepare(
      `INSERT INTO health_checks (case_id, check_date, temperature, method, checked_by, created_at) VALUES (1, '2020-02-10', 36.5, 'phone', '刘洋', @now)`,
    ).run(now);
    expect(() =>
      db.prepare(`INSERT INTO health_checks (case_id, check_date, method, checked_by, created_at) VALUES (1, '2020-02-10', 'visit', '刘洋', @now)`).run(now),
    ).toThrow(/UNIQUE/);
    db.prepare(`INSERT INTO zero_reports (grid_id, report_date, reported_by, created_at) VALUES (1, '2020-02-10', '刘洋', @now)`).run(now);
    expect(db.prepare(`SELECT risk_level AS risk, closed_on AS closedOn FROM cases`).get()).toEqual({ risk: 'low', closedOn: null });
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
