import { useState, type FormEvent } from 'react';
import type { MemorialDetail } from '../../../../electron/core/honours/contract';
import { call, errorMessage } from '../../api/client';
import { Field } from '../../kit/Field';
import { DifficultiesBlock } from './DifficultiesBlock';
import { formatDayLong, officeToday } from '../../kit/datetime';
import { Section } from './ui';
import { Message, type Msg } from '../../kit/Message';

type OnChange = (d: MemorialDetail) => void;

function useSubmit(onChange: OnChange, ok: string): { msg: Msg; run: (p: Promise<MemorialDetail>, reset?: () => void) => void } {
  const [msg, setMsg] = useState<Msg>(null);
  return {
    msg,
    run: (p, reset) =>
      void p.then((d) => (onChange(d), setMsg({ ok: true, text: ok }), reset?.())).catch((err: unknown) => setMsg({ ok: false, text: errorMessage(err) })),
  };
}

/** 慰问关怀: family members, visits, difficulties and psychological support. */
export function CareSection({ detail: d, onChange }: { detail: MemorialDetail; onChange: OnChange }) {
  return (
    <Section title="家属慰问关怀">
      <FamilyBlock d={d} onChange={onChange} />
      <VisitsBlock d={d} onChange={onChange} />
      <DifficultiesBlock d={d} onChange={onChange} />
      <PsychBlock d={d} onChange={onChange} />
    </Section>
  );
}

function FamilyBlock({ d, onChange }: { d: MemorialDetail; onChange: OnChange }) {
  const empty = { name: '', relation: '', phone: '' };
  const [f, setF] = useState(empty);
  const { msg, run } = useSubmit(onChange, '已登记家属');
  const submit = (e: FormEvent) => (
    e.preventDefault(),
    run(call('honours.family.save', { memorialId: d.id, ...f, phone: f.phone || null }), () => setF(empty))
  );
  return (
    <div>
      <h3>家属</h3>
      {d.family.length > 0 && (
        <table className="plain-table" aria-label="家属">
          <thead>
            <tr>
              <th>姓名</th>
              <th>与逝者关系</th>
              <th>联系电话</th>
            </tr>
          </thead>
          <tbody>
            {d.family.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>{m.relation}</td>
                <td>{m.phone ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="honours-form" onSubmit={submit} aria-label="登记家属">
        <Field label="家属姓名" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required maxLength={30} />
        <Field
          label="与逝者关系"
          value={f.relation}
          onChange={(e) => setF({ ...f, relation: e.target.value })}
          required
          maxLength={20}
          placeholder="如：配偶、父亲、女儿"
        />
        <Field label="联系电话" value={f.phone} onChange={(e) => setF({ ...f, phone: e.target.value })} maxLength={20} />
        <div className="field">
          <button type="submit">登记家属</button>
        </div>
      </form>
      <Message msg={msg} />
    </div>
  );
}

function VisitsBlock({ d, onChange }: { d: MemorialDetail; onChange: OnChange }) {
  const empty = { visitedOn: officeToday(), visitors: '', brought: '', notes: '', nextVisitOn: '' };
  const [f, setF] = useState(empty);
  const { msg, run } = useSubmit(onChange, '已登记慰问');
  const submit = (e: FormEvent) => (
    e.preventDefault(),
    run(call('honours.visits.add', { memorialId: d.id, ...f, nextVisitOn: f.nextVisitOn || null }), () => setF(empty))
  );
  return (
    <div>
      <h3>慰问走访</h3>
      {d.visits.length > 0 && (
        <table className="plain-table" aria-label="慰问走访">
          <thead>
            <tr>
              <th>日期</th>
              <th>慰问人员</th>
              <th>慰问物品</th>
              <th>情况</th>
              <th>下次回访</th>
            </tr>
          </thead>
          <tbody>
            {d.visits.map((v) => (
              <tr key={v.id}>
                <td>{formatDayLong(v.visitedOn)}</td>
                <td>{v.visitors}</td>
                <td>{v.brought}</td>
                <td>{v.notes}</td>
                <td>{formatDayLong(v.nextVisitOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="honours-form" onSubmit={submit} aria-label="登记慰问">
        <Field label="慰问日期" type="date" value={f.visitedOn} onChange={(e) => setF({ ...f, visitedOn: e.target.value })} required />
        <Field label="慰问人员" value={f.visitors} onChange={(e) => setF({ ...f, visitors: e.target.value })} required maxLength={120} />
        <Field label="慰问物品" value={f.brought} onChange={(e) => setF({ ...f, brought: e.target.value })} maxLength={300} />
        <Field label="走访情况" value={f.notes} onChange={(e) => setF({ ...f, notes: e.target.value })} maxLength={2000} />
        <Field label="下次回访日期" type="date" value={f.nextVisitOn} onChange={(e) => setF({ ...f, nextVisitOn: e.target.value })} />
        <div className="field">
          <button type="submit">登记慰问</button>
        </div>
      </form>
      <Message msg={msg} />
    </div>
  );
}

function PsychBlock({ d, onChange }: { d: MemorialDetail; onChange: OnChange }) {
  const [f, setF] = useState({ psychSupport: d.psychSupport, psychSupportOn: d.psychSupportOn ?? '' });
  const { msg, run } = useSubmit(onChange, '已保存心理疏导安排');
  const submit = (e: FormEvent) => (
    e.preventDefault(),
    run(call('honours.care.save', { memorialId: d.id, psychSupport: f.psychSupport, psychSupportOn: f.psychSupportOn || null }))
  );
  return (
    <div>
      <h3>心理疏导</h3>
      <form className="honours-form" onSubmit={submit} aria-label="心理疏导">
        <div className="wide">
          <Field
            label="心理疏导安排"
            value={f.psychSupport}
            onChange={(e) => setF({ ...f, psychSupport: e.target.value })}
            maxLength={1000}
            placeholder="由谁、以什么方式、多久一次"
          />
        </div>
        <Field label="开始日期" type="date" value={f.psychSupportOn} onChange={(e) => setF({ ...f, psychSupportOn: e.target.value })} />
        <div className="field">
          <button type="submit">保存安排</button>
        </div>
      </form>
      <Message msg={msg} />
    </div>
  );
}
