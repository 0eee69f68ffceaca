import { addDays, eachDay, weekdayMon0 } from '../../../../electron/core/dates.shared';
import { STAFF_STATUS_LABELS, type Staff } from '../../../../electron/core/rota/contract';

export const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
export const mondayOf = (day: string) => addDays(day, -weekdayMon0(day));
export const dayHeader = (d: string) => `${d.slice(5)} 周${WEEKDAYS[weekdayMon0(d)]}`;
export const yuan = (fen: number) => (fen / 100).toFixed(2);
/** Staff with no community work where they are sent (登记人员's 「不限（机动）」): said so, not left blank or as 「（）」. */
export const staffCommunity = (name: string | null | undefined): string => name || '机动';
export { addDays, eachDay };
/** 状态 as the register shows it: 不在岗 with the day it began (none for a record an older version made). */
export const staffStatusText = (s: Pick<Staff, 'status' | 'inactiveFrom'>): string =>
  s.status === 'inactive' && s.inactiveFrom ? `${STAFF_STATUS_LABELS.inactive}（${s.inactiveFrom} 起）` : STAFF_STATUS_LABELS[s.status];

/** A 'YYYY-MM-DD' from the URL, or null when absent or malformed. */
export const dayParam = (v: string | null): string | null => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
/** A row id from the URL, or '' (meaning all). */
export const idParam = (v: string | null): number | '' => (v && /^\d+$/.test(v) ? Number(v) : '');
