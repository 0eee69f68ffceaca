import { addDays, weekdayMon0 } from '../dates.shared';
import { AppError, badInput, conflict, notFound } from '../errors';
import type { HandlersOf } from '../handler-types';
import { roleAtLeast } from '../contract';
import * as a from './assignment-queries';
import { rotaContract } from './contract';
import { checkOne, damagedStaff, demandsFor, holdingOffDamaged, loadWorld, neighbours, type World } from './planning';
import { medicalAtCheckpoint } from './rules';
import type { Assignment, Calendar, OpenSlot } from './types.shared';
import { POST_KIND_LABELS } from './types.shared';
import type { ReadDb } from '../db/types';
import type { Sealer } from '../db/sealer';

const CONFIRMED_MESSAGE = (name: string, day: string) =>
  `${name} ${day} 的这班已确认出勤情况，是发放补助的依据，不能删除或调换；如确认有误，请在「出勤确认」中更正。`;

type CalendarChannels = Pick<typeof rotaContract, 'rota.calendar' | 'rota.assign' | 'rota.unassign' | 'rota.publish'>;

/** Assignments with the rules each now breaks, and the positions still open. */
export function buildCalendar(
  db: ReadDb,
  from: string,
  to: string,
  filter: { communityId?: number | undefined; postId?: number | undefined } = {},
  sealer: Sealer | null = null,
): Calendar {
  // A member whose row was changed outside the program: every chip of theirs says so, and their row reads 记录被改动.
  // Checked with the window's key; a viewer's window has none and cannot tell (planning.ts damagedStaff).
  const damaged = damagedStaff(db, sealer);
  const world = holdingOffDamaged(loadWorld(db, from, to), damaged);
  const rows = a.listAssignments(db, addDays(from, -8), addDays(to, 8));
  const byStaff = new Map<number, a.AssignmentRow[]>();
  for (const r of rows) byStaff.set(r.staffId, [...(byStaff.get(r.staffId) ?? []), r]);
  const keep = (communityId: number, postId: number) =>
    (filter.communityId === undefined || communityId === filter.communityId) && (filter.postId === undefined || postId === filter.postId);
  const assignments: Assignment[] = rows
    .filter((r) => r.day >= from && r.day <= to && keep(r.communityId, r.postId))
    .map((r) => {
      const broken = checkOne(
        world,
        r,
        (byStaff.get(r.staffId) ?? []).filter((o) => o.id !== r.id),
      );
      return { ...r, problems: broken ? [broken.message] : [] };
    });
  // A position held by someone on leave (or no longer on duty) is still open; so is one held by a damaged member's
  // shift planned before the change (S51-A3: 缺 N 人 said nothing), as 工作台 counts it (filledCounts' damaged set).
  const count = a.filledCounts(db, from, to, damaged);
  const open: OpenSlot[] = demandsFor(world.posts, from, to)
    .filter((d) => keep(world.postDefs.get(d.postId)!.communityId, d.postId))
    .map((d) => ({ day: d.day, postId: d.postId, shiftId: d.shiftId, missing: d.headcount - (count.get(`${d.day}|${d.postId}|${d.shiftId}`) ?? 0) }))
    .filter((o) => o.missing > 0);
  const away: Calendar['away'] = {};
  for (const s of world.staff)
    for (const [day, why] of s.unavailable) if (why === 'leave' || why === 'observation' || why === 'damaged') (away[day] ??= []).push({ staffId: s.id, why });
  return {
    from,
    to,
    staff: world.staff
      .filter(
        (s) =>
          filter.communityId === undefined || s.communityId === filter.communityId || s.kind === 'agency_cadre' || assignments.some((x) => x.staffId === s.id),
      )
      .map((s) => ({ id: s.id, name: s.name, kind: s.kind, communityId: s.communityId, isMedical: s.isMedical })),
    posts: world.posts.filter((p) => keep(p.communityId, p.id)),
    shifts: world.shifts,
    assignments,
    open,
    publishedWeeks: a.listPublishedWeeks(db, addDays(from, -6), to),
    away,
  };
}

function describeBreak(world: World, staffName: string, day: string, postName: string, shiftName: string, message: string, others: a.AssignmentRow[]): string {
  const near = others
    .filter((o) => o.day >= addDays(day, -1) && o.day <= addDays(day, 1))
    .map((o) => `${o.day} ${world.shiftById.get(o.shiftId)?.name ?? ''}「${world.posts.find((p) => p.id === o.postId)?.name ?? ''}」`);
  const detail = near.length && /同一时间|小时/.test(message) ? `（已排：${near.join('、')}）` : '';
  return `「${staffName}」不能排在 ${day} ${shiftName}「${postName}」：违反规则「${message}」${detail}。`;
}

export const calendarHandlers: HandlersOf<CalendarChannels> = {
  'rota.calendar': (db, input, ctx) => buildCalendar(db, input.from, input.to, input, ctx.sealer),
  'rota.assign': (db, input, ctx) => {
    // One MAC, the member's own row, in this write's transaction: a row changed outside the program is refused in the
    // words 自动排班 holds it off with (blockLabel 'damaged', through checkOne), for a new shift and a moved one alike.
    const world = holdingOffDamaged(loadWorld(db, input.day, input.day, [input.staffId]), damagedStaff(db, ctx.sealer, [input.staffId]));
    const staff = world.staffById.get(input.staffId);
    const post = world.posts.find((p) => p.id === input.postId);
    const shift = world.shiftById.get(input.shiftId);
    if (!staff) throw notFound('这名人员');
    if (!post) throw notFound('这个岗位');
    if (!shift) throw notFound('这个班次');
    const replaced = input.replacesId !== undefined ? a.getAssignment(db, input.replacesId) : undefined;
    if (input.replacesId !== undefined && !replaced) throw notFound('要调整的原排班');
    if (replaced && a.isConfirmed(db, replaced.id)) throw conflict(CONFIRMED_MESSAGE(replaced.staffName, replaced.day));
    const needsOverride = medicalAtCheckpoint(staff.isMedical, post.kind);
    const reason = input.overrideReason?.trim() || null;
    if (needsOverride && reason && !roleAtLeast(ctx.session.role, 'coordinator')) {
      throw new AppError('FORBIDDEN', `破例安排医务人员「${staff.name}」上${POST_KIND_LABELS.checkpoint}，须由统筹负责人办理。`);
    }
    if (reason && !needsOverride) throw badInput('「破例安排的理由」只用于医务人员上卡点值守；这次安排不需要破例。', { field: 'overrideReason' });
    if (replaced) a.deleteAssignment(db, replaced.id);
    const others = neighbours(db, input.staffId, input.day);
    if (others.some((o) => o.day === input.day && o.postId === input.postId && o.shiftId === input.shiftId))
      throw conflict(`「${staff.name}」已排在 ${input.day} ${shift.name}「${post.name}」，不要重复安排。`);
    const broken = checkOne(world, { ...input, overrideReason: reason }, others);
    if (broken) {
      const tail = broken.reason === 'medical_checkpoint' ? '如确需安排，请统筹负责人填写破例理由。' : '';
      throw conflict(describeBreak(world, staff.name, input.day, post.name, shift.name, broken.message, others) + tail, {
        rule: broken.reason,
        staffId: staff.id,
      });
    }
    const id = a.insertAssignment(
      db,
      { day: input.day, postId: input.postId, shiftId: input.shiftId, staffId: input.staffId, source: 'manual', overrideReason: reason },
      ctx.clock.nowIso(),
    );
    if (replaced) ctx.audit({ entity: 'rota_assignment', entityId: replaced.id, before: replaced });
    ctx.audit({ entity: 'rota_assignment', entityId: id, after: a.getAssignment(db, id) });
    return { id };
  },
  'rota.unassign': (db, input, ctx) => {
    const before = a.getAssignment(db, input.id);
    if (!before) throw notFound('这条排班');
    if (a.isConfirmed(db, input.id)) throw conflict(CONFIRMED_MESSAGE(before.staffName, before.day));
    a.deleteAssignment(db, input.id);
    ctx.audit({ entity: 'rota_assignment', entityId: input.id, before });
    return null;
  },
  'rota.publish': (db, input, ctx) => {
    if (weekdayMon0(input.weekStart) !== 0) throw badInput('「周起始日」应为星期一。', { field: 'weekStart' });
    a.setPublished(db, input.communityId, input.weekStart, input.published, ctx.clock.nowIso());
    ctx.audit({ entity: 'rota_published_week', entityId: `${input.communityId}:${input.weekStart}`, after: input });
    return null;
  },
};
