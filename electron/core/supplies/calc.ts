/**
 * The arithmetic of supplies, pure (no I/O, no clock): burn rate, days of
 * cover, shortage, and the split of a shipment across communities. Kept
 * apart so every rule has a hand-checked test and allocation has property
 * tests.
 */
import { addDays, daysBetween } from '../dates.shared';

/** Average daily use over a window of `windowDays` days. */
export function burnRate(usedInWindow: number, windowDays: number): number {
  if (windowDays <= 0) return 0;
  return Math.max(0, usedInWindow) / windowDays;
}

/**
 * A store that has run out issues nothing, so its recent use falls to zero
 * and it would look "fine". When the stock is empty and the short window
 * shows no use, fall back to the longer window's rate.
 */
export function effectiveBurnRate(o: { stock: number; usedInWindow: number; windowDays: number; usedInLongWindow: number; longWindowDays: number }): number {
  const short = burnRate(o.usedInWindow, o.windowDays);
  if (short > 0 || o.stock > 0) return short;
  return burnRate(o.usedInLongWindow, o.longWindowDays);
}

/** stock ÷ burn rate; null when nothing is being used (cover is unlimited). */
export function daysOfCover(stock: number, burn: number): number | null {
  if (burn <= 0) return null;
  return Math.max(0, stock) / burn;
}

/**
 * Days of cover as every screen and form shows it: rounded DOWN to a tenth. Stock for 6.95 days is short of a
 * 7-day safety level, and must not read 「7.0 天」 beside it (as rounding half up did); the stock-out day is whole
 * days rounded down too. The tolerance keeps an exact quotient (140 ÷ 20) whole despite binary fractions.
 */
export function coverShown(cover: number | null): number | null {
  return cover === null ? null : Math.floor(cover * 10 + 1e-9) / 10;
}

/** The first day with nothing left: today + whole days of cover. Null when nothing is used. */
export function stockOutDay(today: string, cover: number | null): string | null {
  if (cover === null) return null;
  return addDays(today, Math.floor(cover));
}

export type ShortageReason = 'stock_out' | 'below_safety' | 'runs_out_before_delivery';

export interface ShortageInput {
  today: string;
  stock: number;
  burn: number;
  safetyDays: number;
  /** The next expected delivery day (on or after today), if any. */
  nextDelivery: string | null;
}

export interface ShortageVerdict {
  cover: number | null;
  stockOut: string | null;
  /** Empty when not short. The first reason is the most serious. */
  reasons: ShortageReason[];
  /** Units needed to bring the stock up to the safety level (burn × safety days). */
  shortfall: number;
}

/**
 * A shortage is cover below the safety level, or a stock-out before the
 * next delivery. Nothing used means no shortage: there is no rate to run out at.
 */
export function assessShortage(s: ShortageInput): ShortageVerdict {
  const cover = daysOfCover(s.stock, s.burn);
  const stockOut = stockOutDay(s.today, cover);
  const reasons: ShortageReason[] = [];
  if (cover !== null) {
    if (s.stock <= 0) reasons.push('stock_out');
    if (cover < s.safetyDays) reasons.push('below_safety');
    if (s.nextDelivery !== null && stockOut !== null && stockOut < s.nextDelivery) reasons.push('runs_out_before_delivery');
  }
  return { cover, stockOut, reasons, shortfall: shortfallToSafety(s.stock, s.burn, s.safetyDays) };
}

export function shortfallToSafety(stock: number, burn: number, safetyDays: number): number {
  return Math.max(0, Math.ceil(burn * safetyDays - 1e-9) - Math.max(0, stock));
}

/** Days from today to the stock-out, for sorting: lower is more urgent; unlimited last. */
export function urgencyDays(today: string, stockOut: string | null): number {
  return stockOut === null ? Number.POSITIVE_INFINITY : daysBetween(today, stockOut);
}

export interface AllocationNeed {
  key: number;
  /** Units short of the safety level. */
  need: number;
  /** Priority weight ≥ 1 (staff on duty, people under observation). */
  weight: number;
}

/**
 * Weight of a community's need: 1, plus up to one half for staff on duty and
 * one half for people under observation, relative to the office average.
 * Both expose people on the front line, so they move a community up the queue.
 */
export function needWeight(staff: number, observed: number, meanStaff: number, meanObserved: number): number {
  // Each factor is the community's count against the office mean, capped at twice the mean, scaled to 0–1.
  const part = (v: number, mean: number) => (mean > 0 ? Math.min(2, Math.max(0, v) / mean) / 2 : 0);
  return 1 + 0.5 * part(staff, meanStaff) + 0.5 * part(observed, meanObserved);
}

/**
 * Splits `shipment` units across needs, in whole packs of `packSize`.
 * - nobody gets more than their need (rounded up to whole packs);
 * - if the shipment covers every need, everyone gets their need;
 * - otherwise packs go in proportion to need × weight (water-filling under
 *   the caps), leftover packs to the largest remainders, so a community with
 *   more need and more weight never gets less than one with less of both.
 * Returns units per key; the sum never exceeds the shipment.
 */
export function allocate(shipment: number, packSize: number, needs: readonly AllocationNeed[]): Map<number, number> {
  const out = new Map<number, number>(needs.map((n) => [n.key, 0]));
  const pack = Math.max(1, Math.floor(packSize));
  const packs = Math.max(0, Math.floor(shipment / pack));
  const rows = needs
    .map((n) => ({ key: n.key, cap: Math.ceil(Math.max(0, n.need) / pack), demand: Math.ceil(Math.max(0, n.need) / pack) * Math.max(0, n.weight) }))
    .filter((r) => r.cap > 0 && r.demand > 0);
  const totalCap = rows.reduce((s, r) => s + r.cap, 0);
  if (totalCap <= packs) {
    for (const r of rows) out.set(r.key, r.cap * pack);
    return out;
  }
  // Water-filling: share in proportion to demand; whoever hits their cap is fixed, the rest re-share.
  const share = new Map<number, number>();
  let open = rows;
  let left = packs;
  for (;;) {
    const demand = open.reduce((s, r) => s + r.demand, 0);
    const capped = open.filter((r) => (left * r.demand) / demand >= r.cap);
    if (capped.length === 0) {
      for (const r of open) share.set(r.key, (left * r.demand) / demand);
      break;
    }
    for (const r of capped) {
      share.set(r.key, r.cap);
      left -= r.cap;
    }
    open = open.filter((r) => !capped.includes(r));
    if (open.length === 0) break;
  }
  const whole = rows.map((r) => ({ ...r, x: share.get(r.key) ?? 0, got: Math.floor((share.get(r.key) ?? 0) + 1e-9) }));
  let spare = packs - whole.reduce((s, r) => s + r.got, 0);
  const byRemainder = [...whole].sort((a, b) => b.x - b.got - (a.x - a.got) || b.demand - a.demand || b.cap - a.cap || a.key - b.key);
  for (const r of byRemainder) {
    if (spare <= 0) break;
    if (r.got < r.cap && r.x - r.got > 1e-9) {
      r.got++;
      spare--;
    }
  }
  for (const r of whole) out.set(r.key, r.got * pack);
  return out;
}
