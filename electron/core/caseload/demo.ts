/**
 * Demo caseload: N residents in ~0.4N households, ~0.2N cases in plausible
 * proportions, observations at every stage (started weeks ago and released,
 * mid-way with a missed day or a fever, started today). Plain prepared
 * inserts in the builder's one transaction: 100,000 residents in seconds.
 */
import { isFever } from './check-writes';
import { DEFAULT_HEALTH_SETTINGS } from './health-settings.shared';
import { addDays, daysBetween } from '../dates.shared';
import type { DemoSeed } from '../demo-kit/types';
import { chineseName, HENAN_REGIONS, mobile, type Rng } from '../demo-kit/random';
import { makeIdNumber } from '../people/id-number';
import { addressKey } from './address';
import { insertHousehold, nameHeadIfMissing } from './households.repo';
import { recordVisit } from './screening-visits.repo';
import { insertResident } from './residents.repo';
import { insertCase } from './cases.repo';
import { WORKFLOWS, isCare, isTerminal, type CaseCategory, type CaseStatus } from './codes.shared';
import { seedDailyCareForObservedHouseholds, seedWeeklyVisitsForCareCases } from './care-tasks.repo';
import { insertHealthCheck } from './health-checks.repo';

const CATEGORY_SHARE: Array<[CaseCategory, number]> = [
  ['returnee', 0.45],
  ['home_observation', 0.2],
  ['medical_observation', 0.05],
  ['fever_referral', 0.03],
  ['extreme_poverty', 0.04],
  ['solitary_elderly', 0.1],
  ['child_without_guardian', 0.01],
  ['homeless', 0.01],
  ['closed_compound_support', 0.06],
  ['psychological_support', 0.03],
  ['dispute_mediation', 0.02],
];
const ESTATES = ['锦绣', '阳光', '金桂', '和谐', '翠竹', '康宁', '福泽', '书香'];
const SOURCES = ['入户排查', '卡口登记', '上级推送', '群众反映', '社区上报'];
const WORKERS = ['刘晓燕', '张建华', '李秀英', '王丽华', '陈明', '赵海燕', '孙志强', '周玉兰'];

function pickCategory(rng: Rng): CaseCategory {
  let x = rng.next();
  for (const [c, share] of CATEGORY_SHARE) if ((x -= share) < 0) return c;
  return 'returnee';
}

/** A later status along the workflow, for cases opened long ago. */
function progressed(rng: Rng, category: CaseCategory, ageDays: number): CaseStatus {
  let s = WORKFLOWS[category].initial;
  for (let step = 0; step < 3 && ageDays > 3 + step * 5 && rng.chance(0.6); step++) {
    const next = WORKFLOWS[category].next[s] ?? [];
    if (next.length === 0) break;
    s = next[0]!;
  }
  return s;
}

export const seedCaseloadDemo: DemoSeed = (db, { residents: n, rng, clock, log, sealer }) => {
  const now = clock.nowIso();
  const today = clock.today();
  const grids = db.prepare(`SELECT id, community_id AS communityId FROM grids ORDER BY id`).all() as Array<{ id: number; communityId: number }>;
  if (grids.length === 0 || n <= 0) return;
  const staff = (db.prepare(`SELECT id FROM staff ORDER BY id`).all() as Array<{ id: number }>).map((s) => s.id);

  const householdCount = Math.max(1, Math.round(n * 0.4));
  const perCommunity = new Map<number, number>();
  const households: Array<{ id: number; communityId: number; gridId: number }> = [];
  for (let i = 0; i < householdCount; i++) {
    const g = grids[i % grids.length]!;
    const j = perCommunity.get(g.communityId) ?? 0;
    perCommunity.set(g.communityId, j + 1);
    const k = Math.floor(j / 3);
    const parts = {
      estate: `${ESTATES[(g.communityId + j) % ESTATES.length]}${['小区', '花园', '家园'][j % 3]}`,
      building: String(1 + Math.floor(k / 48)),
      unit: String(1 + (Math.floor(k / 24) % 2)),
      room: String((1 + (Math.floor(k / 2) % 12)) * 100 + 1 + (k % 2)),
    };
    const x = rng.next();
    const status = x < 0.86 ? 'screened' : x < 0.91 ? 'not_home' : x < 0.93 ? 'refused' : 'unscreened';
    const screenedOn = status === 'unscreened' ? null : addDays(today, -rng.int(0, 20));
    // Drawn in the order the demo always drew them, so the same seed makes the same office.
    const phone = mobile(rng);
    const screenedBy = screenedOn ? rng.pick(WORKERS) : null;
    const result = status === 'screened' ? rng.pick(['无异常', '无异常', '有外地返程人员', '有独居老人']) : null;
    const id = insertHousehold(
      db,
      {
        community_id: g.communityId,
        grid_id: g.id,
        ...parts,
        address_text: null,
        address_key: addressKey(parts),
        head_name: null,
        phone,
        screening_status: status,
        screened_on: screenedOn,
        screened_by: screenedBy,
        screening_result: result,
        revisit_on: status === 'not_home' || status === 'refused' ? addDays(today, rng.int(-2, 3)) : null,
      },
      now,
      sealer,
    );
    if (status !== 'unscreened' && screenedOn !== null)
      recordVisit(
        db,
        { id, community_id: g.communityId, grid_id: g.id },
        { visitedOn: screenedOn, status, visitedBy: screenedBy, result },
        { source: 'edit' },
        now,
      );
    households.push({ id, communityId: g.communityId, gridId: g.id });
  }
  log(`  caseload: ${households.length} households`);

  const usedIds = new Set<string>();
  const residents: Array<{ id: number; age: number; h: (typeof households)[number] }> = [];
  for (let i = 0; i < n; i++) {
    // The first pass gives every household one member; the rest land at random.
    const h = i < households.length ? households[i]! : households[rng.int(0, households.length - 1)]!;
    const age = rng.chance(0.18) ? rng.int(65, 95) : rng.int(1, 64);
    let id: string;
    do {
      const birth = addDays(`${2020 - age}-01-01`, rng.int(0, 364));
      id = makeIdNumber(rng.pick(HENAN_REGIONS), birth, rng.int(1, 999));
    } while (usedIds.has(id));
    usedIds.add(id);
    const tags: string[] = [];
    if (age >= 70 && rng.chance(0.15)) tags.push('solitary_elderly');
    if (rng.chance(0.005)) tags.push('extreme_poverty');
    if (age < 14 && rng.chance(0.004)) tags.push('child_without_guardian');
    const phone = age > 8 ? mobile(rng) : null;
    const name = chineseName(rng);
    const rid = insertResident(
      db,
      {
        household_id: h.id,
        community_id: h.communityId,
        grid_id: h.gridId,
        name,
        id_number: id,
        id_number_was15: 0,
        sex: Number(id[16]) % 2 ? 'M' : 'F',
        birth_date: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
        phone,
        tags: JSON.stringify(tags),
      },
      now,
      sealer,
    );
    if (age >= 18) nameHeadIfMissing(db, h.id, name, sealer);
    residents.push({ id: rid, age, h });
  }
  log(`  caseload: ${residents.length} residents`);

  const caseCount = Math.round(n * 0.2);
  const taken = new Set<string>();
  let checks = 0;
  for (let tries = 0; taken.size < caseCount && tries < caseCount * 3; tries++) {
    const r = residents[rng.int(0, residents.length - 1)]!;
    const category = pickCategory(rng);
    if (taken.has(`${r.id}:${category}`)) continue;
    taken.add(`${r.id}:${category}`);
    const age = rng.int(0, 30);
    const openedOn = addDays(today, -age);
    const observation = category === 'home_observation' || category === 'medical_observation';
    const row = {
      residentId: r.id,
      communityId: r.h.communityId,
      gridId: r.h.gridId,
      category,
      status: progressed(rng, category, age),
      risk: rng.pick(['low', 'low', 'low', 'medium', 'high'] as const),
      staffId: staff.length ? rng.pick(staff) : null,
      openedOn,
      dueOn: addDays(openedOn, 14) as string | null,
      closedOn: null as string | null,
      closeReason: null as string | null,
      source: rng.pick(SOURCES),
      obsStart: null as string | null,
      obsDays: null as number | null,
      obsEnd: null as string | null,
      lastCheck: null as string | null,
      firstMissing: null as string | null,
      now,
    };
    const dates: Array<{ date: string; temp: number; symptoms: string | null }> = [];
    if (observation) {
      row.obsStart = openedOn;
      row.obsDays = 14;
      row.obsEnd = addDays(openedOn, 13);
      row.dueOn = row.obsEnd;
      const lastDay = row.obsEnd < today ? row.obsEnd : today;
      for (let d = openedOn; d <= lastDay; d = addDays(d, 1)) {
        // Most days checked; today's round half done; a few days missed.
        if (d === today ? rng.chance(0.5) : rng.chance(0.97)) {
          const fever = rng.chance(0.008);
          dates.push({
            date: d,
            temp: (fever ? 373 + rng.int(0, 15) : 360 + rng.int(0, 9)) / 10,
            symptoms: fever && rng.chance(0.5) ? rng.pick(['咳嗽', '乏力', '咽痛']) : null,
          });
        }
      }
      const done = new Set(dates.map((x) => x.date));
      row.lastCheck = dates.at(-1)?.date ?? null;
      for (let d = openedOn; d <= row.obsEnd; d = addDays(d, 1))
        if (!done.has(d)) {
          row.firstMissing = d;
          break;
        }
      const complete = row.firstMissing === null || row.firstMissing > today;
      row.status = row.obsEnd < today && (complete || rng.chance(0.7)) ? 'released' : 'observing';
      if (row.status === 'released') row.closeReason = complete ? null : '观察期满，漏查日已电话补问';
    }
    if (isTerminal(category, row.status as CaseStatus)) row.closedOn = observation ? (row.obsEnd as string) : addDays(openedOn, Math.min(age, rng.int(1, 10)));
    const caseId = insertCase(
      db,
      {
        resident_id: row.residentId,
        community_id: row.communityId,
        grid_id: row.gridId,
        category,
        status: row.status,
        risk_level: row.risk,
        assigned_staff_id: row.staffId,
        opened_on: row.openedOn,
        due_on: row.dueOn,
        closed_on: row.closedOn,
        close_reason: row.closeReason,
        source: row.source,
        notes: null,
        obs_start_on: row.obsStart,
        obs_days: row.obsDays,
        obs_end_on: row.obsEnd,
        last_check_on: row.lastCheck,
        first_missing_check_on: row.firstMissing,
        origin_case_id: null,
        origin_staff_id: null,
        origin: null,
        arrived_on: null,
        transport: null,
        transport_no: null,
        team_grid_worker: null,
        team_doctor: null,
        team_police: null,
        team_unsplit: null,
      },
      now,
      sealer,
    );
    for (const c of dates) {
      const flagged = isFever(c.temp, c.symptoms, DEFAULT_HEALTH_SETTINGS.feverThreshold);
      insertHealthCheck(
        db,
        {
          caseId,
          checkDate: c.date,
          temperature: c.temp,
          symptoms: c.symptoms,
          method: rng.pick(['visit', 'phone', 'phone', 'wechat'] as const),
          checkedBy: rng.pick(WORKERS),
          flagged: flagged ? 1 : 0,
          escalation: flagged ? (daysBetween(c.date, today) > 1 ? 'dismissed' : 'open') : null,
        },
        now,
      );
      checks++;
    }
  }
  // Care tasks, set-based: each open care case gets a weekly visit; vulnerable members of observed households a daily one.
  seedWeeklyVisitsForCareCases(db, today, now);
  seedDailyCareForObservedHouseholds(db, today, now);
  log(`  caseload: ${taken.size} cases, ${checks} health checks (care categories: ${CATEGORY_SHARE.filter(([c]) => isCare(c)).length})`);
};
