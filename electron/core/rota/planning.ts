/**
 * Loads what the rules and the generator need for a date range: staff with
 * their days away (leave, caseload observation, not on duty), active posts,
 * shifts, rules and the demand (post × shift × day × headcount).
 */
import { addDays, daysBetween, eachDay, weekdayMon0 } from '../dates.shared';
import type { ReadDb } from '../db/types';
import { rowIntact } from '../db/row-binding';
import type { Sealer } from '../db/sealer';
import { assignmentsOfStaff, offDutyOn, staffOnShift, type AssignmentRow } from './assignment-queries';
import type { Demand } from './generator';
import { listPosts, listShifts, readRules } from './post-queries';
import { isNightShift, staticBlock, StaffCalendar, type PostDef, type ShiftDef, type StaffDef } from './rules';
import { STAFF_BINDING } from './sealed-staff';
import { observationSpans } from './staff-queries';
import { blockLabel, type BlockReason, type Post, type RotaRules, type Shift, type StaffKind, type StaffStatus } from './types.shared';

export interface World {
  from: string;
  to: string;
  staff: StaffDef[];
  staffById: Map<number, StaffDef>;
  posts: Post[];
  postDefs: Map<number, PostDef>;
  shifts: Shift[];
  shiftById: Map<number, ShiftDef & { name: string }>;
  rules: RotaRules;
}

/** Staff and their days away for [from, to] (padded so the 7-day rules see the edges). */
export function loadWorld(db: ReadDb, from: string, to: string, onlyStaffIds?: number[]): World {
  const rows = db
    .prepare(
      `SELECT id, name, kind, community_id AS communityId, skills, is_medical AS isMedical, status, inactive_from AS inactiveFrom FROM staff ORDER BY id`,
    )
    .all() as Array<{
    id: number;
    name: string;
    kind: StaffKind;
    communityId: number | null;
    skills: string;
    isMedical: number;
    status: StaffStatus;
    inactiveFrom: string | null;
  }>;
  const wanted = onlyStaffIds ? new Set(onlyStaffIds) : null;
  const away = new Map<number, Map<string, 'leave' | 'observation' | 'inactive'>>();
  const mark = (staffId: number, a: string, b: string, why: 'leave' | 'observation') => {
    const m = away.get(staffId) ?? new Map();
    for (const d of eachDay(a < from ? from : a, b > to ? to : b)) if (!m.has(d) || why === 'observation') m.set(d, why);
    away.set(staffId, m);
  };
  for (const l of db
    .prepare(`SELECT staff_id AS staffId, from_day AS a, to_day AS b FROM staff_leave WHERE to_day >= @from AND from_day <= @to`)
    .all({ from, to }) as Array<{
    staffId: number;
    a: string;
    b: string;
  }>)
    mark(l.staffId, l.a, l.b, 'leave');
  for (const o of observationSpans(db, from, to)) mark(o.staffId, o.start, o.end, 'observation');
  const staff: StaffDef[] = rows
    .filter((r) => !wanted || wanted.has(r.id))
    .map((r) => {
      const unavailable = away.get(r.id) ?? new Map<string, 'leave' | 'observation' | 'inactive'>();
      // Deceased: every day (attendance flags the days after the death); 不在岗: from the day it was recorded.
      if (r.status === 'deceased') for (const d of eachDay(from, to)) unavailable.set(d, 'inactive');
      else for (const d of eachDay(from, to)) if (offDutyOn(r.status, r.inactiveFrom, d)) unavailable.set(d, 'inactive');
      return {
        id: r.id,
        name: r.name,
        kind: r.kind,
        communityId: r.communityId,
        skills: JSON.parse(r.skills) as string[],
        isMedical: r.isMedical === 1 || r.kind === 'medical',
        unavailable,
      };
    });
  const posts = listPosts(db);
  const shifts = listShifts(db);
  return {
    from,
    to,
    staff,
    staffById: new Map(staff.map((s) => [s.id, s])),
    posts,
    postDefs: new Map(posts.map((p) => [p.id, { id: p.id, communityId: p.communityId, kind: p.kind, requiredSkills: p.requiredSkills }])),
    shifts,
    shiftById: new Map(shifts.map((s) => [s.id, s])),
    rules: readRules(db),
  };
}

export function demandsFor(posts: readonly Post[], from: string, to: string, communityIds?: ReadonlySet<number>): Demand[] {
  const out: Demand[] = [];
  for (const day of eachDay(from, to)) {
    const wd = weekdayMon0(day);
    for (const p of posts) {
      if (!p.active || (communityIds && !communityIds.has(p.communityId))) continue;
      for (const r of p.requirements) if (r.weekdays[wd] === '1') out.push({ postId: p.id, shiftId: r.shiftId, day, headcount: r.headcount });
    }
  }
  return out;
}

/**
 * How many post-shift-days demandsFor would build for [from, to] (each active post's shifts on their weekdays), and
 * over how many posts and days, counted without building them (generate.ts bounds a run by it).
 */
export function demandCount(
  posts: readonly Post[],
  from: string,
  to: string,
  communityIds?: ReadonlySet<number>,
): { count: number; posts: number; days: number } {
  if (to < from) return { count: 0, posts: 0, days: 0 };
  const weekdays = [0, 0, 0, 0, 0, 0, 0];
  for (const day of eachDay(from, to)) weekdays[weekdayMon0(day)]!++;
  let count = 0;
  let counted = 0;
  for (const p of posts) {
    if (!p.active || (communityIds && !communityIds.has(p.communityId)) || p.requirements.length === 0) continue;
    counted++;
    for (const r of p.requirements) for (let wd = 0; wd < 7; wd++) if (r.weekdays[wd] === '1') count += weekdays[wd]!;
  }
  return { count, posts: counted, days: daysBetween(from, to) + 1 };
}

export interface RuleBreak {
  reason: BlockReason;
  message: string;
}

/**
 * Would `staffId` on (day, post, shift) break a rule, given the person's
 * other assignments? `others` excludes the assignment being checked.
 */
export function checkOne(
  world: World,
  a: { day: string; postId: number; shiftId: number; staffId: number; overrideReason: string | null },
  others: readonly AssignmentRow[],
): RuleBreak | null {
  const staff = world.staffById.get(a.staffId);
  const post = world.postDefs.get(a.postId);
  const shift = world.shiftById.get(a.shiftId);
  if (!staff || !post || !shift) return null;
  const stat = staticBlock(staff, post, a.day, Boolean(a.overrideReason));
  if (stat) return { reason: stat, message: blockLabel(stat, world.rules) };
  const base = addDays(a.day, -8);
  const cal = new StaffCalendar<number>(17, world.rules);
  for (const o of others) {
    const s = world.shiftById.get(o.shiftId);
    const i = daysBetween(base, o.day);
    if (s && i >= 0 && i < 17) cal.add(i, s, o.id, { night: isNightShift(s), weekend: false });
  }
  const t = cal.block(8, shift);
  return t ? { reason: t, message: blockLabel(t, world.rules) } : null;
}

/** A person's assignments around a day, for checkOne. */
export function neighbours(db: ReadDb, staffId: number, day: string): AssignmentRow[] {
  return assignmentsOfStaff(db, staffId, addDays(day, -8), addDays(day, 8));
}

/**
 * 自动排班 plans nobody on a day before the day their record was added (本街道的设置: a coordinator who adds someone on
 * the 15th and then generates the month does not expect them on the 1st–14th). Only the generator reads this: a shift
 * placed by hand on an earlier day is the coordinator recording work done before the record was made, and it is kept,
 * shown, printed and paid like any other.
 */
export function withoutDaysBeforeAdded(db: ReadDb, staff: readonly StaffDef[], dayOf: (instant: string) => string, from: string, to: string): StaffDef[] {
  const added = new Map((db.prepare(`SELECT id, created_at AS at FROM staff`).all() as Array<{ id: number; at: string }>).map((r) => [r.id, dayOf(r.at)]));
  return staff.map((s) => {
    const first = added.get(s.id);
    if (first === undefined || first <= from) return s;
    const unavailable = new Map(s.unavailable);
    for (const d of eachDay(from, first > to ? to : addDays(first, -1))) if (!unavailable.has(d)) unavailable.set(d, 'not_added');
    return { ...s, unavailable };
  });
}

/**
 * The members whose row was changed outside the program (its binding does not hold: written with the database key
 * alone, a viewer's password), checked with the run's key (a coordinator's); none without one.
 */
export function damagedStaff(db: ReadDb, sealer: Sealer | null, onlyIds?: readonly number[]): Set<number> {
  const damaged = new Set<number>();
  if (!sealer) return damaged;
  const ids = onlyIds ?? (db.prepare(`SELECT id FROM staff ORDER BY id`).pluck().all() as number[]);
  for (const id of ids) if (!rowIntact(db, sealer, STAFF_BINDING, id)) damaged.add(id);
  return damaged;
}

/** Of the members with a shift between `from` and `to`, those damaged (none without a key): what fills no position. */
export const damagedOnShift = (db: ReadDb, sealer: Sealer | null, from: string, to: string): Set<number> =>
  sealer ? damagedStaff(db, sealer, staffOnShift(db, from, to)) : new Set();

/**
 * The world with its damaged members held off every day: checkOne then refuses them with the block reason's own words
 * (blockLabel 'damaged'), for a shift put by hand as for 自动排班, and the calendar marks them. A day they are away
 * (leave, observation) stays so: the calendar still shows 陈静 under observation (S48-A5, S49-A6).
 */
export function holdingOffDamaged(world: World, damaged: ReadonlySet<number>): World {
  if (damaged.size === 0) return world;
  const staff = world.staff.map((s) => {
    if (!damaged.has(s.id)) return s;
    const unavailable = new Map(s.unavailable);
    for (const d of eachDay(world.from, world.to)) if (!unavailable.has(d)) unavailable.set(d, 'damaged');
    return { ...s, unavailable };
  });
  return { ...world, staff, staffById: new Map(staff.map((s) => [s.id, s])) };
}

/**
 * 自动排班 plans no day for a member whose row was changed outside the program: its name or number cannot be trusted to
 * find the member under observation (「陈静」 given a zero-width space offline matched no observed resident and was
 * planned: S49-A6). 未排满 and the run's summary name them.
 */
export function withoutDamagedRows(damaged: ReadonlySet<number>, staff: readonly StaffDef[], from: string, to: string): StaffDef[] {
  if (damaged.size === 0) return [...staff];
  return staff.map((s) => (damaged.has(s.id) ? { ...s, unavailable: new Map(eachDay(from, to).map((d) => [d, 'damaged' as const])) } : s));
}
