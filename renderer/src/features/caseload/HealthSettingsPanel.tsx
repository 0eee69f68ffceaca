import { useEffect, useState } from 'react';
import { ApiError, call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Field } from '../../kit/Field';
import { Message, useRunner } from '../../kit/Message';
import { CoordinatorOnly } from '../../kit/CoordinatorOnly';
import { HEALTH_SETTINGS_SOURCE, rangeText, type HealthSettings } from '../../../../electron/core/caseload/health-settings.shared';

/** The fields the core's BAD_INPUT names (its details.fields), so the box itself is marked too. */
const fieldsOf = (e: unknown): string[] => {
  const f = e instanceof ApiError ? e.details?.['fields'] : undefined;
  return Array.isArray(f) ? f.filter((x): x is string => typeof x === 'string') : [];
};

/**
 * 监测标准: the fever line and the usual observation length. They come from the
 * health authorities' guidance of early 2020, not from the notice, so the
 * screen says whose they are and lets the coordinator follow current guidance.
 */
export function HealthSettingsPanel({ editable }: { editable: boolean }) {
  const settings = useQuery('caseload.settings.get', {});
  const [fever, setFever] = useState('37.3');
  const [days, setDays] = useState('14');
  const [fromArrival, setFromArrival] = useState(true);
  const { msg, run, setMsg } = useRunner(settings.reload);
  const [bad, setBad] = useState<string[]>([]);
  const edited = () => (setMsg(null), setBad([]));
  const invalid = (k: keyof HealthSettings) => (bad.includes(k) ? true : undefined);
  useEffect(() => {
    if (!settings.data) return;
    setFever(String(settings.data.feverThreshold));
    setDays(String(settings.data.observationDays));
    setFromArrival(settings.data.startFromArrival);
  }, [settings.data]);

  const save = () =>
    void run(
      // No min/max on the boxes: the core checks the one range and its BAD_INPUT names the field and the range.
      call('caseload.settings.update', { feverThreshold: Number(fever), observationDays: Number(days), startFromArrival: fromArrival }).catch((e: unknown) => {
        setBad(fieldsOf(e));
        throw e;
      }),
      `已保存：体温达到 ${fever} °C 记为发热；新登记的观察默认 ${days} 天；导入没有开始日期的返程人员${fromArrival ? '按返程日期起算' : '从导入当天起算'}。`,
    );

  return (
    <div className="panel">
      {!editable && <CoordinatorOnly what="修改发热标准和观察天数" />}
      <p>
        发热标准和观察天数是本街道的设置，来源：{HEALTH_SETTINGS_SOURCE}。
        {'体温达到发热标准或有症状的监测记录进入「体温/症状异常」待处置；观察天数是新登记居家（医学）观察的默认期限，单个人员可在个案里延长或缩短并写明原因。'}
      </p>
      <form className="toolbar" aria-label="监测标准" onSubmit={(e) => (e.preventDefault(), save())}>
        <Field
          label="发热标准（°C，达到即记为发热）"
          type="number"
          step={0.1}
          note={`可填 ${rangeText('feverThreshold')}`}
          aria-invalid={invalid('feverThreshold')}
          value={fever}
          disabled={!editable}
          onChange={(e) => (setFever(e.target.value), edited())}
          required
        />
        <Field
          label="默认观察天数（天）"
          type="number"
          note={`可填 ${rangeText('observationDays')}`}
          aria-invalid={invalid('observationDays')}
          value={days}
          disabled={!editable}
          onChange={(e) => (setDays(e.target.value), edited())}
          required
        />
        <label>
          <input type="checkbox" checked={fromArrival} disabled={!editable} onChange={(e) => (setFromArrival(e.target.checked), edited())} />{' '}
          导入返程人员、居家（医学）观察人员名单时，没有「开始日期」而有「返程日期」的，按返程日期起算（不勾选则从导入当天起算；这是本街道自定的做法，通知没有规定从哪天起算）
        </label>
        {editable && (
          <button className="primary" type="submit">
            保存
          </button>
        )}
      </form>
      <Message msg={msg} />
    </div>
  );
}
