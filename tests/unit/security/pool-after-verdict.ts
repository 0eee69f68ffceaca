/**
 * For races on auth.recover (recover-off-thread.test.ts, session28-races.test.ts): libuv's thread pool held from the
 * moment the ledger's next `judgeKey` answers, so the scrypt runs queued after the verdict wait until `release`.
 */
import { vi } from 'vitest';
import type { Ledger } from '../../../electron/core/db/ledger';
import { holdThreadPool } from '../../helpers/thread-pool';

/** Call before the recovery; `held()` resolves once the pool is held, with its release. */
export function holdPoolAfterVerdict(ledger: Ledger): { held: () => Promise<{ release: () => Promise<void> }> } {
  const judge = ledger.judgeKey.bind(ledger);
  let pool: ReturnType<typeof holdThreadPool> | null = null;
  vi.spyOn(ledger, 'judgeKey').mockImplementationOnce(async (...args) => {
    const judged = await judge(...args);
    pool = holdThreadPool();
    return judged;
  });
  return {
    async held() {
      while (!pool) await new Promise((r) => setImmediate(r));
      // A few turns of the event loop: with scryptSync the history was checked and the new slot written by now.
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      return pool;
    },
  };
}
