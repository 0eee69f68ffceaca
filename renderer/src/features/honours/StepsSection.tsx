import { useState, type FormEvent } from 'react';
import { STEP_STATUS_LABELS, STEP_STATUSES, type MemorialDetail, type MemorialStep, type StepStatus } from '../../../../electron/core/honours/contract';
import { call, errorMessage } from '../../api/client';
import { Field } from '../../kit/Field';
import { formatDayLong } from '../../kit/datetime';
import { Message, type Msg } from '../../kit/Message';
import { Select } from '../../kit/Select';
import { Section } from './ui';

const HINTS: Record<MemorialStep['kind'], string> = {
  工伤认定: '由人力资源和社会保障部门认定',
  烈士评定: '符合条件的，按规定申报评定',
  抚恤: '按规定申请抚恤',
};

/**
 * 后续办理: 工伤认定, 烈士评定 (where applicable) and 抚恤. The ledger records where
 * each application stands and what the deciding body concluded; it judges nothing itself.
 */
export function StepsSection({ detail: d, onChange }: { detail: MemorialDetail; onChange: (d: MemorialDetail) => void }) {
  return (
    <Section title="后续办理（工伤认定、烈士评定、抚恤）">
      <p className="muted">这些事项由有关部门认定或决定，这里只记录申请进展和有关部门的结论。</p>
      {d.steps.map((s) => (
        <StepForm key={s.kind} memorialId={d.id} step={s} onChange={onChange} />
      ))}
    </Section>
  );
}

function StepForm({ memorialId, step, onChange }: { memorialId: number; step: MemorialStep; onChange: (d: MemorialDetail) => void }) {
  const [f, setF] = useState({
    status: step.status,
    appliedOn: step.appliedOn ?? '',
    appliedTo: step.appliedTo,
    decidedOn: step.decidedOn ?? '',
    outcome: step.outcome,
    notes: step.notes,
  });
  const [msg, setMsg] = useState<Msg>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    call('honours.steps.save', {
      memorialId,
      kind: step.kind,
      status: f.status,
      appliedOn: f.appliedOn || null,
      appliedTo: f.appliedTo,
      decidedOn: f.decidedOn || null,
      outcome: f.outcome,
      notes: f.notes,
    })
      .then((next) => (onChange(next), setMsg({ ok: true, text: `已保存「${step.kind}」：${STEP_STATUS_LABELS[f.status]}` })))
      .catch((err: unknown) => setMsg({ ok: false, text: errorMessage(err) }));
  };
  const shown =
    step.status === 'decided'
      ? `${formatDayLong(step.decidedOn)}：${step.outcome}`
      : step.status === 'applied'
        ? `${formatDayLong(step.appliedOn)} 向${step.appliedTo}申请`
        : step.notes;
  return (
    <form className="honours-form" onSubmit={submit} aria-label={step.kind}>
      <div className="field wide">
        <strong>{step.kind}</strong>（{HINTS[step.kind]}）：{STEP_STATUS_LABELS[step.status]}
        {shown ? `，${shown}` : ''}
      </div>
      <Select
        label={`${step.kind} 办理情况`}
        value={f.status}
        onValue={(v) => setF({ ...f, status: v as StepStatus })}
        options={STEP_STATUSES.map((x) => ({ value: x, label: STEP_STATUS_LABELS[x] }))}
      />
      {(f.status === 'applied' || f.status === 'decided') && (
        <>
          <Field label={`${step.kind} 申请日期`} type="date" value={f.appliedOn} onChange={set('appliedOn')} required />
          <Field label={`${step.kind} 受理部门`} value={f.appliedTo} onChange={set('appliedTo')} required maxLength={60} />
        </>
      )}
      {f.status === 'decided' && (
        <>
          <Field label={`${step.kind} 结果日期`} type="date" value={f.decidedOn} onChange={set('decidedOn')} required />
          <Field label={`${step.kind} 结果`} value={f.outcome} onChange={set('outcome')} required maxLength={200} placeholder="照录有关部门的结论" />
        </>
      )}
      <Field
        label={`${step.kind} 说明`}
        value={f.notes}
        onChange={set('notes')}
        maxLength={500}
        required={f.status === 'not_applicable'}
        placeholder={f.status === 'not_applicable' ? '请写明不适用的原因' : ''}
      />
      <div className="field">
        <button type="submit">保存</button>
      </div>
      <Message msg={msg} />
    </form>
  );
}
