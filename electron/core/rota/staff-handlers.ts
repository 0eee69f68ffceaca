import type { HandlersOf } from '../handler-types';
import { badInput, conflict, notFound } from '../errors';
import { getCommunity } from '../org/queries';
import { checkIdNumber, idNumberWithOriginal, normalisePhone } from '../people/id-number';
import { staffSealer } from './sealed-staff';
import { rotaContract } from './contract';
import { insuranceGaps } from './insurance';
import * as q from './staff-queries';
import { ASSESSMENT_LABELS, type Staff } from './types.shared';
import { insertStaff, updateStaff, type StaffFields } from './staff.repo';
import { offDutyFrom } from './staff-off-duty';
import { settleMedicalAtCheckpoints } from './medical-checkpoint-save';

/** What a save's audit row compares: the register's fields and the day 不在岗 starts. */
type Audited = StaffFields & { inactiveFrom: string | null };

type StaffChannels = Pick<
  typeof rotaContract,
  | 'rota.staff.list'
  | 'rota.staff.reveal'
  | 'rota.staff.save'
  | 'rota.staff.insurance'
  | 'rota.leave.list'
  | 'rota.leave.add'
  | 'rota.leave.remove'
  | 'rota.assessments.add'
>;

export const staffHandlers: HandlersOf<StaffChannels> = {
  'rota.staff.list': (db, input) => q.listStaff(db, input),
  'rota.staff.insurance': (db, input, ctx) => insuranceGaps(db, ctx.clock.today(), input.withinDays),
  'rota.staff.reveal': (db, input, ctx) => {
    const raw = q.rawContact(db, staffSealer(ctx.sealer), input.id);
    if (!raw) throw notFound('这名人员');
    ctx.audit({ entity: 'staff.reveal', entityId: input.id, after: { revealed: ['phone', 'idNumber'] } });
    return { phone: raw.phone ?? '', idNumber: raw.idNumber ? idNumberWithOriginal(raw.idNumber, raw.idNumberWas15 === 1) : '' };
  },
  'rota.staff.save': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    const before = input.id !== undefined ? q.getStaff(db, input.id, ctx.sealer) : undefined;
    if (input.id !== undefined && !before) throw notFound('这名人员');
    // On an edit a field left out keeps its value; a new person starts from the defaults.
    const keep = <K extends keyof Staff>(k: K, fallback: Staff[K]): Staff[K] => (before ? before[k] : fallback);
    const communityId = input.communityId !== undefined ? input.communityId : keep('communityId', null);
    if (communityId !== null && !getCommunity(db, communityId)) throw badInput('「社区」不存在。', { field: 'communityId' });
    let phone = before?.phone || null;
    if (input.phone !== undefined) {
      phone = input.phone === '' ? null : normalisePhone(input.phone);
      if (input.phone !== '' && !phone) throw badInput(`「联系电话」${input.phone} 不是有效的电话号码。`, { field: 'phone' });
    }
    let idNumber = before?.idNumber || null;
    let idNumberWas15 = before?.idNumberWas15 ?? false;
    if (input.idNumber !== undefined) {
      if (input.idNumber === '') [idNumber, idNumberWas15] = [null, false];
      else {
        const c = checkIdNumber(input.idNumber, ctx.clock.today());
        if (!c.ok) throw badInput(`「身份证号」${c.message}。`, { field: 'idNumber' });
        [idNumber, idNumberWas15] = [c.value, c.original15 !== null || (c.value === before?.idNumber && before.idNumberWas15)];
      }
    }
    const insuranceFrom = input.insuranceFrom !== undefined ? input.insuranceFrom : keep('insuranceFrom', null);
    const insuranceTo = input.insuranceTo !== undefined ? input.insuranceTo : keep('insuranceTo', null);
    if (insuranceFrom && insuranceTo && insuranceTo < insuranceFrom) throw badInput('「保险截止日」不能早于「保险起始日」。', { field: 'insuranceTo' });
    const agency = input.agency !== undefined ? input.agency || null : keep('agency', null);
    if (input.kind === 'agency_cadre' && !agency) throw badInput('下沉干部请填写「派出单位」。', { field: 'agency' });
    if (idNumber) {
      const dup = q.staffWithIdNumber(db, staffSealer(ctx.sealer), idNumber, input.id ?? 0);
      if (dup) throw conflict(`身份证号与已登记的「${dup.name}」相同，同一人不要重复登记。`);
    }
    const fields: StaffFields = {
      name: input.name,
      kind: input.kind,
      communityId,
      agency,
      phone,
      idNumber,
      idNumberWas15,
      skills: input.skills !== undefined ? [...new Set(input.skills)] : keep('skills', []),
      isMedical: input.isMedical ?? (before && before.kind === input.kind ? before.isMedical : input.kind === 'medical'),
      isLeader: input.isLeader ?? keep('isLeader', false),
      status: input.status ?? keep('status', 'active'),
      insurer: input.insurer !== undefined ? input.insurer || null : keep('insurer', null),
      insurancePolicy: input.insurancePolicy !== undefined ? input.insurancePolicy || null : keep('insurancePolicy', null),
      insuranceFrom,
      insuranceTo,
    };
    const inactiveFrom = offDutyFrom(db, input, fields.status, before, ctx.clock.today());
    const id = input.id ?? insertStaff(db, ctx.sealer, fields, now, inactiveFrom);
    if (input.id !== undefined) updateStaff(db, ctx.sealer, id, fields, now, inactiveFrom, ctx.clock.today());
    // The audit row names every field that changed, and says whether contact details were filled, never the details themselves.
    const hide = <T extends { phone: string | null; idNumber: string | null }>(r: T) => ({
      ...r,
      phone: r.phone ? '(已填)' : null,
      idNumber: r.idNumber ? '(已填)' : null,
    });
    const saved: Audited = { ...fields, inactiveFrom };
    if (before) {
      const was: Audited = { ...before, phone: before.phone || null, idNumber: before.idNumber || null };
      const changed = (Object.keys(saved) as Array<keyof Audited>).filter((k) => JSON.stringify(saved[k]) !== JSON.stringify(was[k]));
      if (changed.length > 0) {
        const pick = (r: Audited) => {
          const shown = hide(r);
          return Object.fromEntries(changed.map((k) => [k, shown[k]]));
        };
        ctx.audit({ entity: 'staff', entityId: id, before: pick(was), after: pick(saved) });
      }
    } else ctx.audit({ entity: 'staff', entityId: id, after: hide(saved) });
    // Recorded as medical while planned on a checkpoint: warn, and go on only with a reason or 「稍后调换」.
    const medical = (r: { isMedical: boolean; kind: string }) => r.isMedical || r.kind === 'medical';
    if (before && !medical(before) && medical(fields)) settleMedicalAtCheckpoints(db, ctx, { staffId: id }, input);
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
    if (input.on > ctx.clock.today()) throw badInput('「评估日期」不能晚于今天。', { field: 'on' });
    const followUpOn = input.followUpOn ?? null;
    if (input.outcome !== 'good' && followUpOn === null)
      throw badInput(`「随访日期」必填：评估结果为「${ASSESSMENT_LABELS[input.outcome]}」的，请定下随访日期，届时列入今日随访。`, { field: 'followUpOn' });
    if (followUpOn !== null && followUpOn < input.on) throw badInput('「随访日期」不能早于评估日期。', { field: 'followUpOn' });
    const id = q.insertAssessment(db, { staffId: input.staffId, on: input.on, outcome: input.outcome, followUpOn }, ctx.clock.nowIso());
    ctx.audit({ entity: 'staff_assessment', entityId: id, after: { ...input, followUpOn } });
    return null;
  },
};
