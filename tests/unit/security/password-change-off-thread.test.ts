/**
 * 修改密码 (auth.changePassword) runs its scrypt on libuv's thread pool: the old password's slot opened, the
 * password-history checks and the new slot's key. Any signed-in user, a viewer too, can send it as often as they
 * like, so it must not hold the core thread. Ordering, not timing: the pool is held (tests/helpers/thread-pool.ts)
 * before the change is sent, so none of its runs can start until the test lets the pool go. Meanwhile other windows
 * answer and nothing is written; a slot changed meanwhile makes the change write nothing (CONFLICT).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { holdThreadPool } from '../../helpers/thread-pool';
import { rewriteSlotMeanwhile } from '../../helpers/slot-meanwhile';

const NEW_PASSWORD = 'Changed-2020!';

describe('a password change does not hold the core thread for its scrypt runs', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  /** Holds the pool, then sends the change from the admin's window; resolves once a few turns have passed. */
  async function changeHeld() {
    const pool = holdThreadPool();
    let settled = false;
    const answer = t.raw('auth.changePassword', { oldPassword: ADMIN.password, newPassword: NEW_PASSWORD }).finally(() => (settled = true));
    // A few turns of the event loop: with scryptSync the change had answered by now.
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    return { answer, release: () => pool.release(), settled: () => settled };
  }

  it('other windows answer while its runs wait; the new slot is written only after them', async () => {
    t = await openTestLedger();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password }, 'w2');
    const keyringPath = t.core.services.ledger.paths.keyring;
    const before = readFileSync(keyringPath, 'utf8');
    const { answer, release, settled } = await changeHeld();
    expect((await t.call('setup.status', {}, 'w3')).initialized).toBe(true);
    expect((await t.call('auth.whoami', {}, 'w2'))?.user.username).toBe(ADMIN.username);
    expect(settled()).toBe(false);
    expect(readFileSync(keyringPath, 'utf8')).toBe(before);
    await release();
    expect((await answer).ok).toBe(true);
    await t.call('auth.lock', {}, 'admin');
    await t.call('auth.lock', {}, 'w2');
    expect((await t.raw('auth.unlock', { username: ADMIN.username, password: NEW_PASSWORD }, 'w4')).ok).toBe(true);
  });

  it('the user’s slot rewritten while its runs wait: CONFLICT, nothing written', async () => {
    t = await openTestLedger();
    const keyringPath = t.core.services.ledger.paths.keyring;
    const { answer, release } = await changeHeld();
    // Another window's write (a rotation's reseal, a reset): the slot is not the one the old password opened.
    const written = rewriteSlotMeanwhile(keyringPath, ADMIN.username);
    await release();
    const r = await answer;
    expect(r.ok === false && r.error.code).toBe('CONFLICT');
    expect(readFileSync(keyringPath, 'utf8')).toBe(written);
    expect((await t.call('audit.list', { filter: { channel: 'auth.changePassword' } })).total).toBe(0);
  });

  it('the window locked while its runs wait: nothing written', async () => {
    t = await openTestLedger();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password }, 'w2');
    const keyringPath = t.core.services.ledger.paths.keyring;
    const before = readFileSync(keyringPath, 'utf8');
    const { answer, release } = await changeHeld();
    await t.call('auth.lock', {}, 'admin');
    await release();
    const r = await answer;
    expect(r.ok).toBe(false);
    expect(readFileSync(keyringPath, 'utf8')).toBe(before);
  });
});
