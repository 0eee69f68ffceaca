import { useState } from 'react';
import {
  ASSESSMENT_LABELS,
  ASSESSMENT_OUTCOMES,
  STAFF_KIND_LABELS,
  STAFF_KINDS,
  STAFF_STATUS_LABELS,
  STAFF_STATUSES,
  type AssessmentOutcome,
  type Staff,
  type StaffKind,
  type StaffStatus,
} from '../../../../electron/core/rota/contract';
import { call, errorMessage } from '../../api/client';
import { Field } from '../../kit/Field';
import { Message, useRunner } from '../../kit/Message';
import { Select, type SelectOption } from '../../kit/Select';
import { officeToday } from '../../kit/datetime';
import { addDays } from './common';
import { MedicalCheckpointWarning, medicalWarningOr, type MedicalAnswer, type MedicalWarningState } from './MedicalCheckpointWarning';

const formOf = (s: Staff) => ({
  name: s.name,
  kind: s.kind,
  communityId: s.communityId === null ? '' : String(s.communityId),
  agency: s.agency ?? '',
  phone: '',
  idNumber: '',
  skills: s.skills.join('、'),
  isLeader: s.isLeader,
  status: s.status,
  insurer: s.insurer ?? '',
  insurancePolicy: s.insurancePolicy ?? '',
  insuranceFrom: s.insuranceFrom ?? '',
  insuranceTo: s.insuranceTo ?? '',
  // Someone already 不在岗 shows their day (empty for a record an older version made: saving leaves it unknown);
  // someone on duty who is set 不在岗 starts from today, changed to the day they really left.
  inactiveFrom: s.status === 'inactive' ? (s.inactiveFrom ?? '') : officeToday(),
});

/**
 * One person of 人员: every field editable (phone and ID number only when
 * typed anew: they are shown masked), leave, and the psychological assessment
 * at its three levels; 需关注 / 需心理疏导 ask for a follow-up day, which then
 * appears on 今日随访. Every save is audited by the core.
 */
export function StaffDetail({ staff, communities, onChanged }: { staff: Staff; communities: readonly SelectOption[]; onChanged: () => void }) {
  const [f, setF] = useState(() => formOf(staff));
  const [leave, setLeave] = useState({ from: officeToday(), to: officeToday(), reason: '' });
  const [assessment, setAssessment] = useState({ on: officeToday(), outcome: 'good' as AssessmentOutcome, followUpOn: addDays(officeToday(), 7) });
  const { msg, run, setMsg } = useRunner(onChanged);
  // A save that would put this person, now 医务人员, on a checkpoint they are planned on: the core's warning, and the answer.
  const [medical, setMedical] = useState<MedicalWarningState | null>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const save = (answer: MedicalAnswer = {}) => {
    setMsg(null);
    void call('rota.staff.save', {
      ...answer,
      id: staff.id,
      name: f.name,
      kind: f.kind,
      communityId: f.communityId ? Number(f.communityId) : null,
      agency: f.agency || null,
      ...(f.phone ? { phone: f.phone } : {}),
      ...(f.idNumber ? { idNumber: f.idNumber } : {}),
      skills: f.skills.split(/[,，、\s]+/).filter(Boolean),
      isLeader: f.isLeader,
      status: f.status,
      ...(f.status === 'inactive' && f.inactiveFrom ? { inactiveFrom: f.inactiveFrom } : {}),
      insurer: f.insurer || null,
      insurancePolicy: f.insurancePolicy || null,
      insuranceFrom: f.insuranceFrom || null,
      insuranceTo: f.insuranceTo || null,
    })
      .then(() => (setMedical(null), setMsg({ ok: true, text: `已保存「${f.name}」的信息` }), onChanged()))
      .catch((e: unknown) => medicalWarningOr(e, medical, setMedical, (text) => setMsg({ ok: false, text })));
  };
  const revealPhone = () => {
    setMsg(null);
    void call('rota.staff.reveal', { id: staff.id })
      .then((r) => setMsg({ ok: true, text: `${staff.name} 电话：${r.phone || '未填'}` }))
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
  };
  const assess = () =>
    void run(
      call('rota.assessments.add', {
        staffId: staff.id,
        on: assessment.on,
        outcome: assessment.outcome,
        followUpOn: assessment.outcome === 'good' ? null : assessment.followUpOn,
      }),
      `已记录${staff.name}的心理健康评估：${ASSESSMENT_LABELS[assessment.outcome]}${assessment.outcome === 'good' ? '' : `，${assessment.followUpOn} 随访`}`,
    );
  return (
    <div className="panel" aria-label={`${staff.name}的信息`}>
      <h3>{staff.name}：基本信息、保险、请假与心理健康评估</h3>
      <p className="hint">
        家中有无人照料的老人或孩子？<a href={`#/caseload?tab=register&originStaffId=${staff.id}`}>为{staff.name}的家属登记照料个案</a>
      </p>
      <Message msg={msg} />
      <form className="toolbar" aria-label="修改人员信息" onSubmit={(e) => (e.preventDefault(), save())}>
        <Field label="姓名" value={f.name} onChange={set('name')} required />
        <Select
          label="人员类别"
          value={f.kind}
          onValue={(v) => setF({ ...f, kind: v as StaffKind })}
          options={STAFF_KINDS.map((k) => ({ value: k, label: STAFF_KIND_LABELS[k] }))}
        />
        <Select
          label="所属社区"
          value={f.communityId}
          onValue={(v) => setF({ ...f, communityId: v })}
          options={[{ value: '', label: '不限（机动）' }, ...communities]}
        />
        <Field label="派出单位" value={f.agency} onChange={set('agency')} />
        <Field label="联系电话（不改则留空）" value={f.phone} onChange={set('phone')} placeholder={staff.phone || '未填'} />
        {/* Beside the masked number it shows (it stood among 请假's buttons); the core audits each reveal. */}
        <button type="button" onClick={revealPhone}>
          查看电话
        </button>
        <Field
          label="身份证号（不改则留空）"
          value={f.idNumber}
          onChange={set('idNumber')}
          placeholder={staff.idNumber ? `${staff.idNumber}${staff.idNumberWas15 ? '（原15位）' : ''}` : '未填'}
          size={22}
        />
        <Field label="技能（用顿号分隔）" value={f.skills} onChange={set('skills')} />
        <Select
          label="状态"
          value={f.status}
          onValue={(v) => setF({ ...f, status: v as StaffStatus })}
          options={STAFF_STATUSES.map((s) => ({ value: s, label: STAFF_STATUS_LABELS[s] }))}
        />
        {f.status === 'inactive' && (
          <Field label="不在岗日期" type="date" value={f.inactiveFrom} max={officeToday()} onChange={set('inactiveFrom')} note="这天起不排班、不计补助" />
        )}
        <Field label="专属保险承保公司" value={f.insurer} onChange={set('insurer')} />
        <Field label="保单号" value={f.insurancePolicy} onChange={set('insurancePolicy')} />
        <Field label="保险起始日" type="date" value={f.insuranceFrom} onChange={set('insuranceFrom')} />
        <Field label="保险截止日" type="date" value={f.insuranceTo} onChange={set('insuranceTo')} />
        <label>
          <input type="checkbox" checked={f.isLeader} onChange={(e) => setF({ ...f, isLeader: e.target.checked })} /> 带班领导
        </label>
        <button className="primary" type="submit">
          保存修改
        </button>
      </form>
      {medical && (
        <MedicalCheckpointWarning
          warning={medical.warning}
          reason={medical.reason}
          onReason={(reason) => setMedical({ ...medical, reason })}
          onAnswer={save}
          onCancel={() => (setMedical(null), setMsg(null))}
        />
      )}
      <form
        className="toolbar"
        aria-label="登记请假"
        onSubmit={(e) => (e.preventDefault(), void run(call('rota.leave.add', { staffId: staff.id, ...leave }), `已登记「${staff.name}」请假`))}
      >
        <Field label="请假开始" type="date" value={leave.from} onChange={(e) => setLeave({ ...leave, from: e.target.value })} />
        <Field label="请假结束" type="date" value={leave.to} onChange={(e) => setLeave({ ...leave, to: e.target.value })} />
        <Field label="请假原因" value={leave.reason} onChange={(e) => setLeave({ ...leave, reason: e.target.value })} />
        <button type="submit">登记请假</button>
      </form>
      <form className="toolbar" aria-label="心理健康评估" onSubmit={(e) => (e.preventDefault(), assess())}>
        <Field label="评估日期" type="date" value={assessment.on} onChange={(e) => setAssessment({ ...assessment, on: e.target.value })} />
        <Select
          label="评估结果"
          value={assessment.outcome}
          onValue={(v) => setAssessment({ ...assessment, outcome: v as AssessmentOutcome })}
          options={ASSESSMENT_OUTCOMES.map((o) => ({ value: o, label: ASSESSMENT_LABELS[o] }))}
        />
        {assessment.outcome !== 'good' && (
          <Field
            label="随访日期"
            type="date"
            value={assessment.followUpOn}
            onChange={(e) => setAssessment({ ...assessment, followUpOn: e.target.value })}
            required
          />
        )}
        <button type="submit">记录评估</button>
      </form>
    </div>
  );
}
