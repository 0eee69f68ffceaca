/**
 * 出勤确认: a planned shift is worked only when someone says so. The post's
 * leader (岗位负责人, their sign-off entered by a clerk) or a coordinator
 * confirms each shift as worked or missed, one by one or a whole day at once;
 * the pay sheet pays confirmed shifts only. A shift on a day of leave, after a
 * death, while not on duty or under observation is flagged and never confirmed
 * as worked; so is one of a member whose row was changed outside the program
 * (planned before the change: the name on it cannot be trusted, S51-A1).
 */
import type { Clock } from '../clock';
import { roleAtLeast, type Role } from '../contract';
import { dayIn } from '../dates.shared';
import type { ReadDb, WriteDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import { AppError, badInput, conflict, notFound } from '../errors';
import type { AuditInput } from '../handler-types';
import type { AttendanceDay, AttendanceRow, AttendanceStatus, ConfirmDayResult } from './duty-types.shared';
import { readSettings } from '../settings/queries';
import { observationSpans } from './staff-queries';
import { offDutyOn } from './assignment-queries';
import { damagedStaff } from './planning';
import { blockLabel, DEFAULT_RULES } from './types.shared';
import { ATTENDANCE_BINDING, ATTENDANCE_DAMAGED, attendanceIntact, attendanceSealer } from './attendance-binding';
import { bindRow } from '../db/row-binding';
import { hhmm } from './shift-times.shared';

const ROWS = `
  SELECT a.id AS assignmentId, a.day, a.post_id AS postId, p.name AS postName, p.community_id AS communityId, c.name AS communityName,
         a.shift_id AS shiftId, sh.name AS shiftName, a.staff_id AS staffId, s.name AS staffName, s.status AS staffStatus, s.inactive_from AS inactiveFrom,
         t.id AS attendanceId, t.day = a.day AND t.post_id = a.post_id AND t.shift_id = a.shift_id AND t.staff_id = a.staff_id AS attendanceMatches,
         coalesce(t.status, 'planned') AS status, t.confirmed_by AS confirmedBy, t.confirmed_as AS confirmedAs, coalesce(t.note, '') AS note,
         p.leader_staff_id AS leaderId, ls.name AS leaderName,
         (SELECT l.reason FROM staff_leave l WHERE l.staff_id = a.staff_id AND a.day BETWEEN l.from_day AND l.to_day LIMIT 1) AS leaveReason,
         (SELECT min(m.died_at) FROM honours_memorials m WHERE m.staff_id = a.staff_id) AS diedAt
  FROM rota_assignments a
  JOIN rota_posts p ON p.id = a.post_id JOIN communities c ON c.id = p.community_id
  JOIN rota_shifts sh ON sh.id = a.shift_id JOIN staff s ON s.id = a.staff_id
  LEFT JOIN staff ls ON ls.id = p.leader_staff_id
  LEFT JOIN rota_attendance t ON t.assignment_id = a.id`;

type Raw = Omit<AttendanceRow, 'flag' | 'leader'> & {
  attendanceId: number | null;
  attendanceMatches: number | null;
  staffStatus: string;
  inactiveFrom: string | null;
  leaderId: number | null;
  leaderName: string | null;
  leaveReason: string | null;
  diedAt: string | null;
};

/**
 * The rows of some assignments with their flags (a death is dated by the office's calendar). With the window's key
 * (`sealer`), a member whose row's binding fails is flagged in 自动排班's words, and a shift whose attendance row was
 * changed outside the program (attendance-binding.ts) counts as not confirmed, flagged ATTENDANCE_DAMAGED: it pays
 * nothing. A viewer's window cannot tell either.
 */
function rowsWhere(db: ReadDb, where: string, params: Record<string, unknown>, sealer: Sealer | null = null): AttendanceRow[] {
  const zone = readSettings(db).timeZone;
  const dayOf = (instant: string) => dayIn(instant, zone);
  const raw = db.prepare(`${ROWS} WHERE ${where} ORDER BY a.day, c.id, p.name, sh.sort_order, s.name`).all(params) as Raw[];
  if (raw.length === 0) return [];
  const days = raw.map((r) => r.day).sort();
  const observed = new Map<number, Array<{ start: string; end: string }>>();
  for (const o of observationSpans(db, days[0]!, days[days.length - 1]!)) observed.set(o.staffId, [...(observed.get(o.staffId) ?? []), o]);
  const damaged = damagedStaff(db, sealer, [...new Set(raw.map((r) => r.staffId))]);
  return raw.map(({ staffStatus, inactiveFrom, leaderId, leaderName, leaveReason, diedAt, attendanceId, attendanceMatches, ...stored }) => {
    const deathDay = diedAt ? dayOf(diedAt) : null;
    const forged = attendanceId !== null && sealer !== null && (attendanceMatches !== 1 || !attendanceIntact(db, sealer, attendanceId));
    const r = forged ? { ...stored, status: 'planned' as const, confirmedBy: null, confirmedAs: null, note: '' } : stored;
    const flag = damaged.has(r.staffId)
      ? blockLabel('damaged', DEFAULT_RULES)
      : leaveReason !== null
        ? `请假${leaveReason ? `（${leaveReason}）` : ''}`
        : staffStatus === 'deceased' && (deathDay === null || r.day > deathDay)
          ? '人员已牺牲'
          : offDutyOn(staffStatus, inactiveFrom, r.day)
            ? '人员不在岗'
            : (observed.get(r.staffId) ?? []).some((o) => o.start <= r.day && r.day <= o.end)
              ? '本人正在居家/医学观察'
              : forged
                ? ATTENDANCE_DAMAGED
                : null;
    return { ...r, flag, leader: leaderId !== null && leaderName !== null ? { staffId: leaderId, name: leaderName } : null, startsLater: null };
  });
}

/** A day's shifts; today's not yet begun by `clock` say when they begin (startsLater). */
export function attendanceDay(db: ReadDb, clock: Clock, day: string, communityId: number | undefined, sealer: Sealer | null): AttendanceDay {
  const where = `a.day = @day${communityId !== undefined ? ' AND p.community_id = @communityId' : ''}`;
  const rows = rowsWhere(db, where, { day, communityId }, sealer);
  if (day !== clock.today()) return { day, rows };
  const notStarted = shiftsNotStarted(db, clock);
  return { day, rows: rows.map((r) => ({ ...r, startsLater: notStarted(r.shiftId) })) };
}

/** Every planned shift of a period, with its attendance and flags (the pay sheet's planned vs confirmed). */
export function attendanceBetween(db: ReadDb, from: string, to: string, sealer: Sealer | null): AttendanceRow[] {
  return rowsWhere(db, `a.day BETWEEN @from AND @to`, { from, to }, sealer);
}

export interface Confirmer {
  role: Role;
  displayName: string;
  /** The post's leader whose sign-off is being entered; omitted: the coordinator confirms in their own name. */
  leaderStaffId?: number | undefined;
}

/** Who confirms, checked against each row's post: its leader, or a coordinator. */
function authority(rows: readonly AttendanceRow[], who: Confirmer): { as: 'leader' | 'coordinator'; by: string; leaderStaffId: number | null } {
  if (who.leaderStaffId === undefined) {
    if (!roleAtLeast(who.role, 'coordinator'))
      throw new AppError('FORBIDDEN', '请选择确认出勤的岗位负责人：录入员按岗位负责人的确认登记，统筹负责人可以直接确认。');
    return { as: 'coordinator', by: who.displayName, leaderStaffId: null };
  }
  for (const r of rows) {
    if (r.leader === null)
      throw badInput(`「岗位负责人」岗位「${r.communityName}·${r.postName}」还没有指定负责人：请在「岗位与班次」中指定，或由统筹负责人确认。`, {
        field: 'leaderStaffId',
      });
    if (r.leader.staffId !== who.leaderStaffId)
      throw badInput(`「岗位负责人」岗位「${r.communityName}·${r.postName}」的负责人是${r.leader.name}，只能由其确认。`, { field: 'leaderStaffId' });
  }
  const leader = rows[0]!.leader!;
  return { as: 'leader', by: leader.name, leaderStaffId: leader.staffId };
}

export interface ConfirmEntry {
  assignmentId: number;
  status: AttendanceStatus;
  note?: string | undefined;
}

/**
 * Today's shifts that have not begun by the office's clock, each as 「16:00 才开始」: a shift is confirmed as
 * worked once it has begun, not in advance (at 10:00 「确认当天全部出勤」 marked the 中班 16:00–24:00 as worked, and
 * the pay sheet paid it). A shift's start is its day's wall time in the office's zone (a 夜班 00:00 starts that day).
 */
function shiftsNotStarted(db: ReadDb, clock: Clock): (shiftId: number) => string | null {
  const wall = clock.wallTime(clock.now());
  const [hh, mm] = wall.time.split(':').map(Number);
  const nowMinute = hh! * 60 + mm!;
  const starts = new Map(
    (db.prepare(`SELECT id, start_minute AS startMinute FROM rota_shifts`).all() as Array<{ id: number; startMinute: number }>).map((s) => [
      s.id,
      s.startMinute,
    ]),
  );
  return (shiftId) => {
    const start = starts.get(shiftId);
    if (start === undefined || start <= nowMinute) return null;
    return `${hhmm(start)} 才开始`;
  };
}

/** Confirms (or corrects) the attendance of planned shifts; every change audited. */
export function confirmAttendance(
  db: WriteDb,
  clock: Clock,
  entries: readonly ConfirmEntry[],
  who: Confirmer,
  sealer: Sealer | null,
): { changed: number; audit: AuditInput[] } {
  const key = attendanceSealer(sealer);
  const ids = [...new Set(entries.map((e) => e.assignmentId))];
  const rows = rowsWhere(db, `a.id IN (SELECT value FROM json_each(@ids))`, { ids: JSON.stringify(ids) }, sealer);
  for (const id of ids) if (!rows.some((r) => r.assignmentId === id)) throw notFound(`排班（编号 ${id}）`);
  const today = clock.today();
  const notStarted = shiftsNotStarted(db, clock);
  const by = authority(rows, who);
  const now = clock.nowIso();
  const audit: AuditInput[] = [];
  const upsert = db.prepare(
    `INSERT INTO rota_attendance (assignment_id, day, post_id, shift_id, staff_id, status, confirmed_as, leader_staff_id, confirmed_by, entered_by, note, confirmed_at)
     VALUES (@assignmentId, @day, @postId, @shiftId, @staffId, @status, @as, @leaderStaffId, @by, @enteredBy, @note, @now)
     ON CONFLICT (assignment_id) DO UPDATE SET status = excluded.status, confirmed_as = excluded.confirmed_as, leader_staff_id = excluded.leader_staff_id,
       confirmed_by = excluded.confirmed_by, entered_by = excluded.entered_by, note = excluded.note, confirmed_at = excluded.confirmed_at`,
  );
  for (const e of entries) {
    const r = rows.find((x) => x.assignmentId === e.assignmentId)!;
    if (r.day > today) throw badInput(`「日期」${r.day} 还没到，不能确认出勤（${r.staffName}）。`, { field: 'day' });
    const waiting = r.day === today ? notStarted(r.shiftId) : null;
    if (e.status === 'present' && waiting !== null)
      throw badInput(`「出勤情况」${r.staffName} 今天的「${r.shiftName}」${waiting}，还不能确认为出勤。`, { field: 'status' });
    // A row changed outside the program is confirmed again one by one, after checking (一键确认 leaves it): not its flag.
    if (e.status === 'present' && r.flag !== null && r.flag !== ATTENDANCE_DAMAGED)
      throw conflict(`${r.staffName} ${r.day} ${r.shiftName}「${r.postName}」不能确认为出勤：${r.flag}。请确认为缺勤，或先核实请假/人员状态。`);
    const note = (e.note ?? '').trim();
    if (r.status === e.status && r.note === note && r.flag !== ATTENDANCE_DAMAGED) continue;
    upsert.run({ ...r, status: e.status, as: by.as, leaderStaffId: by.leaderStaffId, by: by.by, enteredBy: who.displayName, note, now });
    bindRow(db, key, ATTENDANCE_BINDING, attendanceIdOf(db, r.assignmentId));
    audit.push({
      entity: 'rota_attendance',
      entityId: r.assignmentId,
      before:
        r.flag === ATTENDANCE_DAMAGED
          ? { damaged: ATTENDANCE_DAMAGED }
          : r.status === 'planned'
            ? null
            : { status: r.status, confirmedBy: r.confirmedBy, note: r.note },
      after: { day: r.day, staff: r.staffName, post: r.postName, shift: r.shiftName, status: e.status, confirmedBy: by.by, confirmedAs: by.as, note },
    });
  }
  return { changed: audit.length, audit };
}

const attendanceIdOf = (db: ReadDb, assignmentId: number): number =>
  (db.prepare(`SELECT id FROM rota_attendance WHERE assignment_id = ?`).get(assignmentId) as { id: number }).id;

/** 一键确认: every planned, unflagged, unconfirmed shift of the day (of a community or post) as worked. */
export function confirmDay(
  db: WriteDb,
  clock: Clock,
  q: { day: string; communityId?: number | undefined; postId?: number | undefined },
  who: Confirmer,
  sealer: Sealer | null,
): ConfirmDayResult & { audit: AuditInput[] } {
  const rows = attendanceDay(db, clock, q.day, q.communityId, sealer)
    .rows.filter((r) => (q.postId === undefined || r.postId === q.postId) && r.status === 'planned')
    .map((r) => ({ ...r, flag: r.flag ?? r.startsLater }));
  const skipped = rows.filter((r) => r.flag !== null).map((r) => ({ assignmentId: r.assignmentId, staffName: r.staffName, why: r.flag! }));
  const ready = rows.filter((r) => r.flag === null);
  if (ready.length === 0) return { confirmed: 0, skipped, audit: [] };
  const done = confirmAttendance(
    db,
    clock,
    ready.map((r) => ({ assignmentId: r.assignmentId, status: 'present' })),
    who,
    sealer,
  );
  return { confirmed: done.changed, skipped, audit: done.audit };
}

/** Demo data only: every shift before `day` as worked, confirmed by a coordinator named `by`, each row bound. */
export function confirmAllBefore(db: WriteDb, sealer: Sealer, day: string, by: string, nowIso: string): void {
  const ids = db
    .prepare(
      `INSERT INTO rota_attendance (assignment_id, day, post_id, shift_id, staff_id, status, confirmed_as, confirmed_by, entered_by, confirmed_at)
     SELECT a.id, a.day, a.post_id, a.shift_id, a.staff_id, 'present', 'coordinator', @by, @by, @now FROM rota_assignments a
     WHERE a.day < @day AND NOT EXISTS (SELECT 1 FROM rota_attendance t WHERE t.assignment_id = a.id) RETURNING id`,
    )
    .all({ day, by, now: nowIso }) as Array<{ id: number }>;
  for (const { id } of ids) bindRow(db, sealer, ATTENDANCE_BINDING, id);
}

/** The days of a period that still have planned shifts nobody confirmed (for the pay sheet's warning). */
export function unconfirmedDays(rows: readonly AttendanceRow[]): string[] {
  return [...new Set(rows.filter((r) => r.status === 'planned').map((r) => r.day))].sort();
}
