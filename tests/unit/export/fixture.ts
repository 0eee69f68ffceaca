/**
 * A small street office written straight into a test ledger's tables
 * (2 communities, 3 grids, households, residents, an observation with
 * checks, a care case with visits), so the forms have known answers.
 */
import { addResident } from '../../helpers/sealed-residents';
import { bindCases } from '../../helpers/bound-cases';
import { asWriteDb } from '../../../electron/core/db/types';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import type { TestLedger } from '../../helpers/ledger';

export const OBSERVED_ID = makeIdNumber('410105', '1985-03-12', 17);
export const OBSERVED_PHONE = '13812345678';
export const ELDER_ID = makeIdNumber('410105', '1940-07-01', 22);

export function seedSmallOffice(t: TestLedger): void {
  const db = asWriteDb(t.core.services.ledger.handle());
  const now = '2020-02-01T00:00:00.000Z';
  db.transaction(() => {
    const community = db.prepare(
      `INSERT INTO communities (name, kind, households, population, created_at, updated_at) VALUES (@name, '社区', 10, 30, @now, @now)`,
    );
    const grid = db.prepare(`INSERT INTO grids (community_id, name, households, population, created_at, updated_at) VALUES (@c, @name, 5, 15, @now, @now)`);
    const c1 = Number(community.run({ name: '幸福社区', now }).lastInsertRowid);
    const c2 = Number(community.run({ name: '和平社区', now }).lastInsertRowid);
    const g1 = Number(grid.run({ c: c1, name: '第一网格', now }).lastInsertRowid);
    const g2 = Number(grid.run({ c: c1, name: '第二网格', now }).lastInsertRowid);
    grid.run({ c: c2, name: '第一网格', now });
    const household = db.prepare(
      `INSERT INTO households (community_id, grid_id, address_key, head_name, screening_status, screened_on, created_at, updated_at)
       VALUES (@c, @g, @key, '户主', @status, @on, @now, @now)`,
    );
    // Grid 1: 4 households, 3 screened (2 within the period 2020-02-10..16), 1 not at home.
    household.run({ c: c1, g: g1, key: 'a1', status: 'screened', on: '2020-02-05', now });
    household.run({ c: c1, g: g1, key: 'a2', status: 'screened', on: '2020-02-11', now });
    household.run({ c: c1, g: g1, key: 'a3', status: 'screened', on: '2020-02-12', now });
    household.run({ c: c1, g: g1, key: 'a4', status: 'not_home', on: '2020-02-09', now });
    const h5 = Number(household.run({ c: c1, g: g2, key: 'b1', status: 'unscreened', on: null, now }).lastInsertRowid);
    // Coverage counts the visits (migration 059): each household's one visit, as its columns say.
    db.prepare(
      `INSERT INTO screening_visits (household_id, community_id, grid_id, visited_on, status, source, created_at, updated_at)
       SELECT id, community_id, grid_id, screened_on, screening_status, 'edit', @now, @now FROM households WHERE screening_status <> 'unscreened'`,
    ).run({ now });
    const resident = (name: string, id_number: string, phone: string) =>
      addResident(t, { household_id: h5, community_id: c1, grid_id: g2, name, id_number, phone }, now);
    const r1 = resident('张三', OBSERVED_ID, OBSERVED_PHONE);
    const r2 = resident('李奶奶', ELDER_ID, '13900001111');
    const caseRow = db.prepare(
      `INSERT INTO cases (resident_id, community_id, grid_id, category, status, opened_on, closed_on, obs_start_on, obs_days, obs_end_on, created_at, updated_at)
       VALUES (@r, @c, @g, @category, @status, @opened, @closed, @s, @days, @e, @now, @now)`,
    );
    // Observation 2020-02-08 .. 2020-02-21: inside the period 2020-02-10..16 that is 7 days; 5 checked.
    const obs = Number(
      caseRow.run({
        r: r1,
        c: c1,
        g: g2,
        category: 'home_observation',
        status: 'observing',
        opened: '2020-02-08',
        closed: null,
        s: '2020-02-08',
        days: 14,
        e: '2020-02-21',
        now,
      }).lastInsertRowid,
    );
    caseRow.run({ r: r2, c: c1, g: g2, category: 'solitary_elderly', status: 'open', opened: '2020-02-03', closed: null, s: null, days: null, e: null, now });
    caseRow.run({ r: r1, c: c1, g: g2, category: 'returnee', status: 'closed', opened: '2020-02-01', closed: '2020-02-12', s: null, days: null, e: null, now });
    const check = db.prepare(
      `INSERT INTO health_checks (case_id, check_date, temperature, method, checked_by, created_at) VALUES (@id, @d, 36.5, 'phone', '刘医生', @now)`,
    );
    for (const d of ['2020-02-08', '2020-02-10', '2020-02-11', '2020-02-12', '2020-02-14', '2020-02-15']) check.run({ id: obs, d, now });
    const visit = db.prepare(
      `INSERT INTO care_visits (resident_id, visit_date, visited_by, needs, needs_status, created_at) VALUES (@r, @d, '志愿者小王', @needs, @st, @now)`,
    );
    visit.run({ r: r2, d: '2020-02-11', needs: '代购降压药', st: 'open', now });
    visit.run({ r: r2, d: '2020-02-13', needs: null, st: 'none', now });
  })();
  bindCases(t);
}

export const PERIOD = { from: '2020-02-10', to: '2020-02-16' };
export const ZIP_PASSWORD = 'district-2020-pw';
