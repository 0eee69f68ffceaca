/**
 * 补助标准 and the days each applies to. rota_allowance_rates holds the standard in force now for each kind of staff;
 * rota_allowance_rates_before the ones it replaced, each with the last office day it applied (migration 069). A day is
 * paid at the standard in force on that day: a standard changed on the 16th leaves the 1st–15th, and every month
 * already paid, at the old one. One rule (rateBook), for the pay sheet, 补助计算 and 值守人员及补助统计表.
 */
import { addDays } from '../dates.shared';
import type { ReadDb, WriteDb } from '../db/types';
import type { EarlierRate } from './duty-types.shared';
import type { Rate, StaffKind } from './types.shared';

export function listRates(db: ReadDb): Rate[] {
  return db.prepare(`SELECT staff_kind AS staffKind, basis, amount_fen AS amountFen, label FROM rota_allowance_rates ORDER BY staff_kind`).all() as Rate[];
}

export function rateOf(db: ReadDb, kind: StaffKind): Rate | undefined {
  return listRates(db).find((r) => r.staffKind === kind);
}

/** The standards replaced, by kind and then by the last day each applied. */
export function earlierRates(db: ReadDb): EarlierRate[] {
  const rows = db
    .prepare(
      `SELECT staff_kind AS staffKind, until_day AS until, basis, amount_fen AS amountFen, label
       FROM rota_allowance_rates_before ORDER BY staff_kind, until_day`,
    )
    .all() as Array<{ staffKind: StaffKind; until: string; basis: Rate['basis'] | null; amountFen: number | null; label: string | null }>;
  return rows.map((r) => ({
    staffKind: r.staffKind,
    until: r.until,
    rate: r.basis === null ? null : { staffKind: r.staffKind, basis: r.basis, amountFen: r.amountFen!, label: r.label! },
  }));
}

/** The replaced standard a kind's day is paid at: the earliest whose last day is on or after it (none: the current one). */
export function earlierOn(earlier: readonly EarlierRate[], kind: StaffKind, day: string): EarlierRate | undefined {
  return earlier.find((e) => e.staffKind === kind && e.until >= day);
}

/** The standard in force for a kind of staff on a day (undefined: none was set for that day). */
export type RateBook = (kind: StaffKind, day: string) => Rate | undefined;

export function rateBook(db: ReadDb): RateBook {
  const now = new Map(listRates(db).map((r) => [r.staffKind, r]));
  const before = new Map<StaffKind, EarlierRate[]>();
  for (const e of earlierRates(db)) before.set(e.staffKind, [...(before.get(e.staffKind) ?? []), e]);
  return (kind, day) => {
    const earlier = earlierOn(before.get(kind) ?? [], kind, day);
    return earlier ? (earlier.rate ?? undefined) : now.get(kind);
  };
}

const sameRate = (a: Rate | undefined, b: Rate): boolean => a !== undefined && a.basis === b.basis && a.amountFen === b.amountFen && a.label === b.label;

/**
 * Sets a kind's standard from a day on (执行日期): the days before keep the standard each had. With no day it is a
 * correction of the standard for every day, worked or to come (the replaced ones are forgotten).
 */
export function saveRate(db: WriteDb, r: Rate, from: string | undefined, now: string): void {
  const kind = { staffKind: r.staffKind };
  if (from === undefined) db.prepare(`DELETE FROM rota_allowance_rates_before WHERE staff_kind = @staffKind`).run(kind);
  else {
    const lastDay = addDays(from, -1);
    const held = rateBook(db)(r.staffKind, lastDay);
    db.prepare(`DELETE FROM rota_allowance_rates_before WHERE staff_kind = @staffKind AND until_day >= @lastDay`).run({ ...kind, lastDay });
    // The day before `from` keeps what it had; the same standard again needs no row (its days run on into the new one).
    if (!sameRate(held, r))
      db.prepare(
        `INSERT INTO rota_allowance_rates_before (staff_kind, until_day, basis, amount_fen, label, created_at)
         VALUES (@staffKind, @lastDay, @basis, @amountFen, @label, @now)`,
      ).run({ ...kind, lastDay, basis: held?.basis ?? null, amountFen: held?.amountFen ?? null, label: held?.label ?? null, now });
  }
  db.prepare(
    `INSERT INTO rota_allowance_rates (staff_kind, basis, amount_fen, label, updated_at) VALUES (@staffKind, @basis, @amountFen, @label, @now)
     ON CONFLICT (staff_kind) DO UPDATE SET basis = excluded.basis, amount_fen = excluded.amount_fen, label = excluded.label, updated_at = excluded.updated_at`,
  ).run({ ...r, now });
}
