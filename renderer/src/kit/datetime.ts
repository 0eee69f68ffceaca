/**
 * Days and times on screen: the office's calendar and wall clock, never the
 * PC's own time zone. A PC set to UTC shows the same days as one in Beijing.
 *
 * The core sends its clock with every session (unlock, whoami): the office's
 * time zone and the core's instant. The renderer keeps the difference to its
 * own clock, so "today" here is the core's today (also under a test clock),
 * and turns instants into days through the core's own functions (dates.ts).
 * Times are 24-hour: 2026-11-30 08:41.
 */
import type { OfficeClock } from '../../../electron/core/auth/types.shared';
import { DEFAULT_OFFICE_TIME_ZONE, dayIn, dayInWords, instantAtWallTime, wallTimeIn } from '../../../electron/core/dates.shared';

let zone = DEFAULT_OFFICE_TIME_ZONE;
let skewMs = 0;

/** Follow the core's clock; called with every session info the renderer receives. */
export function followOfficeClock(clock: OfficeClock): void {
  zone = clock.timeZone;
  skewMs = Date.parse(clock.now) - Date.now();
}

export function officeTimeZone(): string {
  return zone;
}

/** Now, as the core counts it (UTC ISO). */
export function officeNow(): string {
  return new Date(Date.now() + skewMs).toISOString();
}

/** The office's calendar day now, as the core counts it. */
export function officeToday(): string {
  return dayIn(officeNow(), zone);
}

/** An instant (UTC ISO) on the office's wall clock: '2026-11-30 08:41'. Empty for none. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const w = wallTimeIn(iso, zone);
  return `${w.day} ${w.time}`;
}

/** An instant in words, for printed documents: '2020年2月16日 14:20'. */
export function formatInstantLong(iso: string): string {
  const w = wallTimeIn(iso, zone);
  return `${formatDayLong(w.day)} ${w.time}`;
}

/** A calendar day in words: '2020-02-16' -> '2020年2月16日'. Empty for none. */
export function formatDayLong(day: string | null | undefined): string {
  return day ? dayInWords(day) : '';
}

/** The value an <input type="datetime-local"> wants for an instant: the office's wall clock. */
export function toWallInput(iso: string): string {
  const w = wallTimeIn(iso, zone);
  return `${w.day}T${w.time}`;
}

/** An <input type="datetime-local"> value (the office's wall clock) as a UTC ISO instant; empty when blank. */
export function fromWallInput(value: string): string {
  if (!value) return '';
  const [day = '', time = '00:00'] = value.split('T');
  return instantAtWallTime(day, time.slice(0, 5), zone);
}

/** Now, for an <input type="datetime-local">. */
export function nowWallInput(): string {
  return toWallInput(officeNow());
}
