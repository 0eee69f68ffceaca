/**
 * The one clock the core reads. Tests (and the preview's test mode) set it;
 * everything else asks it for `now()` (an instant), `today()` (the office's
 * calendar day as YYYY-MM-DD) or `dayOf(instant)`. Days are computed in the
 * office's time zone (a setting, default Asia/Shanghai), whatever TZ the
 * process runs under. Never `new Date('2020-02-17')` for a day.
 */
import { DEFAULT_OFFICE_TIME_ZONE, dayIn, isTimeZone, wallTimeIn, type WallTime } from './dates.shared';

export interface Clock {
  now(): Date;
  nowIso(): string;
  /** The office's calendar day now, YYYY-MM-DD. */
  today(): string;
  /** The office's calendar day of an instant. */
  dayOf(instant: Date | string): string;
  /** The office's wall clock at an instant (day and HH:mm). */
  wallTime(instant: Date | string): WallTime;
  /** The office's IANA time zone. */
  readonly timeZone: string;
  /** Follows the ledger's setting (on unlock and when a coordinator changes it). */
  setTimeZone(zone: string): void;
}

export class SettableClock implements Clock {
  private offsetMs = 0;
  private fixed: number | null = null;
  private zone = DEFAULT_OFFICE_TIME_ZONE;

  constructor(opts: { timeZone?: string } = {}) {
    if (opts.timeZone) this.setTimeZone(opts.timeZone);
  }
  get timeZone(): string {
    return this.zone;
  }
  setTimeZone(zone: string): void {
    if (!isTimeZone(zone)) throw new Error(`unknown time zone: ${zone}`);
    this.zone = zone;
  }
  now(): Date {
    return new Date(this.fixed ?? Date.now() + this.offsetMs);
  }
  nowIso(): string {
    return this.now().toISOString();
  }
  today(): string {
    return dayIn(this.now(), this.zone);
  }
  dayOf(instant: Date | string): string {
    return dayIn(instant, this.zone);
  }
  wallTime(instant: Date | string): WallTime {
    return wallTimeIn(instant, this.zone);
  }
  /** Freeze the clock at an instant. */
  set(instant: Date | string): void {
    this.fixed = new Date(instant).getTime();
  }
  /** Let the clock run on from an instant (the preview's TAIZHANG_TEST_NOW). */
  startAt(instant: Date | string): void {
    this.fixed = null;
    this.offsetMs = new Date(instant).getTime() - Date.now();
  }
  advanceDays(days: number): void {
    if (this.fixed !== null) this.fixed += days * 86_400_000;
    else this.offsetMs += days * 86_400_000;
  }
  release(): void {
    this.fixed = null;
    this.offsetMs = 0;
  }
}
