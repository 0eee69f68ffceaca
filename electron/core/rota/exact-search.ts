/**
 * Exhaustive branch and bound over a small rota: used by the generator to
 * finish small instances (a community's week with few people), where the
 * greedy fill can be a slot short of the best possible. Deterministic: the
 * work is bounded by a node count, never by the clock.
 */
import type { BlockReason } from './types.shared';

export interface SearchSpace {
  /** One entry per open position, in the order to branch; equal entries are the same slot. */
  positions: readonly number[];
  candidates(slot: number): readonly number[];
  block(person: number, slot: number): BlockReason | null;
  place(person: number, slot: number): void;
  unplace(person: number, slot: number): void;
}

/** A placement list better than `incumbent` positions filled, or null if none was found within the node limit. */
export function branchAndBound(space: SearchSpace, incumbent: number, nodeLimit: number): Array<[number, number]> | null {
  const { positions } = space;
  const choice = new Array<number>(positions.length).fill(-1);
  let bestCount = incumbent;
  let best: Array<[number, number]> | null = null;
  let nodes = 0;
  const dfs = (k: number, filled: number): void => {
    if (filled + (positions.length - k) <= bestCount || nodes > nodeLimit) return;
    nodes++;
    if (k === positions.length) {
      bestCount = filled;
      best = choice.flatMap((si, i) => (si >= 0 ? [[si, positions[i]!] as [number, number]] : []));
      return;
    }
    const slot = positions[k]!;
    const sameAsPrev = k > 0 && positions[k - 1] === slot;
    // Copies of one slot are interchangeable: people in increasing order, empties last.
    if (!sameAsPrev || choice[k - 1]! >= 0) {
      const floor = sameAsPrev ? choice[k - 1]! : -1;
      for (const si of space.candidates(slot)) {
        if (si <= floor || space.block(si, slot) !== null) continue;
        space.place(si, slot);
        choice[k] = si;
        dfs(k + 1, filled + 1);
        choice[k] = -1;
        space.unplace(si, slot);
      }
    }
    dfs(k + 1, filled);
  };
  dfs(0, 0);
  return best;
}
