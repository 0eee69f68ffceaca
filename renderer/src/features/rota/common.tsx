import { useEffect, useState } from 'react';
import { addDays, eachDay, weekdayMon0 } from '../../../../electron/core/dates';
import { onCoreEvent } from '../../api/client';

export const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
export const mondayOf = (day: string) => addDays(day, -weekdayMon0(day));
export const dayHeader = (d: string) => `${d.slice(5)} 周${WEEKDAYS[weekdayMon0(d)]}`;
export const yuan = (fen: number) => (fen / 100).toFixed(2);
export { addDays, eachDay };

/** A 'YYYY-MM-DD' from the URL, or null when absent or malformed. */
export const dayParam = (v: string | null): string | null => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
/** A row id from the URL, or '' (meaning all). */
export const idParam = (v: string | null): number | '' => (v && /^\d+$/.test(v) ? Number(v) : '');

export function useTaskProgress(channel: string): string | null {
  const [phase, setPhase] = useState<string | null>(null);
  useEffect(() => onCoreEvent((e) => e.type === 'progress' && e.channel === channel && setPhase(`${e.phase}（${e.done}/${e.total}）`)), [channel]);
  return phase;
}

export function Select({ label, value, onChange, options, id }: { label: string; value: string | number; onChange: (v: string) => void; options: Array<{ value: string | number; label: string }>; id: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={String(o.value)} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export type Msg = { ok: boolean; text: string } | null;
export function Message({ msg }: { msg: Msg }) {
  return msg ? (
    <p className={msg.ok ? 'ok' : 'error'} role={msg.ok ? 'status' : 'alert'}>
      {msg.text}
    </p>
  ) : null;
}
