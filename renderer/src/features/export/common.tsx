import { useEffect, useState } from 'react';
import type { Drive } from '../../../../electron/core/shell/contract';
import { call, errorMessage } from '../../api/client';
import { addDays, weekdayMon0 } from '../../../../electron/core/dates.shared';
import { officeToday } from '../../kit/datetime';
import { Field } from '../../kit/Field';

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`;

/** Pick a removable drive (U 盘) from the list, or type any folder. */
export function DestinationPicker({ value, onChange, label = '保存位置（U 盘或文件夹）' }: { value: string; onChange: (v: string) => void; label?: string }) {
  const [drives, setDrives] = useState<Drive[]>([]);
  const [msg, setMsg] = useState<string | null>(null);
  const refresh = () =>
    call('shell.listDrives', {})
      .then((d) => {
        setDrives(d);
        setMsg(d.length === 0 ? '没有找到 U 盘，请插入后点「刷新」，或直接填写文件夹。' : null);
      })
      .catch((e: unknown) => setMsg(errorMessage(e)));
  useEffect(() => {
    void refresh();
  }, []);
  return (
    <div>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="drive-select">U 盘</label>
          <select id="drive-select" value={drives.some((d) => d.path === value) ? value : ''} onChange={(e) => onChange(e.target.value)}>
            <option value="">请选择</option>
            {drives.map((d) => (
              <option key={d.path} value={d.path}>
                {d.label}（可用 {mb(d.freeBytes)} / 共 {mb(d.totalBytes)}）
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={() => void refresh()}>
          刷新
        </button>
        <Field label={label} value={value} onChange={(e) => onChange(e.target.value)} style={{ minWidth: 360 }} />
      </div>
      {msg && <p className="notice">{msg}</p>}
    </div>
  );
}

/** Last week, Monday to Sunday, in the office's calendar: the usual weekly report period. */
export function lastWeek(): { from: string; to: string } {
  const monday = addDays(officeToday(), -weekdayMon0(officeToday()) - 7);
  return { from: monday, to: addDays(monday, 6) };
}

export const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
export const MUTED = { color: 'var(--muted)' } as const;
