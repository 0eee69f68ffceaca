import { useEffect, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Field } from '../../kit/Field';
import { CoordinatorOnly } from '../../kit/CoordinatorOnly';

export function IdleLockPanel({ editable }: { editable: boolean }) {
  const { data } = useQuery('settings.get', {});
  const [minutes, setMinutes] = useState('15');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (data) setMinutes(String(data.idleLockMinutes));
  }, [data]);
  return (
    <div className="panel">
      <p>离开电脑时台账会自动锁定，别人无法看到居民信息。</p>
      {!editable && <CoordinatorOnly what="修改自动锁定时间" />}
      <div className="toolbar">
        <Field
          label="无操作多少分钟后自动锁定"
          type="number"
          min={1}
          max={240}
          value={minutes}
          disabled={!editable}
          onChange={(e) => setMinutes(e.target.value)}
        />
        {editable && (
          <button
            className="primary"
            onClick={() =>
              void call('settings.update', { idleLockMinutes: Number(minutes) })
                .then(() => setMsg({ ok: true, text: '已保存' }))
                .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }))
            }
          >
            保存
          </button>
        )}
      </div>
      {msg && (
        <p className={msg.ok ? 'ok' : 'error'} role={msg.ok ? 'status' : 'alert'}>
          {msg.text}
        </p>
      )}
    </div>
  );
}
