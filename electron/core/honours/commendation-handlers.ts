/**
 * Commendations: drafted → submitted → approved or declined. Clerks keep the
 * ones for the living; a posthumous one (追授, tied to a memorial record) is
 * a coordinator's, like the record itself.
 */
import { roleAtLeast } from '../contract';
import { AppError, badInput, conflict, notFound } from '../errors';
import type { HandlerContext } from '../handler-types';
import type { HandlersOf } from '../handler-types';
import * as k from './commendation-queries';
import type { honoursContract } from './contract';
import { communityExists, getMemorialBase, getStaffName } from './memorial-queries';
import { auditPersonal, COMMENDATION_PERSONAL, requireSealer } from './sealed-records';
import type { Commendation } from './types.shared';

type C = typeof honoursContract;
type CommendationChannels = 'honours.commendations.list' | 'honours.commendations.get' | 'honours.commendations.save' | 'honours.commendations.advance';

function guardPosthumous(c: { memorialId: number | null }, ctx: HandlerContext): void {
  if (c.memorialId !== null && !roleAtLeast(ctx.session.role, 'coordinator')) {
    throw new AppError('FORBIDDEN', '追授表彰属于牺牲人员记录，只有统筹负责人可以查看和办理。');
  }
}

/** The commendation, opened: the role is checked before a posthumous one is opened. */
function mustGet(db: Parameters<typeof k.getCommendation>[0], ctx: HandlerContext, id: number): Commendation {
  const head = k.commendationMemorialId(db, id);
  if (!head) throw notFound('这条表彰记录');
  guardPosthumous(head, ctx);
  return k.getCommendation(db, ctx.sealer, id)!;
}

/** A posthumous commendation's audit row carries its subject and deeds sealed, as the record keeps them. */
function audited(c: Commendation, ctx: HandlerContext): unknown {
  if (c.memorialId === null) return c;
  const { subjectName: _n, deeds: _d, decisionNotes: _x, ...rest } = c;
  return { ...rest, personal: auditPersonal(requireSealer(ctx.sealer), COMMENDATION_PERSONAL, c) };
}

export const commendationHandlers: HandlersOf<Pick<C, CommendationChannels>> = {
  'honours.commendations.list': (db, input) => k.listCommendations(db, input),
  'honours.commendations.get': (db, input, ctx) => mustGet(db, ctx, input.id),
  'honours.commendations.save': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    guardPosthumous(input, ctx);
    let subjectName = input.subjectName;
    if (input.memorialId !== null) {
      const m = getMemorialBase(db, requireSealer(ctx.sealer), input.memorialId);
      if (!m) throw notFound('这条牺牲人员记录');
      if (input.subjectKind !== 'person') throw badInput('追授表彰的「表彰对象类别」应为个人。', { field: 'subjectKind' });
      subjectName = m.name;
    }
    if (input.staffId !== null && !getStaffName(db, input.staffId)) throw badInput('「工作人员」在人员名册中不存在。', { field: 'staffId' });
    if (input.communityId !== null && !communityExists(db, input.communityId)) throw badInput('「社区」不存在，请重新选择。', { field: 'communityId' });
    const fields: k.CommendationFields = { ...input, subjectName };
    if (input.id === undefined) {
      const id = k.insertCommendation(db, ctx.sealer, fields, ctx.clock.today(), now);
      const after = mustGet(db, ctx, id);
      ctx.audit({ entity: 'commendation', entityId: id, after: audited(after, ctx) });
      return after;
    }
    const before = mustGet(db, ctx, input.id);
    if (before.status !== 'drafted') throw conflict(`这份表彰推荐已${before.status === 'submitted' ? '报送' : '审批'}，不能再修改内容。`);
    k.updateCommendation(db, ctx.sealer, input.id, fields, before.decisionNotes, now);
    const after = mustGet(db, ctx, input.id);
    ctx.audit({ entity: 'commendation', entityId: input.id, before: audited(before, ctx), after: audited(after, ctx) });
    return after;
  },
  'honours.commendations.advance': (db, input, ctx) => {
    const before = mustGet(db, ctx, input.id);
    const next = {
      status: before.status,
      submittedOn: before.submittedOn,
      decidedOn: before.decidedOn,
      approvingBody: before.approvingBody,
      conferredTitle: before.conferredTitle,
      decisionNotes: before.decisionNotes,
    };
    // Named as the form shows the box (CommendationActions): 报送日期 or 审批日期, not a bare 「日期」.
    const onLabel = input.status === 'submitted' ? '报送日期' : '审批日期';
    if (input.on > ctx.clock.today()) throw badInput(`「${onLabel}」不能晚于今天。`, { field: 'on' });
    switch (input.status) {
      case 'submitted':
        if (before.status !== 'drafted') throw conflict('只有拟稿状态的表彰推荐可以报送。');
        if (input.on < before.draftedOn) throw badInput(`「${onLabel}」不能早于拟稿日期。`, { field: 'on' });
        Object.assign(next, { status: 'submitted', submittedOn: input.on, approvingBody: input.approvingBody || before.approvingBody });
        break;
      case 'approved':
      case 'declined':
        if (before.status !== 'submitted') throw conflict('表彰推荐报送之后才能登记审批结果。');
        if (input.on < (before.submittedOn ?? before.draftedOn)) throw badInput(`「${onLabel}」不能早于报送日期。`, { field: 'on' });
        if (input.approvingBody.trim() === '') throw badInput('请填写「审批机关」。', { field: 'approvingBody' });
        if (input.status === 'approved' && input.conferredTitle.trim() === '') throw badInput('请填写「授予称号」。', { field: 'conferredTitle' });
        Object.assign(next, {
          status: input.status,
          decidedOn: input.on,
          approvingBody: input.approvingBody,
          conferredTitle: input.status === 'approved' ? input.conferredTitle : '',
          decisionNotes: input.decisionNotes,
        });
        break;
      default: {
        const never: never = input.status;
        throw new Error(`unknown status ${String(never)}`);
      }
    }
    k.updateCommendationStatus(db, ctx.sealer, before, next, ctx.clock.nowIso());
    const after = mustGet(db, ctx, input.id);
    ctx.audit({ entity: 'commendation', entityId: input.id, before: audited(before, ctx), after: audited(after, ctx) });
    return after;
  },
};
