/**
 * Times as the office reads them: 24-hour, in the office's zone (Beijing
 * time), whatever the PC's own language or zone. `instantText` stands in
 * until the shared date-time kit (issue 13) lands; then it delegates there.
 */
const OFFICE_ZONE = 'Asia/Shanghai';
const INSTANT = new Intl.DateTimeFormat('zh-CN', { timeZone: OFFICE_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An ISO instant as 「2020-02-17 09:30」 in the office's zone; '' for none. */
export function instantText(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = Object.fromEntries(INSTANT.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** What a 24-hour time field accepts: 00:00–23:59, and 24:00 for the end of a day. */
export const TIME_PATTERN = '([01][0-9]|2[0-3]):[0-5][0-9]|24:00';

/**
 * A time as typed, made HH:MM where the meaning is plain: 8:0 → 08:00,
 * 800 → 08:00, 1730 → 17:30, 17.30 or 17：30 → 17:30. Anything else is
 * returned as typed, for the field's check to name.
 */
export function normaliseTime(typed: string): string {
  const s = typed.trim().replace(/[：.。]/g, ':');
  const m = /^(\d{1,2}):(\d{1,2})$/.exec(s) ?? /^(\d{1,2})(\d{2})$/.exec(s);
  if (!m) return typed.trim();
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) return typed.trim();
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}
