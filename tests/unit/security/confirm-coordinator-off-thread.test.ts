/**
 * The first coordinator's confirmation with the recovery key (auth.confirmCoordinator; auth/coordinator-upgrade.ts)
 * runs its scrypt on libuv's thread pool: the recovery slot and the user's own slot opened, the recovery slot's new
 * key. Ordering, not timing: the pool is held (tests/helpers/thread-pool.ts) before the confirmation is sent, so none
 * of its runs can start until the test lets the pool go. Meanwhile other channels answer and nothing is written; a
 * slot changed meanwhile makes it write nothing (CONFLICT).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COORDINATORS_META } from '../../../electron/core/auth/coordinator-vouch';
import { RECOVERY_SLOT } from '../../../electron/core/db/keyring';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { holdThreadPool } from '../../helpers/thread-pool';
import { rewriteSlotMeanwhile } from '../../helpers/slot-meanwhile';

const keyMode = { make: true, rolesAsFound: false };
let t: TestLedger;
afterEach(() => {
  keyMode.make = true;
  t?.close();
});

/** A ledger made before coordinator keys, its coordinator signed in as 录入员 with the notice to confirm. */
async function olderLedgerSignedIn(): Promise<void> {
  keyMode.make = false;
  t = await openTestLedger({ core: { coordinatorKeys: keyMode } });
  await t.call('auth.lock', {});
  keyMode.make = true;
  const info = await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  expect(info.keyNotice).toMatchObject({ case: 'confirm' });
}

const listed = () => t.core.services.ledger.handle().prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(COORDINATORS_META);

async function confirmHeld() {
  const pool = holdThreadPool();
  let settled = false;
  const answer = t.raw('auth.confirmCoordinator', { recoveryKey: t.recoveryKey, password: ADMIN.password }).finally(() => (settled = true));
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return { answer, release: () => pool.release(), settled: () => settled };
}

describe('the first coordinator’s confirmation does not hold the core thread for its scrypt runs', () => {
  it('other channels answer while its runs wait; the key is made only after them', async () => {
    await olderLedgerSignedIn();
    const keyring = join(t.dir, 'taizhang.keyring.json');
    const before = readFileSync(keyring, 'utf8');
    const { answer, release, settled } = await confirmHeld();
    expect((await t.call('setup.status', {}, 'w3')).initialized).toBe(true);
    expect((await t.call('auth.whoami', {}))?.user.role).toBe('clerk');
    expect(settled()).toBe(false);
    expect(readFileSync(keyring, 'utf8')).toBe(before);
    await release();
    const r = await answer;
    expect(r.ok === true && (r.value as { user: { role: string } }).user.role).toBe('coordinator');
    expect(listed()).toBeTruthy();
  });

  it('the recovery slot rewritten while its runs wait: CONFLICT, nothing written', async () => {
    await olderLedgerSignedIn();
    const keyring = join(t.dir, 'taizhang.keyring.json');
    const { answer, release } = await confirmHeld();
    const written = rewriteSlotMeanwhile(keyring, RECOVERY_SLOT);
    await release();
    const r = await answer;
    expect(r.ok === false && r.error.code).toBe('CONFLICT');
    expect(readFileSync(keyring, 'utf8')).toBe(written);
    expect(listed()).toBeUndefined();
    expect((await t.call('auth.whoami', {}))?.user.role).toBe('clerk');
  });
});
