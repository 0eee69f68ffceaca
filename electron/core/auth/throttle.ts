/**
 * Growing delay after wrong passwords: base, 2×base, 4×base … capped at a
 * minute, per user name. Failures are remembered in memory and written to
 * the audit log at the next successful unlock (the ledger is closed while
 * they happen, so there is nowhere safe to write them before).
 */
import type { CoreServices } from '../handler-types';

export const MAX_DELAY_MS = 60_000;

export function failureDelayMs(base: number, failures: number): number {
  return Math.min(MAX_DELAY_MS, base * 2 ** Math.max(0, failures - 1));
}

export function recordFailure(services: CoreServices, username: string, atIso: string): number {
  const key = username.toLowerCase();
  const entry = services.failures.get(key) ?? { count: 0, times: [] };
  entry.count += 1;
  entry.times.push(atIso);
  if (entry.times.length > 50) entry.times.shift();
  services.failures.set(key, entry);
  return failureDelayMs(services.failureDelayBaseMs, entry.count);
}

export function takeFailures(services: CoreServices, username: string): { count: number; times: string[] } | null {
  const key = username.toLowerCase();
  const entry = services.failures.get(key) ?? null;
  services.failures.delete(key);
  return entry;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
