/** Family care (慰问关怀), publicity (事迹宣传) and attachments of a memorial record. Coordinators only. */
import { AppError, badInput, notFound } from '../errors';
import { writeChosenFile } from '../fs-atomic';
import type { HandlersOf } from '../handler-types';
import { normalisePhone } from '../people/id-number';
import { readAttachmentFile } from './attachments';
import * as care from './care-queries';
import type { honoursContract } from './contract';
import { memorialDetail, requireMemorial } from './detail';
import { getMemorialBase, updateMemorial } from './memorial-queries';
import type { Sealer } from '../db/sealer';
import type { Clock } from '../clock';
import {
  ATTACHMENT_PERSONAL,
  auditPersonal,
  DIFFICULTY_PERSONAL,
  FAMILY_PERSONAL,
  MEMORIAL_PERSONAL,
  PUBLICITY_PERSONAL,
  requireSealer,
  VISIT_PERSONAL,
  type PersonalSpec,
} from './sealed-records';

/** Audit rows for the psychological support arrangement: that one field of the memorial's sealed record. */
const PSYCH_SUPPORT: PersonalSpec<'psychSupport'> = { ...MEMORIAL_PERSONAL, fields: { psychSupport: MEMORIAL_PERSONAL.fields.psychSupport } };
/** Audit rows for a saved copy: which file, and where it went. */
const ATTACHMENT_EXPORT: PersonalSpec<'fileName' | 'path'> = {
  ...ATTACHMENT_PERSONAL,
  fields: { fileName: ATTACHMENT_PERSONAL.fields.fileName, path: ['', false] },
};

function auditedAttachment(sealer: Sealer, a: { memorialId: number; mime: string; sizeBytes: number; fileName: string; caption: string; sha256: string }) {
  return { memorialId: a.memorialId, mime: a.mime, sizeBytes: a.sizeBytes, personal: auditPersonal(sealer, ATTACHMENT_PERSONAL, a) };
}

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

/** A visit to the family or a publication of the deeds comes after the death: not before the office's day of it. */
function notBeforeDeath(label: string, field: string, day: string, diedAt: string, clock: Clock): void {
  const died = clock.dayOf(diedAt);
  if (day < died) throw badInput(`「${label}」不能早于牺牲那天（${died}）。`, { field });
}

export const careHandlers: HandlersOf<Pick<C, CareChannels>> = {
  'honours.family.save': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    const sealer = requireSealer(ctx.sealer);
    requireMemorial(db, input.memorialId);
    let phone: string | null = null;
    if (input.phone && input.phone.trim() !== '') {
      phone = normalisePhone(input.phone);
      if (!phone) throw badInput('「联系电话」应为 11 位手机号或带区号的固定电话。', { field: 'phone' });
    }
    const fields = { name: input.name, relation: input.relation, phone, notes: input.notes };
    const after = { memorialId: input.memorialId, personal: auditPersonal(sealer, FAMILY_PERSONAL, fields) };
    if (input.id === undefined) {
      const id = care.insertFamilyMember(db, sealer, input.memorialId, fields, now);
      ctx.audit({ entity: 'memorial_family', entityId: id, after });
    } else {
      const before = care.getFamilyMember(db, sealer, input.id);
      if (!before || before.memorialId !== input.memorialId) throw notFound('这位家属的记录');
      care.updateFamilyMember(db, sealer, input.id, fields, now);
      ctx.audit({
        entity: 'memorial_family',
        entityId: input.id,
        before: { memorialId: before.memorialId, personal: auditPersonal(sealer, FAMILY_PERSONAL, before) },
        after,
      });
    }
    return memorialDetail(db, sealer, input.memorialId, now);
  },
  'honours.visits.add': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    const sealer = requireSealer(ctx.sealer);
    const { diedAt } = requireMemorial(db, input.memorialId);
    if (input.visitedOn > ctx.clock.today()) throw badInput('「慰问日期」不能晚于今天；计划中的回访请填在「下次回访日期」。', { field: 'visitedOn' });
    notBeforeDeath('慰问日期', 'visitedOn', input.visitedOn, diedAt, ctx.clock);
    if (input.nextVisitOn !== null && input.nextVisitOn <= input.visitedOn) throw badInput('「下次回访日期」应晚于本次慰问日期。', { field: 'nextVisitOn' });
    const { memorialId, ...visit } = input;
    const id = care.insertVisit(db, sealer, memorialId, visit, now);
    ctx.audit({
      entity: 'memorial_visit',
      entityId: id,
      after: { memorialId, visitedOn: input.visitedOn, nextVisitOn: input.nextVisitOn, personal: auditPersonal(sealer, VISIT_PERSONAL, visit) },
    });
    return memorialDetail(db, sealer, memorialId, now);
  },
  'honours.difficulties.save': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    const sealer = requireSealer(ctx.sealer);
    requireMemorial(db, input.memorialId);
    const before = input.id === undefined ? undefined : care.getDifficulty(db, sealer, input.id);
    if (input.id !== undefined && (!before || before.memorialId !== input.memorialId)) throw notFound('这项困难');
    // A difficulty is closed only with a word on how it was resolved.
    if (input.status === 'resolved' && input.actions.trim() === '')
      throw badInput('标记为已解决前，请在「帮扶措施」中写明是怎样解决的。', { field: 'actions' });
    if (input.followUpOn !== null && input.followUpOn < input.raisedOn) throw badInput('「跟进日期」不能早于提出日期。', { field: 'followUpOn' });
    const resolvedOn = input.status === 'resolved' ? (before?.resolvedOn ?? ctx.clock.today()) : null;
    const { memorialId, id: _id, ...rest } = input;
    const fields = { ...rest, resolvedOn };
    const audited = (d: typeof fields) => {
      const { description: _d, owner: _o, actions: _a, ...clear } = d;
      return { memorialId, ...clear, personal: auditPersonal(sealer, DIFFICULTY_PERSONAL, d) };
    };
    if (input.id === undefined) {
      const id = care.insertDifficulty(db, sealer, memorialId, fields, now);
      ctx.audit({ entity: 'memorial_difficulty', entityId: id, after: audited(fields) });
    } else {
      care.updateDifficulty(db, sealer, input.id, fields, now);
      const { id: _was, memorialId: _m, ...was } = before!;
      ctx.audit({ entity: 'memorial_difficulty', entityId: input.id, before: audited(was), after: audited(fields) });
    }
    return memorialDetail(db, sealer, memorialId, now);
  },
  'honours.care.save': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    const sealer = requireSealer(ctx.sealer);
    const before = getMemorialBase(db, sealer, input.memorialId);
    if (!before) throw notFound('这条牺牲人员记录');
    // The record's personal fields are one sealed value: it is sealed again whole with the new arrangement.
    updateMemorial(db, sealer, input.memorialId, { ...before, psychSupport: input.psychSupport, psychSupportOn: input.psychSupportOn }, now);
    const psych = (p: { psychSupport: string; psychSupportOn: string | null }) => ({
      psychSupportOn: p.psychSupportOn,
      personal: auditPersonal(sealer, PSYCH_SUPPORT, { psychSupport: p.psychSupport }),
    });
    ctx.audit({ entity: 'memorial', entityId: input.memorialId, before: psych(before), after: psych(input) });
    return memorialDetail(db, sealer, input.memorialId, now);
  },
  'honours.publicity.add': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    const sealer = requireSealer(ctx.sealer);
    const { diedAt } = requireMemorial(db, input.memorialId);
    // A record of what was published (the 1366 walk, session 36: a date in 2030 was taken): not a plan.
    if (input.publishedOn > ctx.clock.today()) throw badInput('「发布日期」不能晚于今天；还没有发布的宣传，请发布后再登记。', { field: 'publishedOn' });
    notBeforeDeath('发布日期', 'publishedOn', input.publishedOn, diedAt, ctx.clock);
    const { memorialId, ...p } = input;
    const id = care.insertPublicity(db, sealer, memorialId, p, now);
    ctx.audit({
      entity: 'memorial_publicity',
      entityId: id,
      after: { memorialId, publishedOn: p.publishedOn, personal: auditPersonal(sealer, PUBLICITY_PERSONAL, p) },
    });
    return memorialDetail(db, sealer, memorialId, now);
  },
  'honours.attachments.add': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    const sealer = requireSealer(ctx.sealer);
    requireMemorial(db, input.memorialId);
    const file = readAttachmentFile(ctx.files.open(input.path));
    const id = care.insertAttachment(db, sealer, { memorialId: input.memorialId, caption: input.caption, addedBy: ctx.session.username, ...file }, now);
    ctx.audit({
      entity: 'memorial_attachment',
      entityId: id,
      after: auditedAttachment(sealer, { memorialId: input.memorialId, caption: input.caption, ...file }),
    });
    return memorialDetail(db, sealer, input.memorialId, now);
  },
  'honours.attachments.open': (db, input, ctx) => {
    const sealer = requireSealer(ctx.sealer);
    const meta = care.getAttachmentMeta(db, sealer, input.attachmentId);
    const content = care.getAttachmentContent(db, sealer, input.attachmentId);
    if (!meta || !content) throw notFound('这个附件');
    ctx.audit({ entity: 'memorial_attachment_view', entityId: input.attachmentId, after: { memorialId: meta.memorialId } });
    return { fileName: meta.fileName, mime: meta.mime, base64: content.toString('base64') };
  },
  'honours.attachments.saveAs': (db, input, ctx) => {
    const sealer = requireSealer(ctx.sealer);
    const meta = care.getAttachmentMeta(db, sealer, input.attachmentId);
    const content = care.getAttachmentContent(db, sealer, input.attachmentId);
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
      // The path is where the user chose to save (often named after the file): sealed with the record's other personal values.
      after: { memorialId: meta.memorialId, personal: auditPersonal(sealer, ATTACHMENT_EXPORT, { fileName: meta.fileName, path: target.path }) },
    });
    return { path: target.path };
  },
  'honours.attachments.remove': (db, input, ctx) => {
    const sealer = requireSealer(ctx.sealer);
    const meta = care.getAttachmentMeta(db, sealer, input.attachmentId);
    if (!meta) throw notFound('这个附件');
    care.deleteAttachment(db, input.attachmentId);
    ctx.audit({ entity: 'memorial_attachment', entityId: input.attachmentId, before: auditedAttachment(sealer, meta) });
    return memorialDetail(db, sealer, meta.memorialId, ctx.clock.nowIso());
  },
};
