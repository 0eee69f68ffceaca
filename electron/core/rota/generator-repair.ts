/**
 * The automatic rota's repair (generator.ts, after the greedy fill): every position still open gets an ejection chain
 * (someone blocked only by one of their own shifts takes this one and hands that shift on, up to `depth` links deep).
 * Every change goes into a journal so a chain that fails is undone exactly.
 */
import type { Board } from './generator-board';

/** Repairs the open positions in `order`; `progress(n)` every 200th. */
export function repairOpen(board: Board, order: readonly number[], depth: number, progress: (n: number) => void): void {
  const { cal, taken, open, dayOf, candCache, block, place, unplace, best } = board;
  const journal: Array<{ placed: boolean; si: number; di: number }> = [];
  const doPlace = (si: number, di: number) => (place(si, di), journal.push({ placed: true, si, di }));
  const doUnplace = (si: number, di: number) => (unplace(si, di), journal.push({ placed: false, si, di }));
  const rollback = (mark: number) => {
    while (journal.length > mark) {
      const op = journal.pop()!;
      if (op.placed) unplace(op.si, op.di);
      else place(op.si, op.di);
    }
  };
  /** What si could give up to be free for di: one shift, or a whole day's shifts (to free the day). */
  const removals = (si: number, di: number): number[][] => {
    const dayIdx = dayOf[di]!;
    const out: number[][] = [];
    for (let x = dayIdx - 7; x <= dayIdx + 7; x++) {
      const keys = cal[si]!.bookedOn(x).map((b) => b.key);
      if (keys.some((k) => k < 0)) continue;
      for (const k of keys) out.push([k]);
      if (keys.length > 1) out.push(keys);
    }
    return out;
  };
  // Per open position and overall, so a real shortage cannot make the search run away.
  let budget = 0;
  let overall = 800_000;
  const repair = (di: number, level: number, banned: Set<number>): boolean => {
    const direct = best(di);
    if (direct !== null && !banned.has(direct)) {
      doPlace(direct, di);
      return true;
    }
    if (level === 0) return false;
    for (const si of candCache[di]!) {
      if (banned.has(si) || taken[di]!.has(si)) continue;
      for (const give of removals(si, di)) {
        if (--budget < 0 || --overall < 0) return false;
        const mark = journal.length;
        for (const k of give) doUnplace(si, k);
        if (block(si, di) === null) {
          doPlace(si, di);
          banned.add(si);
          const ok = give.every((k) => repair(k, level - 1, banned));
          banned.delete(si);
          if (ok) return true;
        }
        rollback(mark);
      }
    }
    return false;
  };
  order.forEach((di, n) => {
    while (open[di]! > 0) {
      budget = 20_000;
      journal.length = 0;
      if (!repair(di, depth, new Set())) break;
    }
    if (n % 200 === 0) progress(n);
  });
}
