import { useState, type FormEvent } from 'react';
import type { MemorialDetail } from '../../../../electron/core/honours/contract';
import { call, errorMessage } from '../../api/client';
import { useSession } from '../../kit/session-context';
import { Field, TextArea } from '../../kit/Field';
import { CommendationActions } from './CommendationActions';
import { Section } from './ui';
import { Message, type Msg } from '../../kit/Message';

/** 请求表彰 / 追授 for the deceased. Opening the record again shows the fresh state. */
export function PosthumousSection({ detail: d, onChange }: { detail: MemorialDetail; onChange: (d: MemorialDetail) => void }) {
  const session = useSession();
  const [f, setF] = useState({ proposedTitle: '', deeds: d.deeds, proposer: session.officeName });
  const [msg, setMsg] = useState<Msg>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const replace = (k: MemorialDetail['commendations'][number]) => onChange({ ...d, commendations: d.commendations.map((x) => (x.id === k.id ? k : x)) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    call('honours.commendations.save', { memorialId: d.id, subjectKind: 'person', subjectName: d.name, communityId: d.communityId, staffId: d.staffId, ...f })
      .then((k) => (onChange({ ...d, commendations: [...d.commendations, k] }), setMsg({ ok: true, text: '已拟稿请求表彰' })))
      .catch((err: unknown) => setMsg({ ok: false, text: errorMessage(err) }));
  };
  return (
    <Section title="请求表彰（追授）">
      {d.commendations.map((k) => (
        <div key={k.id}>
          <p>
            拟授予：<strong>{k.proposedTitle}</strong>　推荐单位：{k.proposer}
          </p>
          <CommendationActions k={k} onChange={replace} />
        </div>
      ))}
      {d.commendations.every((k) => k.status === 'declined') && (
        <form className="honours-form" onSubmit={submit} aria-label="请求表彰">
          <Field label="拟授予称号" value={f.proposedTitle} onChange={set('proposedTitle')} required maxLength={60} />
          <Field label="推荐单位（人）" value={f.proposer} onChange={set('proposer')} required maxLength={60} />
          <div className="wide">
            <TextArea label="推荐事迹" value={f.deeds} onChange={set('deeds')} required rows={5} maxLength={8000} />
          </div>
          <div className="field">
            <button className="primary" type="submit">
              拟稿请求表彰
            </button>
          </div>
        </form>
      )}
      <Message msg={msg} />
    </Section>
  );
}
