/**
 * Where an e2e attempt's time goes, when `TAIZHANG_E2E_TIMES=<file>` is set: one JSON line per attempt with
 * the milliseconds spent starting the preview, launching Chromium, opening the page, preparing the ledger
 * (what `open` did besides those three), the test body, screenshots and closing. Off by default: nothing is
 * written and the tests are the same.
 */
import { appendFileSync } from 'node:fs';
import { basename } from 'node:path';

export type Phase = 'preview' | 'browser' | 'page' | 'screenshot';

const spent: Record<string, number> = {};
const counts: Record<string, number> = {};

export function timingsOn(): boolean {
  return Boolean(process.env.TAIZHANG_E2E_TIMES);
}

/** Runs `fn`, adding its time to `phase` of the current attempt. */
export async function timed<T>(phase: Phase, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    spent[phase] = (spent[phase] ?? 0) + performance.now() - start;
    counts[phase] = (counts[phase] ?? 0) + 1;
  }
}

export function resetTimings(): void {
  for (const k of Object.keys(spent)) delete spent[k];
  for (const k of Object.keys(counts)) delete counts[k];
}

/** Appends the attempt's line: `marks` are the attempt's own phases (open, prepare, body, close) in ms. */
export function writeTimings(file: string | undefined, test: string, attempt: number, state: string | undefined, marks: Record<string, number>): void {
  const out = process.env.TAIZHANG_E2E_TIMES;
  if (!out) return;
  const round = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v)]));
  const line = {
    file: basename(file ?? 'e2e'),
    test,
    attempt,
    state,
    at: new Date().toISOString(),
    ...round(marks),
    ...round(spent),
    screenshots: counts.screenshot ?? 0,
  };
  appendFileSync(out, `${JSON.stringify(line)}\n`);
}
