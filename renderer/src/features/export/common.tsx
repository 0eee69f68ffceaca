import type { ChosenFile } from '../../../../electron/core/shell/contract';
import { addDays, weekdayMon0 } from '../../../../electron/core/dates.shared';
import { officeToday } from '../../kit/datetime';
import { FileChooser } from '../../kit/FileChooser';

/** Where a package, key or backup goes: a removable drive (U 盘) from the list, or a folder the user chooses. */
export function DestinationPicker({
  value,
  onChange,
  label = '保存位置（U 盘或文件夹）',
}: {
  value: ChosenFile | null;
  onChange: (v: ChosenFile | null) => void;
  label?: string;
}) {
  return <FileChooser kind="folder" drives label={label} title="选择保存位置" value={value} onChange={onChange} />;
}

/** Last week, Monday to Sunday, in the office's calendar: the usual weekly report period. */
export function lastWeek(): { from: string; to: string } {
  const monday = addDays(officeToday(), -weekdayMon0(officeToday()) - 7);
  return { from: monday, to: addDays(monday, 6) };
}

export const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
export const MUTED = { color: 'var(--muted)' } as const;
