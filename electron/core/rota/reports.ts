/**
 * Read functions other areas use too: allowances (and the submission's
 * 值守人员及补助统计表), the printed roster, and the dashboard's outlook.
 */
import { addDays, eachDay } from '../dates.shared';
import type { ReadDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import { staffPhones } from './staff-queries';
import { readSettings } from '../settings/queries';
import { filledCounts, listAssignments, unavailableAssignments } from './assignment-queries';
import { attendanceBetween } from './attendance';
import type { AttendanceRow } from './duty-types.shared';
import { staffChangesAfter, staffOn, type StaffChange } from './staff-changes.repo';
import { listPosts, listShifts } from './post-queries';
import { rateBook, type RateBook } from './rates';
import { damagedOnShift, damagedStaff, demandsFor } from './planning';
import { rowDamaged } from '../db/row-binding';
import { STAFF_BINDING } from './sealed-staff';
import { medicalAtCheckpoint } from './rules';

/** Printed for a medical person on a checkpoint whose shift carries no reason (the notice: 原则上不安排他们在卡点值守). */
export const NO_OVERRIDE_REASON = '未写破例理由（医务人员原则上不安排卡点值守）';
import { DAMAGED_ON_ROSTER, type Roster, type RosterAway, type RosterCommunity, type RosterPhones, type RotaOutlook } from './report-types.shared';
import { POST_KIND_LABELS, type AllowanceRow, type AllowanceStandard, type Rate, type StaffKind } from './types.shared';

/**
 * Per person for [from, to]: shifts planned, shifts confirmed as worked (出勤确认)
 * and the allowance on confirmed ones only, at the office's rate for the
 * person's kind; adjustments and the total. A planned shift nobody confirmed
 * pays nothing, and is shown as such. Each day (a shift's, an adjustment's)
 * counts with the community and kind the person had that day (staff_changes,
 * 072): a person who moved or changed kind in the period has a row for each.
 */
export function computeAllowances(db: ReadDb, from: string, to: string, communityId?: number, sealer: Sealer | null = null): AllowanceRow[] {
  const shifts = attendanceBetween(db, from, to, sealer);
  const adjustments = db
    .prepare(
      `SELECT staff_id AS staffId, day, amount_fen AS amountFen, reason FROM rota_allowance_adjustments WHERE day BETWEEN @from AND @to ORDER BY day, id`,
    )
    .all({ from, to }) as Adjustment[];
  const ids = [...new Set([...shifts.map((w) => w.staffId), ...adjustments.map((x) => x.staffId)])];
  if (ids.length === 0) return [];
  // With the window's key: a member paid in the period whose staff row was changed outside the program (another name
  // signs for her pay) refuses the pay, naming the row, as the roster with full phones does (attack run 52, S52-A4: a
  // shift confirmed before the change was paid to 「李四」). Without a key it cannot be told (stated, as the calendar).
  const paid = [...new Set([...shifts.filter((w) => w.status === 'present').map((w) => w.staffId), ...adjustments.map((x) => x.staffId)])];
  const [damaged] = damagedStaff(db, sealer, paid);
  if (damaged !== undefined) throw rowDamaged(STAFF_BINDING, damaged);
  const people = db
    .prepare(
      `SELECT s.id, s.name, s.kind, s.community_id AS communityId, coalesce(c.name, '') AS communityName FROM staff s LEFT JOIN communities c ON c.id = s.community_id WHERE s.id IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ ids: JSON.stringify(ids) }) as Person[];
  const changes = new Map<number, StaffChange[]>();
  for (const m of staffChangesAfter(db, from, ids)) changes.set(m.staffId, [...(changes.get(m.staffId) ?? []), m]);
  const standardsOf = standardRuns(rateBook(db), from, to);
  const rows: AllowanceRow[] = [];
  for (const now of people) {
    // A change leaves the days before it, and their pay, with the community and kind of then (a sheet printed reads the same).
    const parts = new Map<string, { person: Person; shifts: AttendanceRow[]; adjusted: Adjustment[] }>();
    const partOn = (day: string) => {
      const person = staffOn(now, changes.get(now.id) ?? [], day);
      const key = `${person.communityId}|${person.kind}`;
      let part = parts.get(key);
      if (!part) parts.set(key, (part = { person, shifts: [], adjusted: [] }));
      return part;
    };
    for (const x of shifts) if (x.staffId === now.id) partOn(x.day).shifts.push(x);
    for (const x of adjustments) if (x.staffId === now.id) partOn(x.day).adjusted.push(x);
    for (const { person, shifts: mine, adjusted } of parts.values())
      if (communityId === undefined || person.communityId === communityId) rows.push(allowanceRow(person, mine, adjusted, standardsOf(person.kind)));
  }
  return rows.sort((x, y) => x.communityName.localeCompare(y.communityName, 'zh-CN') || x.kind.localeCompare(y.kind) || x.name.localeCompare(y.name, 'zh-CN'));
}

interface Person {
  id: number;
  name: string;
  kind: StaffKind;
  communityId: number | null;
  communityName: string;
}
interface Adjustment {
  staffId: number;
  day: string;
  amountFen: number;
  reason: string;
}
type StandardRun = { from: string; to: string; rate: Rate | undefined };

/** One line of the pay: a person's planned and confirmed shifts and adjustments (in one community), priced day by day. */
function allowanceRow(p: Person, mine: AttendanceRow[], adjusted: Adjustment[], runs: StandardRun[]): AllowanceRow {
  const worked = mine.filter((x) => x.status === 'present');
  // Each day at the standard in force that day: a standard changed mid-period pays the days before at the old one.
  const standards = runs
    .map(({ from: a, to: b, rate }): AllowanceStandard => {
      const here = worked.filter((x) => x.day >= a && x.day <= b);
      const w = { days: new Set(here.map((x) => x.day)).size, shifts: here.length };
      const baseFen = rate ? (rate.basis === 'day' ? w.days : w.shifts) * rate.amountFen : 0;
      return { from: a, to: b, label: rate?.label ?? '未设补助标准', basis: rate?.basis ?? null, amountFen: rate?.amountFen ?? 0, ...w, baseFen };
    })
    .filter((x) => x.shifts > 0);
  // Shown beside the figures: the last standard paid, or (nothing worked) the one in force on the period's last day.
  const atEnd = runs.at(-1)?.rate;
  const shown = standards.at(-1) ?? { label: atEnd?.label ?? '未设补助标准', basis: atEnd?.basis ?? null, amountFen: atEnd?.amountFen ?? 0 };
  const labels = [...new Set(standards.filter((x) => x.basis !== null).map((x) => x.label))];
  const baseFen = standards.reduce((n, x) => n + x.baseFen, 0);
  const adjustmentFen = adjusted.reduce((n, x) => n + x.amountFen, 0);
  return {
    staffId: p.id,
    name: p.name,
    kind: p.kind,
    communityName: p.communityName,
    plannedDays: new Set(mine.map((x) => x.day)).size,
    plannedShifts: mine.length,
    unconfirmedShifts: mine.filter((x) => x.status === 'planned').length,
    flaggedShifts: mine.filter((x) => x.status === 'planned' && x.flag !== null).length,
    days: new Set(worked.map((x) => x.day)).size,
    shifts: worked.length,
    label: labels.length > 0 ? labels.join('、') : shown.label,
    basis: shown.basis,
    rateFen: shown.amountFen,
    standards,
    baseFen,
    adjustmentFen,
    adjustmentReasons: adjusted.map((x) => x.reason),
    totalFen: baseFen + adjustmentFen,
  };
}

const sameStandard = (a: Rate | undefined, b: Rate | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.basis === b.basis && a.amountFen === b.amountFen && a.label === b.label);

/** A kind's standards over [from, to] as runs of days with one standard each (rate undefined: none set then). */
function standardRuns(book: RateBook, from: string, to: string): (kind: StaffKind) => StandardRun[] {
  const cache = new Map<StaffKind, StandardRun[]>();
  return (kind) => {
    let runs = cache.get(kind);
    if (runs) return runs;
    runs = [];
    for (const d of eachDay(from, to)) {
      const rate = book(kind, d);
      const last = runs.at(-1);
      if (last && sameStandard(last.rate, rate)) last.to = d;
      else runs.push({ from: d, to: d, rate });
    }
    cache.set(kind, runs);
    return runs;
  };
}

/** 值守人员及补助统计表 for the submission package: the same rows as the pay sheet, for a period (people: each once, moved or not). */
export function readStaffAllowanceForm(
  db: ReadDb,
  from: string,
  to: string,
  sealer: Sealer | null = null,
): { rows: AllowanceRow[]; totalFen: number; people: number; shifts: number } {
  const rows = computeAllowances(db, from, to, undefined, sealer);
  return {
    rows,
    totalFen: rows.reduce((n, r) => n + r.totalFen, 0),
    people: new Set(rows.map((r) => r.staffId)).size,
    shifts: rows.reduce((n, r) => n + r.shifts, 0),
  };
}

/**
 * The printed roster: per community, posts × days × shifts with names and phones. Phones are masked unless the print
 * asks for them in full (a roster posted at the post is there to be rung; rota.roster audits that print).
 */
export function buildRoster(
  db: ReadDb,
  sealer: Sealer | null,
  o: { from: string; to: string; communityId?: number | undefined; phones: RosterPhones },
): Roster {
  const { from, to, communityId } = o;
  const assignments = listAssignments(db, from, to);
  // A post stood down since keeps the days it was planned on (a roster of last month reprinted reads the same).
  const planned = new Set(assignments.map((x) => x.postId));
  const posts = listPosts(db).filter((p) => (p.active || planned.has(p.id)) && (communityId === undefined || p.communityId === communityId));
  const shifts = listShifts(db);
  const days = eachDay(from, to);
  // Someone on leave (or no longer on duty) since the rota was made keeps the name on paper, marked, and fills no position.
  const away = new Map<number, RosterAway>(unavailableAssignments(db, from, to));
  // A member whose row was changed outside the program (checked with the window's key): her name is printed as stored,
  // marked, and fills no position, as the calendar holds her off (S51-A3: 「李四」 was printed at the post unmarked).
  const damaged = damagedStaff(db, sealer, [...new Set(assignments.map((x) => x.staffId))]);
  for (const x of assignments) if (damaged.has(x.staffId) && !away.has(x.id)) away.set(x.id, DAMAGED_ON_ROSTER);
  // Full phones opened with the clerk's key, only when asked for: the masks otherwise.
  const staff = staffPhones(db, sealer, o.phones === 'full');
  const communities = [...new Map(posts.map((p) => [p.communityId, p.communityName]))];
  // A medical person on a checkpoint with no recorded reason (the post became a checkpoint, the person was marked
  // medical, after the shift was planned): printed ※ with 「未写破例理由」, as the calendar marks it, never as a plain name.
  const kindOf = new Map(posts.map((p) => [p.id, p.kind]));
  const reasonOf = (x: { staffId: number; postId: number; overrideReason: string | null }): string | null =>
    x.overrideReason ?? (medicalAtCheckpoint(staff.get(x.staffId)?.isMedical ?? false, kindOf.get(x.postId) ?? 'duty') ? NO_OVERRIDE_REASON : null);
  const printedPosts = new Set(posts.map((p) => p.id));
  const named = new Set(assignments.filter((x) => printedPosts.has(x.postId)).map((x) => x.staffId));
  return {
    officeName: readSettings(db).officeName,
    from,
    to,
    phones: o.phones,
    people: named.size,
    communities: communities.map(([cid, cname]): RosterCommunity => {
      const mine = posts.filter((p) => p.communityId === cid);
      const rows = assignments.filter((x) => x.communityId === cid);
      const leaders: Record<string, string> = {};
      for (const d of days) {
        const lead = rows.find((x) => x.day === d && !away.has(x.id) && staff.get(x.staffId)?.isLeader === 1);
        leaders[d] = lead ? `${lead.staffName} ${staff.get(lead.staffId)?.phone ?? ''}`.trim() : '';
      }
      const usedShifts = shifts.filter((s) => mine.some((p) => p.requirements.some((r) => r.shiftId === s.id)) || rows.some((x) => x.shiftId === s.id));
      return {
        communityId: cid,
        communityName: cname,
        days,
        shifts: usedShifts.map((s) => ({ id: s.id, name: s.name })),
        posts: mine.map((p) => {
          const cells: RosterCommunity['posts'][number]['cells'] = {};
          for (const x of rows.filter((r) => r.postId === p.id)) {
            const key = `${x.day}|${x.shiftId}`;
            (cells[key] ??= { names: [], missing: 0 }).names.push({
              name: x.staffName,
              phone: staff.get(x.staffId)?.phone ?? '',
              override: reasonOf(x),
              away: away.get(x.id) ?? null,
            });
          }
          // A post stood down owes no more people (no 缺 N 人).
          for (const d of demandsFor(p.active ? [p] : [], from, to)) {
            const cell = (cells[`${d.day}|${d.shiftId}`] ??= { names: [], missing: 0 });
            cell.missing = Math.max(0, d.headcount - cell.names.filter((n) => n.away === null).length);
          }
          return { id: p.id, name: p.name, kindLabel: POST_KIND_LABELS[p.kind], location: p.location, cells };
        }),
        leaders,
        overrides: rows
          .filter((x) => printedPosts.has(x.postId) && reasonOf(x) !== null)
          .map((x) => ({ day: x.day, name: x.staffName, post: mine.find((p) => p.id === x.postId)?.name ?? '', reason: reasonOf(x)! })),
      };
    }),
  };
}

/**
 * Dashboard: open positions in the next 7 days and the staffing fill rate over the next 14. A member whose row was
 * changed outside the program fills none (S51-A3, as 工作台's figures and the calendar), with the window's key.
 */
export function rotaOutlook(db: ReadDb, today: string, sealer: Sealer | null = null): RotaOutlook {
  const to = addDays(today, 13);
  const demands = demandsFor(listPosts(db), today, to);
  const count = filledCounts(db, today, to, damagedOnShift(db, sealer, today, to));
  let required = 0;
  let covered = 0;
  let unfilled7 = 0;
  const week = addDays(today, 6);
  for (const d of demands) {
    const have = Math.min(d.headcount, count.get(`${d.day}|${d.postId}|${d.shiftId}`) ?? 0);
    required += d.headcount;
    covered += have;
    if (d.day <= week) unfilled7 += d.headcount - have;
  }
  return { unfilledNext7: unfilled7, fillRateNext14: required === 0 ? 1 : covered / required, requiredNext14: required };
}
