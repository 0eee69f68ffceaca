/** Times of day as typed into 24-hour fields (kit/TimeField); instants on screen come from kit/datetime. */

/** A time on the clock, 00:00–23:59: a moment (kit/DateTimeField). */
export const CLOCK_TIME_PATTERN = '([01][0-9]|2[0-3]):[0-5][0-9]';
/** What a 24-hour time field accepts: 00:00–23:59, and 24:00 for the end of a day (a shift's end). */
export const TIME_PATTERN = `${CLOCK_TIME_PATTERN}|24:00`;

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
