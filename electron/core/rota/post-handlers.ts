import { badInput, conflict, notFound } from '../errors';
import type { HandlersOf } from '../handler-types';
import { getCommunity } from '../org/queries';
import { rotaContract } from './contract';
import * as q from './post-queries';

type PostChannels = Pick<typeof rotaContract, 'rota.shifts.list' | 'rota.shifts.save' | 'rota.posts.list' | 'rota.posts.save' | 'rota.rules.get' | 'rota.rules.save' | 'rota.rates.list' | 'rota.rates.save'>;

export const postHandlers: HandlersOf<PostChannels> = {
  'rota.shifts.list': (db) => q.listShifts(db),
  'rota.shifts.save': (db, input, ctx) => {
    if (input.endMinute <= input.startMinute) throw badInput('「结束时间」应晚于「开始时间」（跨零点的班请拆成两段，例如 00:00–08:00）。', { field: 'endMinute' });
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
    if (q.listPosts(db, input.communityId).some((p) => p.name === input.name && p.id !== input.id)) throw conflict(`这个社区已有名为「${input.name}」的岗位。`);
    const shifts = new Set(q.listShifts(db).map((s) => s.id));
    const seen = new Set<number>();
    input.requirements.forEach((r, i) => {
      if (!shifts.has(r.shiftId)) throw badInput(`第 ${i + 1} 项的「班次」不存在。`, { field: 'shiftId' });
      if (seen.has(r.shiftId)) throw badInput(`第 ${i + 1} 项的「班次」重复了，每个班次只填一行。`, { field: 'shiftId' });
      seen.add(r.shiftId);
    });
    if (input.kind === 'checkpoint' && !input.location) throw badInput('卡点值守岗位请填写「地点」。', { field: 'location' });
    const id = q.savePost(db, input, ctx.clock.nowIso());
    const after = q.getPost(db, id)!;
    ctx.audit({ entity: 'rota_post', entityId: id, before, after });
    return after;
  },
  'rota.rules.get': (db) => q.readRules(db),
  'rota.rules.save': (db, input, ctx) => {
    if (input.minRestDaysPer7 === 0 && input.maxConsecutiveDays > 6) throw badInput('通知要求安排轮休：「每 7 天轮休天数」为 0 时，「最多连续工作天数」不能超过 6。', { field: 'maxConsecutiveDays' });
    const before = q.readRules(db);
    q.writeRules(db, input);
    ctx.audit({ entity: 'rota_rules', entityId: null, before, after: input });
    return q.readRules(db);
  },
  'rota.rates.list': (db) => q.listRates(db),
  'rota.rates.save': (db, input, ctx) => {
    const before = q.rateOf(db, input.staffKind);
    q.saveRate(db, input, ctx.clock.nowIso());
    ctx.audit({ entity: 'rota_rate', entityId: input.staffKind, before, after: input });
    return q.rateOf(db, input.staffKind)!;
  },
};
