/**
 * The one clock the core reads. Tests (and the preview's test mode) set it;
 * everything else asks it for `now()` (an instant) or `today()` (a local
 * calendar day as YYYY-MM-DD). Never `new Date('2020-02-17')` for a day.
 */
export interface Clock {
  now(): Date;
  /** Local calendar day, YYYY-MM-DD. */
  today(): string;
  nowIso(): string;
}

export function localDay(d: Date): string {
  const y = d.getFullYear();
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

export class SettableClock implements Clock {
  private offsetMs = 0;
  private fixed: number | null = null;
  now(): Date {
    return new Date(this.fixed ?? Date.now() + this.offsetMs);
  }
  today(): string {
    return localDay(this.now());
  }
  nowIso(): string {
    return this.now().toISOString();
  }
  /** Freeze the clock at an instant. */
  set(instant: Date | string): void {
    this.fixed = new Date(instant).getTime();
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

export const systemClock: Clock = new SettableClock();
