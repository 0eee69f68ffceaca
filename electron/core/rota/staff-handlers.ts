import type { HandlersOf } from '../handler-types';
import { badInput, conflict, notFound } from '../errors';
import { getCommunity } from '../org/queries';
import { checkIdNumber, normalisePhone } from '../people/id-number';
import { rotaContract } from './contract';
import * as q from './staff-queries';

type StaffChannels = Pick<typeof rotaContract, 'rota.staff.list' | 'rota.staff.reveal' | 'rota.staff.save' | 'rota.leave.list' | 'rota.leave.add' | 'rota.leave.remove' | 'rota.assessments.add'>;

export const staffHandlers: HandlersOf<StaffChannels> = {
  'rota.staff.list': (db, input) => q.listStaff(db, input),
  'rota.staff.reveal': (db, input, ctx) => {
    const raw = q.rawContact(db, input.id);
    if (!raw) throw notFound('这名人员');
    ctx.audit({ entity: 'staff.reveal', entityId: input.id, after: { revealed: ['phone', 'idNumber'] } });
    return { phone: raw.phone ?? '', idNumber: raw.idNumber ?? '' };
  },
  'rota.staff.save': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    const before = input.id !== undefined ? q.getStaff(db, input.id, true) : undefined;
    if (input.id !== undefined && !before) throw notFound('这名人员');
    if (input.communityId !== null && !getCommunity(db, input.communityId)) throw badInput('「社区」不存在。', { field: 'communityId' });
    let phone = before?.phone || null;
    if (input.phone !== undefined) {
      phone = input.phone === '' ? null : normalisePhone(input.phone);
      if (input.phone !== '' && !phone) throw badInput(`「联系电话」${input.phone} 不是有效的电话号码。`, { field: 'phone' });
    }
    let idNumber = before?.idNumber || null;
    if (input.idNumber !== undefined) {
      if (input.idNumber === '') idNumber = null;
      else {
        const c = checkIdNumber(input.idNumber);
        if (!c.ok) throw badInput(`「身份证号」${c.message}。`, { field: 'idNumber' });
        idNumber = c.value;
      }
    }
    if (input.insuranceFrom && input.insuranceTo && input.insuranceTo < input.insuranceFrom) throw badInput('「保险截止日」不能早于「保险起始日」。', { field: 'insuranceTo' });
    if (input.kind === 'agency_cadre' && !input.agency) throw badInput('下沉干部请填写「派出单位」。', { field: 'agency' });
    if (idNumber) {
      const dup = db.prepare(`SELECT id, name FROM staff WHERE id_number = @idNumber AND id != @id`).get({ idNumber, id: input.id ?? 0 }) as { id: number; name: string } | undefined;
      if (dup) throw conflict(`身份证号与已登记的「${dup.name}」相同，同一人不要重复登记。`);
    }
    const fields: q.StaffFields = {
      name: input.name,
      kind: input.kind,
      communityId: input.communityId,
      agency: input.agency || null,
      phone,
      idNumber,
      skills: [...new Set(input.skills)],
      isMedical: input.isMedical ?? input.kind === 'medical',
      isLeader: input.isLeader,
      status: input.status,
      insurer: input.insurer || null,
      insurancePolicy: input.insurancePolicy || null,
      insuranceFrom: input.insuranceFrom,
      insuranceTo: input.insuranceTo,
    };
    const id = input.id ?? q.insertStaff(db, fields, now);
    if (input.id !== undefined) q.updateStaff(db, id, fields, now);
    // The audit row says whether contact details were filled, never the details themselves.
    const hide = <T extends { phone: string | null; idNumber: string | null }>(r: T) => ({ ...r, phone: r.phone ? '(已填)' : null, idNumber: r.idNumber ? '(已填)' : null });
    ctx.audit({ entity: 'staff', entityId: id, before: before ? hide(before) : undefined, after: hide(fields) });
    return q.getStaff(db, id)!;
  },
  'rota.leave.list': (db, input) => q.listLeave(db, input.from, input.to, input.staffId),
  'rota.leave.add': (db, input, ctx) => {
    if (input.to < input.from) throw badInput('「结束日期」不能早于「开始日期」。', { field: 'to' });
    if (!q.getStaff(db, input.staffId)) throw notFound('这名人员');
    const id = q.insertLeave(db, { staffId: input.staffId, from: input.from, to: input.to, reason: input.reason }, ctx.clock.nowIso());
    const after = q.getLeave(db, id)!;
    ctx.audit({ entity: 'staff_leave', entityId: id, after });
    return after;
  },
  'rota.leave.remove': (db, input, ctx) => {
    const before = q.getLeave(db, input.id);
    if (!before) throw notFound('这条请假记录');
    q.deleteLeave(db, input.id);
    ctx.audit({ entity: 'staff_leave', entityId: input.id, before });
    return null;
  },
  'rota.assessments.add': (db, input, ctx) => {
    if (!q.getStaff(db, input.staffId)) throw notFound('这名人员');
    const id = q.insertAssessment(db, input.staffId, input.on, input.outcome, ctx.clock.nowIso());
    ctx.audit({ entity: 'staff_assessment', entityId: id, after: input });
    return null;
  },
};
