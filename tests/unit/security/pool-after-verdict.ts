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

/**
 * Another window's call sent while the recovery is held lands before the recovery's last scrypt run (the recovery slot
 * opened again to pin it, ledger.slotPinnedToHeldKey) and so before its last re-check, whatever order the pool runs the
 * two windows' runs in once released: that run starts only when `meanwhile` has settled. For a call that needs the
 * pool itself (停用 and 更换密钥 check their passwords there: auth/rotation-passwords.ts).
 */
export function lastRunAfter(ledger: Ledger, meanwhile: Promise<unknown>): void {
  const pin = ledger.slotPinnedToHeldKey.bind(ledger);
  vi.spyOn(ledger, 'slotPinnedToHeldKey').mockImplementationOnce(async (...args) => {
    await meanwhile.catch(() => undefined);
    return pin(...args);
  });
}
