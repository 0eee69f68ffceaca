import { useState, type FormEvent } from 'react';
import {
  DIFFICULTY_KINDS,
  DIFFICULTY_STATUS_LABELS,
  type DifficultyKind,
  type DifficultyStatus,
  type FamilyDifficulty,
  type MemorialDetail,
} from '../../../../electron/core/honours/contract';
import { call, errorMessage } from '../../api/client';
import { Field } from '../../kit/Field';
import { formatDayLong, officeToday } from '../../kit/datetime';
import { Message, type Msg } from '../../kit/Message';
import { plainOptions, Select } from '../../kit/Select';

type OnChange = (d: MemorialDetail) => void;
const STATUS_OPTIONS = (Object.keys(DIFFICULTY_STATUS_LABELS) as DifficultyStatus[]).map((s) => ({ value: s, label: DIFFICULTY_STATUS_LABELS[s] }));

/** 家属困难: each with an owner, actions and status until resolved. */
export function DifficultiesBlock({ d, onChange }: { d: MemorialDetail; onChange: OnChange }) {
  const empty = { kind: '', description: '', owner: '', followUpOn: '' };
  const [f, setF] = useState(empty);
  const [msg, setMsg] = useState<Msg>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    call('honours.difficulties.save', {
      memorialId: d.id,
      kind: f.kind as DifficultyKind,
      description: f.description,
      owner: f.owner,
      raisedOn: officeToday(),
      followUpOn: f.followUpOn || null,
    })
      .then((next) => (onChange(next), setMsg({ ok: true, text: '已登记困难' }), setF(empty)))
      .catch((err: unknown) => setMsg({ ok: false, text: errorMessage(err) }));
  };
  return (
    <div>
      <h3>家属困难及解决情况</h3>
      {d.difficulties.map((x) => (
        <DifficultyRow key={`${x.id}-${x.status}`} memorialId={d.id} x={x} onChange={onChange} />
      ))}
      <form className="honours-form" onSubmit={submit} aria-label="登记困难">
        <Select
          label="困难类别"
          value={f.kind}
          onChange={(e) => setF({ ...f, kind: e.target.value })}
          required
          options={[{ value: '', label: '请选择' }, ...plainOptions(DIFFICULTY_KINDS)]}
        />
        <Field label="困难情况" value={f.description} onChange={(e) => setF({ ...f, description: e.target.value })} required maxLength={1000} />
        <Field label="责任人" value={f.owner} onChange={(e) => setF({ ...f, owner: e.target.value })} required maxLength={30} />
        <Field label="跟进日期" type="date" value={f.followUpOn} onChange={(e) => setF({ ...f, followUpOn: e.target.value })} />
        <div className="field">
          <button type="submit">登记困难</button>
        </div>
      </form>
      <Message msg={msg} />
    </div>
  );
}

function DifficultyRow({ memorialId, x, onChange }: { memorialId: number; x: FamilyDifficulty; onChange: OnChange }) {
  const [f, setF] = useState({ actions: x.actions, status: x.status as string, followUpOn: x.followUpOn ?? '' });
  const [msg, setMsg] = useState<Msg>(null);
  const save = (e: FormEvent) => {
    e.preventDefault();
    call('honours.difficulties.save', {
      memorialId,
      id: x.id,
      kind: x.kind,
      description: x.description,
      owner: x.owner,
      raisedOn: x.raisedOn,
      actions: f.actions,
      status: f.status as DifficultyStatus,
      followUpOn: f.followUpOn || null,
    })
      .then(onChange)
      .catch((err: unknown) => setMsg({ ok: false, text: errorMessage(err) }));
  };
  return (
    <form className="panel" onSubmit={save} aria-label={`${x.kind}困难`}>
      <p>
        <strong>{x.kind}</strong>：{x.description}（责任人 {x.owner}，{formatDayLong(x.raisedOn)} 提出）　
        <strong>{DIFFICULTY_STATUS_LABELS[x.status]}</strong>
        {x.resolvedOn ? `（${formatDayLong(x.resolvedOn)}）` : ''}
      </p>
      <div className="honours-form">
        <div className="wide">
          <Field label="帮扶措施" value={f.actions} onChange={(e) => setF({ ...f, actions: e.target.value })} maxLength={2000} />
        </div>
        <Select label="办理状态" value={f.status} onChange={(e) => setF({ ...f, status: e.target.value })} options={STATUS_OPTIONS} />
        <Field label="跟进日期" type="date" value={f.followUpOn} onChange={(e) => setF({ ...f, followUpOn: e.target.value })} />
        <div className="field">
          <button type="submit">保存办理情况</button>
        </div>
      </div>
      {msg && <Message msg={msg} />}
    </form>
  );
}
