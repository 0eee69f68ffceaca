/**
 * The coordinator's slot writes on 设置 › 用户 run their scrypt on libuv's thread pool: 新建 (users.create, the new
 * slot's key). Ordering, not timing: the pool is held (tests/helpers/thread-pool.ts) before the call is sent, so its run
 * cannot start until the test lets the pool go. Meanwhile other windows answer and nothing is written; the window
 * locked, or the keys rotated, meanwhile: CONFLICT, nothing written.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { holdThreadPool } from '../../helpers/thread-pool';
import { readKeyring, writeKeyring } from '../../../electron/core/db/keyring';

const INITIAL = 'initial-pass-9';

describe('新建用户 does not hold the core thread for its scrypt run', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  async function createHeld() {
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password }, 'w2');
    const pool = holdThreadPool();
    let settled = false;
    const answer = t.raw('users.create', { username: 'zhaom', displayName: '赵敏', role: 'clerk', password: INITIAL }).finally(() => (settled = true));
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    return { answer, release: () => pool.release(), settled: () => settled };
  }
  const created = () => getUserByName(t.core.services.ledger.handle(), 'zhaom');

  it('other windows answer while its run waits; the user and the slot are written after it', async () => {
    t = await openTestLedger();
    const keyringPath = t.core.services.ledger.paths.keyring;
    const before = readFileSync(keyringPath, 'utf8');
    const { answer, release, settled } = await createHeld();
    expect((await t.call('auth.whoami', {}, 'w2'))?.user.username).toBe(ADMIN.username);
    expect(settled()).toBe(false);
    expect(readFileSync(keyringPath, 'utf8')).toBe(before);
    expect(created()).toBeUndefined();
    await release();
    expect((await answer).ok).toBe(true);
    expect((await t.call('auth.unlock', { username: 'zhaom', password: INITIAL }, 'z')).user.role).toBe('clerk');
  });

  it('the window locked, or the keys changed, while its run waits: CONFLICT, nothing written', async () => {
    t = await openTestLedger();
    const keyringPath = t.core.services.ledger.paths.keyring;
    const locked = await createHeld();
    await t.call('auth.lock', {}, 'admin');
    await locked.release();
    const r = await locked.answer;
    expect(r.ok === false && r.error.code).toBe('CONFLICT');
    expect(created()).toBeUndefined();

    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const rotated = await createHeld();
    // A rotation meanwhile (its new keyring id): the session's sealer is of the keys before it.
    writeKeyring(keyringPath, { ...readKeyring(keyringPath), keyId: 'rotated-meanwhile' });
    const written = readFileSync(keyringPath, 'utf8');
    await rotated.release();
    const r2 = await rotated.answer;
    expect(r2.ok === false && r2.error.code).toBe('CONFLICT');
    expect(created()).toBeUndefined();
    expect(readFileSync(keyringPath, 'utf8')).toBe(written);
  });
});
