import { useState } from 'react';
import { CHECK_METHODS, METHOD_LABELS, type CheckMethod } from '../../../../electron/core/caseload/codes.shared';
import type { CheckRecorded } from '../../../../electron/core/caseload/contract';
import { call, errorMessage } from '../../api/client';
import { useSession } from '../../kit/session-context';
import { Message, type Msg, useRunner } from '../../kit/Message';

/**
 * One day's health check: the temperature box starts empty and must be filled,
 * or 「未测」 ticked (the method says how the person was reached); the method is remembered.
 * 「无」「没有」「正常」 in 症状 mean none, exactly as the core and the import read them.
 * `report` shows the outcome in the parent (the row may vanish from today's list once recorded).
 */
/** What a recorded fever or symptom asks for next, said where it was recorded (今日随访 or the case's drawer). */
const FLAGGED_NOTE = '体温/症状异常，已列入今日随访的「体温/症状异常」，请转发热分诊或排除';

export function CheckForm({
  caseId,
  who,
  day,
  onDone,
  report,
}: {
  caseId: number;
  who: string;
  day: string;
  onDone: (r: CheckRecorded) => void;
  report?: (m: Msg) => void;
}) {
  const me = useSession().user.displayName;
  const [temperature, setTemperature] = useState('');
  const [notMeasured, setNotMeasured] = useState(false);
  const [symptoms, setSymptoms] = useState('');
  const [method, setMethod] = useState<CheckMethod>(() => (localStorage.getItem('taizhang-check-method') as CheckMethod | null) ?? 'phone');
  const [date, setDate] = useState(day);
  const local = useRunner();
  const { msg } = local;
  const say = (m: Msg) => (report ? report(m) : local.setMsg(m));
  const submit = () => {
    const reading = temperature.trim() === '' ? null : Number(temperature);
    if (!notMeasured && (reading === null || Number.isNaN(reading))) {
      return say({ ok: false, text: `${who}：请填写测得的体温；确实没有测量的，请勾选「未测」` });
    }
    local.setMsg(null);
    const done = `已登记${who} ${date} 的健康监测`;
    void call('checks.record', {
      caseId,
      checkDate: date,
      temperature: notMeasured ? null : reading,
      notMeasured,
      symptoms: symptoms || null,
      method,
      checkedBy: me,
    }).then(
      (r) => {
        localStorage.setItem('taizhang-check-method', method);
        onDone(r);
        // A fever or a symptom is not only 已登记: it waits in 今日随访's 「体温/症状异常」 until referred or dismissed (w68 walk).
        say({ ok: true, text: r.flagged ? `${done}；${FLAGGED_NOTE}` : done });
      },
      (e: unknown) => say({ ok: false, text: errorMessage(e) }),
    );
  };
  return (
    <form className="cl-inline" onSubmit={(e) => (e.preventDefault(), submit())} aria-label={`${who}的健康监测`}>
      <input type="date" aria-label={`${who} 监测日期`} value={date} onChange={(e) => setDate(e.target.value)} />
      <input
        aria-label={`${who} 体温`}
        inputMode="decimal"
        placeholder="体温"
        value={temperature}
        disabled={notMeasured}
        onChange={(e) => setTemperature(e.target.value)}
      />
      <span>°C</span>
      <label>
        <input
          type="checkbox"
          aria-label={`${who} 未测`}
          checked={notMeasured}
          onChange={(e) => (setNotMeasured(e.target.checked), e.target.checked && setTemperature(''))}
        />{' '}
        未测
      </label>
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
