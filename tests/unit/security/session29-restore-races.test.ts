/**
 * The fifteenth attack run (session 29, docs/security/attack-run-session29.md): a coordinator's backup.restore (all of
 * it on the core thread: the ledger closed, every window locked, the files swapped) landing while another window's
 * sign-in, recovery or 修改密码 waits on libuv's thread pool for its scrypt. The pool is held with FIFOs
 * (tests/helpers/thread-pool.ts): ordering, not timing. One-go order (the restore first) is said beside each.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import { PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { holdThreadPool } from '../../helpers/thread-pool';
import { holdPoolAfterVerdict } from './pool-after-verdict';

const NEW_PASSWORD = 'Changed-2020-pw!';
let t: TestLedger;
let stick: string | null = null;
afterEach(() => {
  vi.restoreAllMocks();
  t?.close();
  if (stick) rmSync(stick, { recursive: true, force: true });
  stick = null;
});

const keyringText = () => readFileSync(t.core.services.ledger.paths.keyring, 'utf8');
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

/** A clerk made, a backup of the ledger as it is then; the clerk's window locked. */
async function ledgerWithBackup(): Promise<string> {
  t = await openTestLedger();
  await t.sessionAs('clerk', 'clerk1');
  stick = mkdtempSync(join(tmpdir(), 'taizhang-stick-'));
  const b = await t.call('backup.create', { folder: stick });
  return b.path;
}

/** The restore from the admin's window, then what the ledger answers after it. */
async function restore(path: string) {
  const r = await t.raw('backup.restore', { path, confirm: true });
  expect(r).toMatchObject({ ok: true });
  return keyringText();
}

describe('backup.restore while another window’s scrypt waits on the thread pool', () => {
  it('a sign-in whose slot the backup holds as it is: answered on the restored ledger (the only session), its keyring the backup’s', async () => {
    const path = await ledgerWithBackup();
    await t.raw('auth.lock', {}, 'clerk1');
    const pool = holdThreadPool();
    const signIn = t.raw('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    await turns(5);
    const restored = await restore(path);
    await pool.release();
    // One-go order: the restore, then the sign-in on the restored ledger (its slot there is the one judged).
    expect(await signIn).toMatchObject({ ok: true });
    expect(t.core.services.ledger.isOpen()).toBe(true);
    expect(t.core.services.sessions.get('clerk1')?.username).toBe('clerk1');
    expect(t.core.services.sessions.size()).toBe(1);
    expect(keyringText()).toBe(restored);
  });

  it('a sign-in with a password set after the backup: CONFLICT, no session (one-go: WRONG_PASSWORD)', async () => {
    const path = await ledgerWithBackup();
    await t.call('auth.changePassword', { oldPassword: PASSWORD, newPassword: NEW_PASSWORD }, 'clerk1');
    await t.raw('auth.lock', {}, 'clerk1');
    const pool = holdThreadPool();
    const signIn = t.raw('auth.unlock', { username: 'clerk1', password: NEW_PASSWORD }, 'clerk1');
    await turns(5);
    const restored = await restore(path);
    await pool.release();
    const r = await signIn;
    expect(r.ok === false && r.error.code).toBe('CONFLICT');
    expect(t.core.services.sessions.get('clerk1')).toBeUndefined();
    expect(t.core.services.sessions.size()).toBe(0);
    expect(keyringText()).toBe(restored);
  });

  it('修改密码 from the clerk’s window pending: CONFLICT, the restored keyring untouched, the old password opens it', async () => {
    const path = await ledgerWithBackup();
    const pool = holdThreadPool();
    const change = t.raw('auth.changePassword', { oldPassword: PASSWORD, newPassword: NEW_PASSWORD }, 'clerk1');
    await turns(5);
    const restored = await restore(path);
    await pool.release();
    const r = await change;
    expect(r.ok === false && r.error.code).toBe('CONFLICT');
    expect(keyringText()).toBe(restored);
    expect((await t.raw('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1')).ok).toBe(true);
  });

  it('auth.recover after its verdict: CONFLICT, nothing written over the restored keyring, no session', async () => {
    const path = await ledgerWithBackup();
    await t.raw('auth.lock', {}, 'clerk1');
    const held = holdPoolAfterVerdict(t.core.services.ledger);
    const recover = t.raw('auth.recover', { username: 'clerk1', recoveryKey: t.recoveryKey, newPassword: NEW_PASSWORD }, 'w1');
    const { release } = await held.held();
    const restored = await restore(path);
    await release();
    const r = await recover;
    expect(r.ok === false && r.error.code).toBe('CONFLICT');
    expect(t.core.services.sessions.get('w1')).toBeUndefined();
    expect(keyringText()).toBe(restored);
    expect((await t.raw('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1')).ok).toBe(true);
    expect(getUserByName(t.core.services.ledger.handle(), 'clerk1')).toBeDefined();
  });
});
