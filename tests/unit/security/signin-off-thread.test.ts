/**
 * A sign-in's scrypt runs on libuv's thread pool (db/slot-wrap.ts `deriveWrappingKeyAsync`): while it runs, the core
 * thread answers every other channel (it used `scryptSync`: 0.3–2 s a sign-in on a loaded machine, nothing else
 * answered). Ordering, not timing: every thread of the pool is first given a read-open of a FIFO, which blocks until a
 * writer comes, so the sign-in's scrypt cannot start until the test lets the pool go. Meanwhile other channels answer,
 * the ledger is not opened, and the throttle's turn still covers the run: a second guess waits for it, unjudged.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findSlot, readKeyring, replaceSlot, writeKeyring } from '../../../electron/core/db/keyring';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { holdThreadPool } from '../../helpers/thread-pool';

describe('a sign-in does not hold the core thread for its scrypt', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  it('setup.status and another window answer while the derive waits; the ledger opens only after it, and a second guess waits its turn', async () => {
    t = await openTestLedger();
    await t.call('auth.lock', {});
    const openSlot = vi.spyOn(t.core.services.ledger, 'openSlot');
    const order: string[] = [];
    const pool = holdThreadPool();
    const signIn = t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password }, 'w1').then((r) => (order.push('sign-in'), r));
    // A guess from another window, queued behind the sign-in in the throttle.
    const guess = t.raw('auth.unlock', { username: ADMIN.username, password: 'not-it-1' }, 'w2').then((r) => (order.push('guess'), r));
    // A turn of the event loop: with the old scryptSync the key was derived and the file opened by now.
    await new Promise((r) => setImmediate(r));
    const status = await t.call('setup.status', {}, 'w3');
    const whoami = await t.raw('auth.whoami', {}, 'w4');
    order.push('others');
    expect(status.initialized).toBe(true);
    expect(whoami.ok).toBe(true);
    expect(t.core.services.ledger.isOpen()).toBe(false);
    // Another ledger folder cannot be opened under a sign-in whose file is not open yet.
    expect((await t.fail('setup.openLedger', { path: t.dir }, 'w3')).code).toBe('CONFLICT');
    // Only the first guess is in the throttle's turn.
    expect(openSlot).toHaveBeenCalledTimes(1);
    await pool.release();
    const [signedIn, guessed] = await Promise.all([signIn, guess]);
    expect(signedIn.ok).toBe(true);
    expect(guessed.ok === false && guessed.error.code).toBe('WRONG_PASSWORD');
    expect(order[0]).toBe('others');
    expect(openSlot).toHaveBeenCalledTimes(2);
  });

  it('the slot rewritten while the derive waits: the right password opens nothing (CONFLICT, uncounted), a wrong one is counted as ever', async () => {
    t = await openTestLedger();
    await t.call('auth.lock', {});
    const keyringPath = t.core.services.ledger.paths.keyring;
    // What another window's write looks like to this sign-in (a reset, a rotation's reseal, a pin): the slot is not as read.
    const rewriteSlot = (): void => {
      const k = readKeyring(keyringPath);
      writeKeyring(keyringPath, replaceSlot(k, { ...findSlot(k, ADMIN.username)!, pinStale: true } as never));
    };
    const attempt = async (password: string) => {
      const pool = holdThreadPool();
      const answer = t.raw('auth.unlock', { username: ADMIN.username, password }, 'w1');
      await new Promise((r) => setImmediate(r));
      rewriteSlot();
      await pool.release();
      return answer;
    };
    const right = await attempt(ADMIN.password);
    expect(right.ok === false && right.error.code).toBe('CONFLICT');
    expect(t.core.services.ledger.isOpen()).toBe(false);
    const wrong = await attempt('not-it-1');
    expect(wrong.ok === false && wrong.error.code).toBe('WRONG_PASSWORD');
    // The slot as it is now opens with the right password; the failure above is in the audit log.
    expect((await t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password }, 'admin')).ok).toBe(true);
    const log = await t.call('audit.list', { filter: { channel: 'auth.unlock.failures' }, offset: 0, limit: 50 });
    expect(log.rows.map((r) => JSON.parse(r.after ?? '{}') as { failedAttempts?: number })).toContainEqual(expect.objectContaining({ failedAttempts: 1 }));
  });

  it('the slot rewritten between the password and the key’s verdict (a reset while the scan ran): CONFLICT, no key held, nothing written (W2-R1, W2-R3)', async () => {
    t = await openTestLedger();
    await t.call('auth.lock', {});
    const ledger = t.core.services.ledger;
    const opened = await ledger.openSlot(ADMIN.username, ADMIN.password, t.clock.nowIso());
    expect(opened).not.toBeNull();
    // A coordinator's 重设密码 landing while the sealed data is scanned: the slot made anew under another password.
    ledger.saveKeyring(replaceSlot(ledger.keyring(), ledger.slotFor(ADMIN.username, 'Reset-Pass-2020!', 'coordinator')));
    const written = readFileSync(ledger.paths.keyring, 'utf8');
    await expect(ledger.judgeKey(opened!)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(ledger.sealer()).toBeNull();
    expect(readFileSync(ledger.paths.keyring, 'utf8')).toBe(written);
  });
});
