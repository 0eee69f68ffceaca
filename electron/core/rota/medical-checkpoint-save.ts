/**
 * A save that puts medical staff on a 卡点值守 post they are already planned on: a post made a checkpoint, or a person
 * on a checkpoint recorded as 医务人员. The notice says of 社区医务人员「原则上不安排他们在卡点值守」, so such a save
 * stops with a warning naming the shifts, and goes on only with an answer: a reason (破例, recorded on each of those
 * shifts, by a coordinator, as rota.assign asks) or 「先保存，稍后调换」 (the calendar marks the shifts, the roster prints
 * ※ 「未写破例理由」 until someone changes them). Shifts before today were worked as they were and are left alone.
 */
import { roleAtLeast } from '../contract';
import type { WriteDb } from '../db/types';
import { AppError, badInput, conflict } from '../errors';
import type { WriteContext } from '../handler-types';
import { getAssignment, medicalAtCheckpointsWithoutReason, recordOverrideReason } from './assignment-queries';
import { listShifts } from './post-queries';

export const NOTICE_MEDICAL_CHECKPOINT = '社区医务人员重点做好发热患者筛查分诊、医学观察人员健康监测与管理、疫情防控知识的宣传教育，原则上不安排他们在卡点值守';

export interface MedicalAnswer {
  medicalReason?: string | undefined;
  medicalLater?: boolean | undefined;
}

/** Called after the save, in its transaction: throwing undoes the save. */
export function settleMedicalAtCheckpoints(db: WriteDb, ctx: WriteContext, scope: { postId?: number; staffId?: number }, answer: MedicalAnswer): void {
  const reason = answer.medicalReason?.trim() || null;
  const found = medicalAtCheckpointsWithoutReason(db, scope, ctx.clock.today());
  if (found.length === 0) {
    if (reason) throw badInput('「破例安排的理由」：这次保存没有让医务人员排在卡点值守，不需要填写。', { field: 'medicalReason' });
    return;
  }
  if (answer.medicalLater === true && !reason) return;
  const shiftNames = new Map(listShifts(db).map((s) => [s.id, s.name]));
  const posts = new Map((db.prepare(`SELECT id, name FROM rota_posts`).all() as Array<{ id: number; name: string }>).map((p) => [p.id, p.name]));
  const listed = found.map((a) => `${a.staffName} ${a.day} ${shiftNames.get(a.shiftId) ?? ''}「${posts.get(a.postId) ?? ''}」`);
  const shown = listed.length > 5 ? `${listed.slice(0, 5).join('、')} 等 ${listed.length} 班` : listed.join('、');
  if (!reason)
    throw conflict(
      `保存后医务人员将排在卡点值守：${shown}。通知要求「${NOTICE_MEDICAL_CHECKPOINT}」。请写明破例安排的理由（记在这些班次上），或先保存、稍后在排班日历中调换。`,
      { rule: 'medical_checkpoint', shifts: found.length },
    );
  if (!roleAtLeast(ctx.session.role, 'coordinator'))
    throw new AppError('FORBIDDEN', `破例安排医务人员上卡点值守（${shown}），须由统筹负责人填写理由；也可以先保存、稍后调换。`);
  for (const a of found) {
    recordOverrideReason(db, a.id, reason);
    ctx.audit({ entity: 'rota_assignment', entityId: a.id, before: a, after: getAssignment(db, a.id) });
  }
}
