/**
 * Calendar days (`YYYY-MM-DD`) and the office's wall clock.
 *
 * Day arithmetic is free of time zones. Turning an instant into a day or a
 * time of day happens only here, through Intl in a named IANA zone (the
 * office's, default Asia/Shanghai), never through the machine's own zone:
 * a PC set to UTC must show the same days as one set to Beijing time.
 * The core (clock.ts) and the renderer (renderer/src/kit/datetime.ts) both
 * call these functions, so there is one definition of "which day is it".
 */
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;

/** An instant written with its zone (…Z or ±hh:mm); the core stores instants as UTC ISO. */
export const ISO_INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The zone a new ledger starts with: the notice's offices are in China. */
export const DEFAULT_OFFICE_TIME_ZONE = 'Asia/Shanghai';

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number `length` ASCII digits of `s` write from `at` (ASCII only, as DAY_RE's \d), or -1 when one is not a digit. */
function digitsAt(s: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * A day that exists in the Gregorian calendar, written YYYY-MM-DD (by arithmetic, no Date: each imported ID number's
 * birth date is checked). By char codes, not DAY_RE's match with its three strings: a cases import checks three days a
 * row (the birth date twice, 返程日期), 300,000 per 100,000 rows.
 */
export function isValidDay(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y = digitsAt(s, 0, 4);
  const mo = digitsAt(s, 5, 2);
  const d = digitsAt(s, 8, 2);
  // Years before 100 were never valid here (Date.UTC reads them as 19xx); none is a day the ledger keeps.
  if (y < 100 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 && leap ? 29 : MONTH_DAYS[mo - 1]!);
}

function toUtc(day: string): number {
  const m = DAY_RE.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** The day string of a UTC midnight made by toUtc (day arithmetic, not an instant's day: that is dayIn). */
function fromUtc(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

export function addDays(day: string, n: number): string {
  return fromUtc(toUtc(day) + n * 86_400_000);
}

/** A calendar day in words, as forms print it: '2020-02-16' -> '2020年2月16日'. */
export function dayInWords(day: string): string {
  return `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** b - a in days. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

/** 0 = Monday … 6 = Sunday (the Chinese week starts on Monday). */
export function weekdayMon0(day: string): number {
  return (new Date(toUtc(day)).getUTCDay() + 6) % 7;
}

export function eachDay(from: string, toInclusive: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= toInclusive; d = addDays(d, 1)) out.push(d);
  return out;
}

// ---- the office's wall clock ----------------------------------------------

/** An instant as the office's wall clock shows it. */
export interface WallTime {
  /** YYYY-MM-DD */
  day: string;
  /** HH:mm, 24-hour */
  time: string;
  /** seconds, 0–59 */
  seconds: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    // en-US with h23 gives plain digits in fixed parts; the zone does the work.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True for a time zone name Intl knows (IANA, e.g. Asia/Shanghai, Asia/Urumqi, UTC). */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

function instantMs(instant: Date | string | number): number {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${String(instant)}`);
  return ms;
}

/** The office's calendar day and time of day at an instant. */
export function wallTimeIn(instant: Date | string | number, zone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(zone).formatToParts(instantMs(instant))) parts[p.type] = p.value;
  // Some ICU versions write midnight as 24 even with h23; it is 00 of the same day.
  const hour = parts.hour === '24' ? '00' : parts.hour;
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${hour}:${parts.minute}`, seconds: Number(parts.second) };
}

/**
 * An instant as the office's wall clock read it, for a file name: 20261201-013000. A name a
 * coordinator reads on a USB stick carries the office's day, not UTC's (at 01:30 in Beijing
 * UTC is still on the day before), and no engineer's T…Z.
 */
export function fileStampIn(instant: Date | string | number, zone: string): string {
  const w = wallTimeIn(instant, zone);
  return `${w.day.replace(/-/g, '')}-${w.time.replace(':', '')}${String(w.seconds).padStart(2, '0')}`;
}

/** The office's calendar day of an instant. */
export function dayIn(instant: Date | string | number, zone: string): string {
  return wallTimeIn(instant, zone).day;
}

/**
 * The instant at which the office's wall clock reads `day time` (HH:mm), as UTC ISO.
 * For a wall time that a daylight-saving jump skips or repeats, the earlier
 * reading wins (China has none since 1991; other zones are settings).
 */
export function instantAtWallTime(day: string, time: string, zone: string): string {
  const t = TIME_RE.exec(time);
  if (!isValidDay(day) || !t || Number(t[1]) > 23 || Number(t[2]) > 59) throw new Error(`not a wall time: ${day} ${time}`);
  const asUtc = toUtc(day) + (Number(t[1]) * 60 + Number(t[2])) * 60_000;
  // Guess with the zone's offset near that moment, then correct once for an offset change in between.
  let guess = asUtc - offsetMs(asUtc, zone);
  guess = asUtc - offsetMs(guess, zone);
  return new Date(guess).toISOString();
}

/** How far the zone's wall clock is ahead of UTC at an instant. */
function offsetMs(ms: number, zone: string): number {
  const w = wallTimeIn(ms, zone);
  const [hh, mm] = w.time.split(':').map(Number);
  const wallAsUtc = toUtc(w.day) + ((hh! * 60 + mm!) * 60 + w.seconds) * 1000;
  return wallAsUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The last millisecond of the office's calendar day, as UTC ISO (a period's end "as of"). */
export function endOfDayIn(day: string, zone: string): string {
  return new Date(Date.parse(instantAtWallTime(addDays(day, 1), '00:00', zone)) - 1).toISOString();
}
