/** Family care (慰问关怀), publicity (事迹宣传) and attachments of a memorial record. Coordinators only. */
import { AppError, badInput, notFound } from '../errors';
import { writeChosenFile } from '../fs-atomic';
import type { HandlersOf } from '../handler-types';
import { normalisePhone } from '../people/id-number';
import { readAttachmentFile } from './attachments';
import * as care from './care-queries';
import type { honoursContract } from './contract';
import { memorialDetail, requireMemorial } from './detail';
import { getMemorialBase, updatePsychSupport } from './memorial-queries';

type C = typeof honoursContract;
type CareChannels =
  | 'honours.family.save'
  | 'honours.visits.add'
  | 'honours.difficulties.save'
  | 'honours.care.save'
  | 'honours.publicity.add'
  | 'honours.attachments.add'
  | 'honours.attachments.open'
  | 'honours.attachments.saveAs'
  | 'honours.attachments.remove';

export const careHandlers: HandlersOf<Pick<C, CareChannels>> = {
  'honours.family.save': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    requireMemorial(db, input.memorialId);
    let phone: string | null = null;
    if (input.phone && input.phone.trim() !== '') {
      phone = normalisePhone(input.phone);
      if (!phone) throw badInput('「联系电话」应为 11 位手机号或带区号的固定电话。', { field: 'phone' });
    }
    const fields = { name: input.name, relation: input.relation, phone, notes: input.notes };
    if (input.id === undefined) {
      const id = care.insertFamilyMember(db, input.memorialId, fields, now);
      ctx.audit({ entity: 'memorial_family', entityId: id, after: { memorialId: input.memorialId, ...fields } });
    } else {
      const before = care.getFamilyMember(db, input.id);
      if (!before || before.memorialId !== input.memorialId) throw notFound('这位家属的记录');
      care.updateFamilyMember(db, input.id, fields, now);
      ctx.audit({ entity: 'memorial_family', entityId: input.id, before, after: { memorialId: input.memorialId, ...fields } });
    }
    return memorialDetail(db, input.memorialId, now);
  },
  'honours.visits.add': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    requireMemorial(db, input.memorialId);
    if (input.visitedOn > ctx.clock.today()) throw badInput('「慰问日期」不能晚于今天；计划中的回访请填在「下次回访日期」。', { field: 'visitedOn' });
    if (input.nextVisitOn !== null && input.nextVisitOn <= input.visitedOn) throw badInput('「下次回访日期」应晚于本次慰问日期。', { field: 'nextVisitOn' });
    const { memorialId, ...visit } = input;
    const id = care.insertVisit(db, memorialId, visit, now);
    ctx.audit({ entity: 'memorial_visit', entityId: id, after: input });
    return memorialDetail(db, memorialId, now);
  },
  'honours.difficulties.save': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    requireMemorial(db, input.memorialId);
    const before = input.id === undefined ? undefined : care.getDifficulty(db, input.id);
    if (input.id !== undefined && (!before || before.memorialId !== input.memorialId)) throw notFound('这项困难');
    // A difficulty is closed only with a word on how it was resolved.
    if (input.status === 'resolved' && input.actions.trim() === '')
      throw badInput('标记为已解决前，请在「帮扶措施」中写明是怎样解决的。', { field: 'actions' });
    if (input.followUpOn !== null && input.followUpOn < input.raisedOn) throw badInput('「跟进日期」不能早于提出日期。', { field: 'followUpOn' });
    const resolvedOn = input.status === 'resolved' ? (before?.resolvedOn ?? ctx.clock.today()) : null;
    const { memorialId, id: _id, ...rest } = input;
    const fields = { ...rest, resolvedOn };
    if (input.id === undefined) {
      const id = care.insertDifficulty(db, memorialId, fields, now);
      ctx.audit({ entity: 'memorial_difficulty', entityId: id, after: { memorialId, ...fields } });
    } else {
      care.updateDifficulty(db, input.id, fields, now);
      ctx.audit({ entity: 'memorial_difficulty', entityId: input.id, before, after: { memorialId, ...fields } });
    }
    return memorialDetail(db, memorialId, now);
  },
  'honours.care.save': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    const before = getMemorialBase(db, input.memorialId);
    if (!before) throw notFound('这条牺牲人员记录');
    updatePsychSupport(db, input.memorialId, input.psychSupport, input.psychSupportOn, now);
    ctx.audit({
      entity: 'memorial',
      entityId: input.memorialId,
      before: { psychSupport: before.psychSupport, psychSupportOn: before.psychSupportOn },
      after: { psychSupport: input.psychSupport, psychSupportOn: input.psychSupportOn },
    });
    return memorialDetail(db, input.memorialId, now);
  },
  'honours.publicity.add': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    requireMemorial(db, input.memorialId);
    const { memorialId, ...p } = input;
    const id = care.insertPublicity(db, memorialId, p, now);
    ctx.audit({ entity: 'memorial_publicity', entityId: id, after: input });
    return memorialDetail(db, memorialId, now);
  },
  'honours.attachments.add': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    requireMemorial(db, input.memorialId);
    const file = readAttachmentFile(ctx.files.open(input.path));
    const id = care.insertAttachment(db, { memorialId: input.memorialId, caption: input.caption, addedBy: ctx.session.username, ...file }, now);
    const { content: _content, ...meta } = file;
    ctx.audit({ entity: 'memorial_attachment', entityId: id, after: { memorialId: input.memorialId, caption: input.caption, ...meta } });
    return memorialDetail(db, input.memorialId, now);
  },
  'honours.attachments.open': (db, input, ctx) => {
    const meta = care.getAttachmentMeta(db, input.attachmentId);
    const content = care.getAttachmentContent(db, input.attachmentId);
    if (!meta || !content) throw notFound('这个附件');
    ctx.audit({ entity: 'memorial_attachment_view', entityId: input.attachmentId, after: { memorialId: meta.memorialId, fileName: meta.fileName } });
    return { fileName: meta.fileName, mime: meta.mime, base64: content.toString('base64') };
  },
  'honours.attachments.saveAs': (db, input, ctx) => {
    const meta = care.getAttachmentMeta(db, input.attachmentId);
    const content = care.getAttachmentContent(db, input.attachmentId);
    if (!meta || !content) throw notFound('这个附件');
    const target = ctx.files.save(input.path);
    try {
      writeChosenFile(target.path, content, target.replace);
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('IO_FAILED', `附件没有保存到「${target.path}」，请确认文件夹存在且可以写入。`);
    }
    ctx.audit({
      entity: 'memorial_attachment_export',
      entityId: input.attachmentId,
      after: { memorialId: meta.memorialId, fileName: meta.fileName, path: target.path },
    });
    return { path: target.path };
  },
  'honours.attachments.remove': (db, input, ctx) => {
    const meta = care.getAttachmentMeta(db, input.attachmentId);
    if (!meta) throw notFound('这个附件');
    care.deleteAttachment(db, input.attachmentId);
    ctx.audit({ entity: 'memorial_attachment', entityId: input.attachmentId, before: meta });
    return memorialDetail(db, meta.memorialId, ctx.clock.nowIso());
  },
};
