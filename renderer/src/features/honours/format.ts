/** How the honours screens write times and dates: in the office's local time, the way a report states them. */
const pad = (n: number) => String(n).padStart(2, '0');

/** 2020年2月16日 14:20 */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** 2020年2月16日 from 2020-02-16 */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '';
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The value an <input type="datetime-local"> wants, for an instant. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An <input type="datetime-local"> value (local time) as a UTC ISO instant; empty when blank. */
export function fromLocalInput(value: string): string {
  if (!value) return '';
  const [date = '', time = '00:00'] = value.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(y!, m! - 1, d!, hh!, mm!).toISOString();
}

export function nowLocalInput(): string {
  return toLocalInput(new Date().toISOString());
}

export function todayDay(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
