/**
 * Stops a spawned process and waits until it has exited, so that removing its
 * data folder afterwards does not race its last writes (a preview server
 * killed with SIGTERM still closes its ledger; `rmSync` right after the kill
 * met the folder half-emptied, ENOTEMPTY, and failed CI once).
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

export async function stopChild(child: ChildProcess | undefined, timeoutMs = 10_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill();
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

/** Removes a test's folder, retrying while another process lets go of it. */
export function removeFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}
