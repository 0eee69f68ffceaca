import { useState, type FormEvent } from 'react';
import { COMMENDATION_STATUS_LABELS, type Commendation } from '../../../../electron/core/honours/contract';
import { call, errorMessage } from '../../api/client';
import { Field } from '../../kit/Field';
import { formatDayLong, officeToday } from '../../kit/datetime';
import { Message, type Msg } from '../../kit/Message';
import { Select } from '../../kit/Select';

/** One commendation's state and the next step: 报送, then 登记审批结果. */
export function CommendationActions({ k, onChange }: { k: Commendation; onChange: (k: Commendation) => void }) {
  const [f, setF] = useState({ on: officeToday(), approvingBody: k.approvingBody, conferredTitle: '', decisionNotes: '', result: 'approved' });
  const [msg, setMsg] = useState<Msg>(null);
  const set = (key: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [key]: e.target.value }));
  const advance = (status: 'submitted' | 'approved' | 'declined') => (e: FormEvent) => {
    e.preventDefault();
    call('honours.commendations.advance', {
      id: k.id,
      status,
      on: f.on,
      approvingBody: f.approvingBody,
      conferredTitle: f.conferredTitle,
      decisionNotes: f.decisionNotes,
    })
      .then((next) => (onChange(next), setMsg({ ok: true, text: `已登记：${COMMENDATION_STATUS_LABELS[next.status]}` })))
      .catch((err: unknown) => setMsg({ ok: false, text: errorMessage(err) }));
  };
  return (
    <div>
      <p>
        状态：<strong>{COMMENDATION_STATUS_LABELS[k.status]}</strong>
        {`　拟稿 ${formatDayLong(k.draftedOn)}`}
        {k.submittedOn ? `　报送 ${formatDayLong(k.submittedOn)}` : ''}
        {k.decidedOn ? `　审批 ${formatDayLong(k.decidedOn)}（${k.approvingBody}）` : ''}
        {k.conferredTitle ? `　授予“${k.conferredTitle}”` : ''} <a href={`#/print/honours-commendation-form?id=${k.id}`}>打印表彰推荐审批表</a>
      </p>
      {k.status === 'drafted' && (
        <form className="honours-form" onSubmit={advance('submitted')} aria-label="报送表彰推荐">
          <Field label="报送日期" type="date" value={f.on} onChange={set('on')} required />
          <Field label="报送至（审批机关）" value={f.approvingBody} onChange={set('approvingBody')} maxLength={60} />
          <div className="field">
            <button className="primary" type="submit">
              报送
            </button>
          </div>
        </form>
      )}
      {k.status === 'submitted' && (
        <form className="honours-form" onSubmit={advance(f.result === 'declined' ? 'declined' : 'approved')} aria-label="登记审批结果">
          <Select
            label="审批结果"
            value={f.result}
            onChange={set('result')}
            options={[
              { value: 'approved', label: '已批准' },
              { value: 'declined', label: '未获批准' },
            ]}
          />
          <Field label="审批日期" type="date" value={f.on} onChange={set('on')} required />
          <Field label="审批机关" value={f.approvingBody} onChange={set('approvingBody')} required maxLength={60} />
          {f.result === 'approved' && <Field label="授予称号" value={f.conferredTitle} onChange={set('conferredTitle')} required maxLength={60} />}
          <Field label="审批意见" value={f.decisionNotes} onChange={set('decisionNotes')} maxLength={1000} />
          <div className="field">
            <button className="primary" type="submit">
              登记审批结果
            </button>
          </div>
        </form>
      )}
      <Message msg={msg} />
    </div>
  );
}
