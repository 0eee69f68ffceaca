/**
 * A recovery's scrypt runs after the recovery key's verdict (the password-history checks, the new slot's key, the
 * recovery slot opened again to pin it) are on libuv's thread pool: the core answers other channels meanwhile. Ordering,
 * not timing: the pool is held (tests/helpers/thread-pool.ts) from the moment the recovery key's slot has been judged,
 * so those runs cannot start until the test lets the pool go. Meanwhile other windows answer and nothing is written;
 * a slot changed meanwhile makes the recovery set nothing (CONFLICT). 用恢复密钥核对's one run is on the pool too.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { holdThreadPool } from '../../helpers/thread-pool';
import { rewriteSlotMeanwhile } from '../../helpers/slot-meanwhile';
import { holdPoolAfterVerdict } from './pool-after-verdict';

const NEW_PASSWORD = 'Recovered-2020!';

describe('a recovery does not hold the core thread for its scrypt runs after the verdict', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  /** Locks, then sends auth.recover and holds the pool once its recovery key is judged; resolves when it is held. */
  async function recoveryHeldAfterVerdict() {
    await t.call('auth.lock', {});
    const pool = holdPoolAfterVerdict(t.core.services.ledger);
    const answer = t.raw('auth.recover', { username: ADMIN.username, recoveryKey: t.recoveryKey, newPassword: NEW_PASSWORD }, 'w1');
    const { release } = await pool.held();
    return { answer, release };
  }

  it('other windows answer while the checks wait; the new slot is written only after them', async () => {
    t = await openTestLedger();
    const keyringPath = t.core.services.ledger.paths.keyring;
    const before = readFileSync(keyringPath, 'utf8');
    const { answer, release } = await recoveryHeldAfterVerdict();
    expect((await t.call('setup.status', {}, 'w3')).initialized).toBe(true);
    expect((await t.raw('auth.whoami', {}, 'w4')).ok).toBe(true);
    expect(readFileSync(keyringPath, 'utf8')).toBe(before);
    await release();
    expect((await answer).ok).toBe(true);
    await t.call('auth.lock', {}, 'w1');
    expect((await t.raw('auth.unlock', { username: ADMIN.username, password: NEW_PASSWORD }, 'w2')).ok).toBe(true);
  });

  it('the user’s slot rewritten while the checks wait: CONFLICT, no new password set', async () => {
    t = await openTestLedger();
    const keyringPath = t.core.services.ledger.paths.keyring;
    const { answer, release } = await recoveryHeldAfterVerdict();
    // Another window's write (a reset, a rotation's reseal): the slot is not the one the history was read from.
    const written = rewriteSlotMeanwhile(keyringPath, ADMIN.username);
    await release();
    const r = await answer;
    expect(r.ok === false && r.error.code).toBe('CONFLICT');
    expect(readFileSync(keyringPath, 'utf8')).toBe(written);
    expect(t.core.services.sessions.get('w1')).toBeUndefined();
  });

  it('用恢复密钥核对 (auth.checkRecoveryKey): another window answers while its scrypt waits; the sheet opens after', async () => {
    t = await openTestLedger();
    const pool = holdThreadPool();
    let settled = false;
    const check = t.call('auth.checkRecoveryKey', { recoveryKey: t.recoveryKey }).finally(() => (settled = true));
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect((await t.raw('auth.whoami', {}, 'w4')).ok).toBe(true);
    expect(settled).toBe(false);
    await pool.release();
    expect((await check).opens).toBe(true);
  });
});
