import { addDays } from '../dates.shared';
import { badInput, conflict, notFound } from '../errors';
import type { ReadDb } from '../db/types';
import type { HandlersOf } from '../handler-types';
import { getCommunity } from '../org/queries';
import { rotaContract } from './contract';
import { NOTICE_ALLOWANCES } from './duty-types.shared';
import * as q from './post-queries';
import { settleMedicalAtCheckpoints } from './medical-checkpoint-save';
import { earlierOn, earlierRates, listRates, rateOf, saveRate } from './rates';
import { STAFF_KIND_LABELS, type Post } from './types.shared';

/**
 * A post's shifts, attendance and allowances count for its community: moved once planned, the rosters and pay sheets
 * of days already worked would count them for the new one after the fact. A post never planned may be corrected.
 */
function refuseMovingPlanned(db: ReadDb, post: Post, communityId: number): void {
  const first = q.firstPlannedDay(db, post.id);
  if (first === null) return;
  const to = getCommunity(db, communityId)!.name;
  throw conflict(
    `「社区」：「${post.name}」从 ${first} 起已排过班，这些班次、考勤和补助都算在${post.communityName}，不能改到别的社区。请在${to}新建一个岗位。`,
    { field: 'communityId' },
  );
}

type PostChannels = Pick<
  typeof rotaContract,
  'rota.shifts.list' | 'rota.shifts.save' | 'rota.posts.list' | 'rota.posts.save' | 'rota.rules.get' | 'rota.rules.save' | 'rota.rates.list' | 'rota.rates.save'
>;

export const postHandlers: HandlersOf<PostChannels> = {
  'rota.shifts.list': (db) => q.listShifts(db),
  'rota.shifts.save': (db, input, ctx) => {
    // An end before the start is the next day's (rota/shift-times.shared.ts); only a shift ending when it starts is not one.
    if (input.endMinute === input.startMinute)
      throw badInput('「结束时间」不能与「开始时间」相同（跨零点的班，结束时间填次日的时刻，例如 20:00 到 08:00）。', { field: 'endMinute' });
    const before = input.id !== undefined ? q.getShift(db, input.id) : undefined;
    if (input.id !== undefined && !before) throw notFound('这个班次');
    if (q.listShifts(db).some((s) => s.name === input.name && s.id !== input.id)) throw conflict(`已有名为「${input.name}」的班次。`);
    const id = q.saveShift(db, input, ctx.clock.nowIso());
    const after = q.getShift(db, id)!;
    ctx.audit({ entity: 'rota_shift', entityId: id, before, after });
    return after;
  },
  'rota.posts.list': (db, input) => q.listPosts(db, input.communityId),
  'rota.posts.save': (db, input, ctx) => {
    if (!getCommunity(db, input.communityId)) throw badInput('「社区」不存在。', { field: 'communityId' });
    const before = input.id !== undefined ? q.getPost(db, input.id) : undefined;
    if (input.id !== undefined && !before) throw notFound('这个岗位');
    if (before && before.communityId !== input.communityId) refuseMovingPlanned(db, before, input.communityId);
    if (q.listPosts(db, input.communityId).some((p) => p.name === input.name && p.id !== input.id)) throw conflict(`这个社区已有名为「${input.name}」的岗位。`);
    const shifts = new Set(q.listShifts(db).map((s) => s.id));
    const seen = new Set<number>();
    input.requirements.forEach((r, i) => {
      if (!shifts.has(r.shiftId)) throw badInput(`第 ${i + 1} 项的「班次」不存在。`, { field: 'shiftId' });
      if (seen.has(r.shiftId)) throw badInput(`第 ${i + 1} 项的「班次」重复了，每个班次只填一行。`, { field: 'shiftId' });
      seen.add(r.shiftId);
    });
    if (input.kind === 'checkpoint' && !input.location) throw badInput('卡点值守岗位请填写「地点」。', { field: 'location' });
    // An edit that does not mention the leader keeps the one set.
    const leaderStaffId = input.leaderStaffId !== undefined ? input.leaderStaffId : (before?.leaderStaffId ?? null);
    if (leaderStaffId !== null) {
      const leader = db.prepare(`SELECT status FROM staff WHERE id = @id`).get({ id: leaderStaffId }) as { status: string } | undefined;
      if (!leader) throw badInput('「岗位负责人」在人员名册中不存在。', { field: 'leaderStaffId' });
      if (leader.status !== 'active') throw badInput('「岗位负责人」不在岗，请另选一位。', { field: 'leaderStaffId' });
    }
    const { medicalReason, medicalLater, ...post } = input;
    const id = q.savePost(db, { ...post, leaderStaffId }, ctx.clock.nowIso());
    const after = q.getPost(db, id)!;
    ctx.audit({ entity: 'rota_post', entityId: id, before, after });
    // Made a checkpoint while medical staff are planned on it: warn, and go on only with a reason or 「稍后调换」.
    if (before && before.kind !== 'checkpoint' && after.kind === 'checkpoint')
      settleMedicalAtCheckpoints(db, ctx, { postId: id }, { medicalReason, medicalLater });
    return after;
  },
  'rota.rules.get': (db) => q.readRules(db),
  'rota.rules.save': (db, input, ctx) => {
    // The notice asks for 轮休; with no rest day per 7, more than 6 days in a row means a whole week without one.
    if (input.minRestDaysPer7 === 0 && input.maxConsecutiveDays > 6)
      throw badInput('「最多连续工作」：每 7 天至少轮休设为 0 时，最多连续工作天数不能超过 6，否则会有人整周不休息（通知要求合理安排轮休）。', {
        field: 'maxConsecutiveDays',
      });
    const before = q.readRules(db);
    q.writeRules(db, input);
    ctx.audit({ entity: 'rota_rules', entityId: null, before, after: input });
    return q.readRules(db);
  },
  'rota.rates.list': (db, _input, ctx) => {
    const earlier = earlierRates(db);
    const today = ctx.clock.today();
    // A standard's first day: the day after the last one it replaced (none replaced: every day).
    const since = (kind: string) => earlier.filter((e) => e.staffKind === kind).reduce<string | null>((_, e) => addDays(e.until, 1), null);
    // A standard saved from a day still to come is not paid yet: today is paid at the replaced one it names.
    const paidToday = new Set(listRates(db).map((r) => earlierOn(earlier, r.staffKind, today)));
    return {
      rates: listRates(db).map((r) => ({ ...r, since: since(r.staffKind), pending: earlierOn(earlier, r.staffKind, today) !== undefined })),
      earlier: earlier.map((e) => ({ ...e, inForceToday: paidToday.has(e) })),
      removedPresets: q.removedPresetRates(db),
    };
  },
  'rota.rates.save': (db, input, ctx) => {
    // The notice names 临时性工作补助 for 专职城乡社区工作者 and 补贴 for 社区志愿者: each word for its own people.
    const owner = NOTICE_ALLOWANCES[input.label.trim()];
    if (owner !== undefined && owner !== input.staffKind)
      throw badInput(
        `「补助项目」「${input.label}」是通知为${STAFF_KIND_LABELS[owner]}提出的补助，${STAFF_KIND_LABELS[input.staffKind]}请用本单位自己的补助项目名称。`,
        { field: 'label' },
      );
    const before = rateOf(db, input.staffKind);
    const { from, ...rate } = input;
    saveRate(db, rate, from, ctx.clock.nowIso());
    ctx.audit({ entity: 'rota_rate', entityId: input.staffKind, before, after: input });
    return rateOf(db, input.staffKind)!;
  },
};
