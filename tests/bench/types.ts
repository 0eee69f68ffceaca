import type { Core } from '../../electron/core/core';

export interface BenchRow {
  name: string;
  value: number;
  unit: 'ms' | 's' | 'MB' | 'rows/s' | 'x';
  /** The target for this figure (same unit), or null when it is informative only. */
  target: number | null;
  /** A bare baseline measured in the same run (e.g. the reader library's parse alone). */
  baseline?: { name: string; value: number };
}

export interface BenchEnv {
  /** Unlocked as the demo coordinator, session id 'bench'. */
  core: Core;
  dataDir: string;
  /** A scratch folder for files the benchmark writes. */
  scratch: string;
  residents: number;
  log: (line: string) => void;
}

export type BenchPart = { area: string; run: (env: BenchEnv) => Promise<BenchRow[]> };

/** Runs fn `times` times and returns the median in ms. */
export async function medianMs(times: number, fn: () => unknown): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < times; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)]!;
}
