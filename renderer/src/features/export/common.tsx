import type { ChosenFile } from '../../../../electron/core/shell/contract';
import { FileChooser } from '../../kit/FileChooser';

/** Where a package, key or backup goes: a removable drive (U 盘) from the list, or a folder the user chooses. */
export function DestinationPicker({ value, onChange, label = '保存位置（U 盘或文件夹）' }: { value: ChosenFile | null; onChange: (v: ChosenFile | null) => void; label?: string }) {
  return <FileChooser kind="folder" drives label={label} title="选择保存位置" value={value} onChange={onChange} />;
}

function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Last week, Monday to Sunday: the usual weekly report period. */
export function lastWeek(): { from: string; to: string } {
  const now = new Date();
  const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7) - 7);
  const sunday = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 6);
  return { from: localDay(monday), to: localDay(sunday) };
}

export const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
export const MUTED = { color: 'var(--muted)' } as const;
