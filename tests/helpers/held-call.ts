/**
 * A call sent while libuv's pool is held (thread-pool.ts): ordering, not timing. Resolves once a few turns have passed
 * (a call still running its scrypt on the core thread had answered by now), with the answer to come, whether it has
 * settled, and the pool's release.
 */
import type { TestLedger } from './ledger';
import { holdThreadPool } from './thread-pool';

export async function heldCall(t: TestLedger, channel: string, input: unknown, sessionId = 'admin') {
  const pool = holdThreadPool();
  let settled = false;
  const answer = t.raw(channel, input, sessionId).finally(() => (settled = true));
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return { answer, release: () => pool.release(), settled: () => settled };
}
