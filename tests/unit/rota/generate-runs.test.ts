/**
 * 取消's early names (rota/generate-runs.ts): a 取消 that overtakes its run waits for it, but only among the newest
 * few over all windows. Before, each window kept its own list in a map no window's end ever emptied: a core left
 * running for months grew by one list per window that once cancelled early.
 */
import { describe, expect, it } from 'vitest';
import { cancelRun, startRun } from '../../../electron/core/rota/generate-runs';
import type { Session } from '../../../electron/core/session';

const windowOf = (n: number): Session => ({
  sessionId: `window-${n}`,
  userId: 1,
  username: 'admin',
  displayName: '王主任',
  role: 'coordinator',
  sensitive: true,
  lastActivityMs: 0,
});

/** Starts the run and says whether it was stopped at once; ends it. */
function stoppedAtStart(jobId: string, session: Session): boolean {
  const stop = new AbortController();
  startRun(jobId, session, stop)();
  return stop.signal.aborted;
}

describe('取消 before its run reached the core', () => {
  it('stops that run of its own window only, once', () => {
    expect(cancelRun('rota-early-1', windowOf(1))).toBe(false);
    expect(stoppedAtStart('rota-early-1', windowOf(2))).toBe(false);
    expect(stoppedAtStart('rota-early-1', windowOf(1))).toBe(true);
    expect(stoppedAtStart('rota-early-1', windowOf(1))).toBe(false);
  });

  it('is kept among the newest 50 over all windows: windows that come and go leave nothing behind', () => {
    expect(cancelRun('rota-first', windowOf(100))).toBe(false);
    for (let n = 101; n < 300; n++) cancelRun(`rota-${n}`, windowOf(n));
    expect(stoppedAtStart('rota-first', windowOf(100))).toBe(false);
    expect(stoppedAtStart('rota-299', windowOf(299))).toBe(true);
    expect(stoppedAtStart('rota-250', windowOf(250))).toBe(true);
    expect(stoppedAtStart('rota-249', windowOf(249))).toBe(false);
  });
});
