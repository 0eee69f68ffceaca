/**
 * The import bench's verdicts from repeated runs (issue 14 §6). On this shared machine one run of the
 * same code read the cases ratio 1.3 × and 1.56 ×, the xlsx's 1.7 × and 1.4 ×: a verdict that flips
 * between runs tells a reader nothing. So each import child and its baseline child run BENCH_REPEAT
 * times (default 3), in turn (import, baseline, import, baseline, …), so that a burst of load falls on
 * both sides alike, and the ratio is taken between the medians. Plain functions, unit-tested
 * (tests/unit/import/bench-runs.test.ts); the timing itself stays in the children.
 */
import { loadavg } from 'node:os';

export const DEFAULT_REPEAT = 3;

/** BENCH_REPEAT as a whole number of runs of each child, at least 1; the default when unset or not a number. */
export function benchRepeat(value: string | undefined): number {
  const n = Math.floor(Number(value));
  return value === undefined || value.trim() === '' || !Number.isFinite(n) ? DEFAULT_REPEAT : Math.max(1, n);
}

/** The children's order: each job once per round, rounds one after another (A, B, A, B, …). */
export function interleaved<J>(jobs: readonly J[], repeat: number): J[] {
  const order: J[] = [];
  for (let round = 0; round < repeat; round++) order.push(...jobs);
  return order;
}

/** The median (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Each side's median and their ratio: the import's runs over its baseline's. */
export function ratioOfMedians(runs: readonly number[], baselines: readonly number[]): { run: number; baseline: number; ratio: number } {
  const run = median(runs);
  const baseline = median(baselines);
  return { run, baseline, ratio: run / baseline };
}

/** Every run's figure in seconds with the median first: "9.1 s (median of 8.9, 9.1, 10.3)". */
export function secondsOfRuns(ms: readonly number[]): string {
  const s = (v: number): string => (v / 1000).toFixed(1);
  return ms.length === 1 ? `${s(ms[0]!)} s` : `${s(median(ms))} s (median of ${ms.map(s).join(', ')})`;
}

/** The machine's load average (1, 5, 15 min), printed at the start and the end of the import part. */
export const loadAverage = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
