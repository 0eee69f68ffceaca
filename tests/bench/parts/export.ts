/**
 * Export and backup at street-office scale: a package for 100,000 residents
 * and 20,000 cases (≤ 15 s, peak memory ≤ 400 MB), and a verified backup.
 * When the caseload's demo seed has not filled the ledger to that size, the
 * missing residents, households, cases and checks are added here first.
 */
import { insertResident } from '../../../electron/core/caseload/residents.repo';
import { addDays } from '../../../electron/core/dates.shared';
import { asWriteDb } from '../../../electron/core/db/types';
import { bindAllRows } from '../../../electron/core/db/row-binding';
import { CASE_BINDING } from '../../../electron/core/caseload/case-binding';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { callChosen } from '../../helpers/chosen-paths';
import type { BenchEnv, BenchPart, BenchRow } from '../types';

const CASES = 20_000;
const CATEGORIES = ['returnee', 'home_observation', 'medical_observation', 'solitary_elderly', 'extreme_poverty'] as const;
const STATUS: Record<(typeof CATEGORIES)[number], string> = {
  returnee: 'monitoring',
  home_observation: 'observing',
  medical_observation: 'observing',
  solitary_elderly: 'open',
  extreme_poverty: 'open',
};

/** A valid, distinct ID number for each index (mixed radix over region, birth year and sequence). */
const uniqueId = (i: number): string => makeIdNumber(String(410100 + (i % 90)), `19${50 + (Math.floor(i / 90) % 50)}-01-01`, Math.floor(i / 4500) % 1000);

function topUp(env: BenchEnv, today: string): void {
  const db = asWriteDb(env.core.services.ledger.handle());
  const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  const grids = db.prepare('SELECT id, community_id AS communityId FROM grids ORDER BY id').all() as Array<{ id: number; communityId: number }>;
  const now = '2020-02-17T00:00:00.000Z';
  db.transaction(() => {
    const hh = db.prepare(
      `INSERT INTO households (community_id, grid_id, address_key, screening_status, screened_on, created_at, updated_at) VALUES (@c, @g, @k, @s, @on, @now, @now)`,
    );
    const sealer = env.core.services.ledger.sealer()!;
    for (let i = count('residents'); i < env.residents; i++) {
      const g = grids[i % grids.length]!;
      const h = Number(
        hh.run({ c: g.communityId, g: g.id, k: `bench-${i}`, s: i % 5 ? 'screened' : 'unscreened', on: i % 5 ? addDays(today, -3) : null, now })
          .lastInsertRowid,
      );
      const idn = uniqueId(i);
      const birth = `${idn.slice(6, 10)}-${idn.slice(10, 12)}-${idn.slice(12, 14)}`;
      const row = { name: `居民${i}`, id_number: idn, id_number_was15: 0, sex: null, birth_date: birth, phone: `138${String(i).padStart(8, '0')}`, tags: '[]' };
      insertResident(db, { household_id: h, community_id: g.communityId, grid_id: g.id, ...row }, now, sealer);
    }
    // Each screened household's visit, as the app keeps it (migration 059): coverage counts visits, not the column.
    db.prepare(
      `INSERT INTO screening_visits (household_id, community_id, grid_id, visited_on, status, source, created_at, updated_at)
       SELECT h.id, h.community_id, h.grid_id, h.screened_on, h.screening_status, 'backfill', @now, @now FROM households h
       WHERE h.address_key LIKE 'bench-%' AND h.screened_on IS NOT NULL AND NOT EXISTS (SELECT 1 FROM screening_visits v WHERE v.household_id = h.id)`,
    ).run({ now });
    const residents = db.prepare('SELECT id, community_id AS c, grid_id AS g FROM residents ORDER BY id LIMIT @n').all({ n: CASES }) as Array<{
      id: number;
      c: number;
      g: number;
    }>;
    const cs = db.prepare(
      `INSERT INTO cases (resident_id, community_id, grid_id, category, status, opened_on, obs_start_on, obs_days, obs_end_on, created_at, updated_at)
       VALUES (@r, @c, @g, @cat, @st, @s0, @s, @d, @e, @now, @now)`,
    );
    const check = db.prepare(
      `INSERT INTO health_checks (case_id, check_date, temperature, method, checked_by, created_at) VALUES (@id, @d, 36.5, 'phone', '医生', @now)`,
    );
    for (let i = count('cases'); i < CASES; i++) {
      const r = residents[i % residents.length]!;
      const cat = CATEGORIES[i % CATEGORIES.length]!;
      const obs = cat === 'home_observation' || cat === 'medical_observation';
      const id = Number(
        cs.run({
          r: r.id,
          c: r.c,
          g: r.g,
          cat,
          st: STATUS[cat],
          s0: addDays(today, -9),
          s: obs ? addDays(today, -9) : null,
          d: obs ? 14 : null,
          e: obs ? addDays(today, 4) : null,
          now,
        }).lastInsertRowid,
      );
      if (obs) for (const d of [addDays(today, -5), addDays(today, -4), addDays(today, -3)]) check.run({ id, d, now });
    }
    // Written straight into the table: bound as the cases writer binds them (caseload/case-binding.ts), so the forms read them.
    bindAllRows(db, sealer, [CASE_BINDING]);
  })();
}

export const exportBench: BenchPart = {
  area: 'export',
  async run(env) {
    // Residents may have been made by the caseload seed with real ID numbers; only fill what is missing.
    const today = env.core.services.clock.today();
    try {
      topUp(env, today);
    } catch (e) {
      env.log(`  export: could not top up the ledger (${e instanceof Error ? e.message : String(e)}); measuring what is there`);
    }
    const db = env.core.services.ledger.handle();
    const cases = (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    const residents = (db.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n;
    global.gc?.();
    // Every form the demo ledger has data for (all seven once every area's demo seed has run).
    const preview = await env.core.call('bench', 'export.preview', { from: addDays(today, -6), to: today });
    const listed = preview.ok === true ? (preview.value as { forms: Array<{ id: string; rows: number }> }).forms : [{ id: 'caseload-summary', rows: 1 }];
    const forms = listed.map((f) => f.id);
    // A form with no rows this week goes as a header-only form, confirmed (as the user would).
    const emptyConfirmed = listed.filter((f) => f.rows === 0).map((f) => f.id);
    env.log(`  export: ${forms.length} forms: ${forms.join(', ')}`);
    const started = performance.now();
    const r = await callChosen(env.core, 'bench', 'export.write', {
      from: addDays(today, -6),
      to: today,
      formIds: forms,
      emptyConfirmed,
      folder: env.scratch,
      password: 'bench-password-1',
    });
    const exportMs = performance.now() - started;
    // getrusage's high-water mark: nothing is missed between samples; it includes the demo build before it.
    const peak = process.resourceUsage().maxRSS * 1024;
    if (r.ok !== true) throw new Error(`export.write failed: ${JSON.stringify(r)}`);
    const bytes = (r.value as { bytes: number }).bytes;
    env.log(`  export: rows per form ${JSON.stringify((r.value as { counts: unknown }).counts)}`);
    const b0 = performance.now();
    const b = await callChosen(env.core, 'bench', 'backup.create', { folder: env.scratch });
    const backupMs = performance.now() - b0;
    if (b.ok !== true) throw new Error(`backup.create failed: ${JSON.stringify(b)}`);
    const rows: BenchRow[] = [
      {
        name: `export.write: package for ${residents} residents, ${cases} cases (written, read back, verified)`,
        value: exportMs / 1000,
        unit: 's',
        target: 15,
      },
      { name: 'export.write: peak RSS (process high-water mark, demo build included)', value: peak / 1048576, unit: 'MB', target: 400 },
      { name: 'export.write: package size', value: bytes / 1048576, unit: 'MB', target: null },
      { name: 'backup.create: verified encrypted copy of the ledger', value: backupMs, unit: 'ms', target: null },
    ];
    return rows;
  },
};
