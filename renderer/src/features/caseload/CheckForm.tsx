import { useState } from 'react';
import { CHECK_METHODS, METHOD_LABELS, type CheckMethod } from '../../../../electron/core/caseload/codes';
import type { CheckRecorded } from '../../../../electron/core/caseload/contract';
import { call, errorMessage } from '../../api/client';
import { useSession } from '../../kit/session-context';
import { Message, type Msg, useRunner } from '../../kit/Message';

/** One day's health check in one click: the temperature is prefilled, the method remembered. */
/** `report` shows the outcome in the parent (the row may vanish from today's list once recorded). */
export function CheckForm({ caseId, who, day, onDone, report }: { caseId: number; who: string; day: string; onDone: (r: CheckRecorded) => void; report?: (m: Msg) => void }) {
  const me = useSession().user.displayName;
  const [temperature, setTemperature] = useState('36.5');
  const [symptoms, setSymptoms] = useState('');
  const [method, setMethod] = useState<CheckMethod>(() => (localStorage.getItem('taizhang-check-method') as CheckMethod | null) ?? 'phone');
  const [date, setDate] = useState(day);
  const local = useRunner();
  const { msg } = local;
  const run = (p: Promise<unknown>, ok: string) =>
    report ? p.then(() => report({ ok: true, text: ok })).catch((e: unknown) => report({ ok: false, text: errorMessage(e) })) : local.run(p, ok);
  const submit = () =>
    void run(
      call('checks.record', { caseId, checkDate: date, temperature: temperature === '' ? null : Number(temperature), symptoms: symptoms || null, method, checkedBy: me }).then((r) => {
        localStorage.setItem('taizhang-check-method', method);
        onDone(r);
        return r;
      }),
      `已登记${who} ${date} 的健康监测`,
    );
  return (
    <form className="cl-inline" onSubmit={(e) => (e.preventDefault(), submit())} aria-label={`${who}的健康监测`}>
      <input type="date" aria-label={`${who} 监测日期`} value={date} onChange={(e) => setDate(e.target.value)} />
      <input aria-label={`${who} 体温`} inputMode="decimal" value={temperature} onChange={(e) => setTemperature(e.target.value)} />
      <span>°C</span>
      <input className="wide" aria-label={`${who} 症状`} placeholder="症状（无则不填）" value={symptoms} onChange={(e) => setSymptoms(e.target.value)} />
      <select aria-label={`${who} 监测方式`} value={method} onChange={(e) => setMethod(e.target.value as CheckMethod)}>
        {CHECK_METHODS.map((m) => (
          <option key={m} value={m}>
            {METHOD_LABELS[m]}
          </option>
        ))}
      </select>
      <button className="primary" type="submit">
        登记监测
      </button>
      <Message msg={msg} />
    </form>
  );
}
