import { useState, type FormEvent } from 'react';
import type { MemorialDetail } from '../../../../electron/core/honours/contract';
import { call, errorMessage } from '../../api/client';
import { Field } from '../../kit/Field';
import { formatDayLong, officeToday } from '../../kit/datetime';
import { Section } from './ui';
import { Message, type Msg } from '../../kit/Message';

/** 事迹宣传: where and when the deeds were published. The deeds text itself is part of the basic record. */
export function PublicitySection({ detail: d, onChange }: { detail: MemorialDetail; onChange: (d: MemorialDetail) => void }) {
  const empty = { publishedOn: officeToday(), outlet: '', headline: '', notes: '' };
  const [f, setF] = useState(empty);
  const [msg, setMsg] = useState<Msg>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    call('honours.publicity.add', { memorialId: d.id, ...f })
      .then((next) => (onChange(next), setMsg({ ok: true, text: '已登记宣传情况' }), setF(empty)))
      .catch((err: unknown) => setMsg({ ok: false, text: errorMessage(err) }));
  };
  return (
    <Section title="事迹宣传">
      <p className="facts-text">{d.deeds || '主要事迹尚未整理，可在“修改基本情况”中填写。'}</p>
      {d.publicity.length > 0 && (
        <table className="plain-table" aria-label="宣传情况">
          <thead>
            <tr>
              <th>发布日期</th>
              <th>发布渠道</th>
              <th>标题</th>
            </tr>
          </thead>
          <tbody>
            {d.publicity.map((p) => (
              <tr key={p.id}>
                <td>{formatDayLong(p.publishedOn)}</td>
                <td>{p.outlet}</td>
                <td>{p.headline}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="honours-form" onSubmit={submit} aria-label="登记宣传">
        <Field label="发布日期" type="date" value={f.publishedOn} onChange={(e) => setF({ ...f, publishedOn: e.target.value })} required />
        <Field
          label="发布渠道"
          value={f.outlet}
          onChange={(e) => setF({ ...f, outlet: e.target.value })}
          required
          maxLength={60}
          placeholder="如：区融媒体中心、街道公众号"
        />
        <Field label="标题" value={f.headline} onChange={(e) => setF({ ...f, headline: e.target.value })} required maxLength={120} />
        <div className="field">
          <button type="submit">登记宣传</button>
        </div>
      </form>
      <Message msg={msg} />
    </Section>
  );
}
