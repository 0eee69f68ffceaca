/**
 * The fourteenth attack run (session 28, docs/security/attack-run-session28.md): session 27's async recovery raced.
 * auth.recover's scrypt runs after the recovery key's verdict are on libuv's thread pool (6afb4ac); the pool is held
 * (tests/helpers/thread-pool.ts) from the moment the recovery key has been judged, and another window's write lands
 * meanwhile. Ordering, not timing. What one-go order would answer is said beside each. 停用 and 更换密钥 check the
 * coordinator's passwords on the pool too (auth/rotation-passwords.ts): sent while it is held, they land once it is
 * released, before the recovery's last run and re-check (`lastRunAfter`).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findSlot, readKeyring } from '../../../electron/core/db/keyring';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import { ADMIN, PASSWORD, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { holdPoolAfterVerdict, lastRunAfter } from './pool-after-verdict';

const NEW_PASSWORD = 'Recovered-2020!';
let t: TestLedger;
afterEach(() => {
  vi.restoreAllMocks();
  t?.close();
});

const keyringPath = () => t.core.services.ledger.paths.keyring;
const idOf = (name: string) => getUserByName(t.core.services.ledger.handle(), name)!.id;
const rows = (channel: string, entity: string) =>
  t.core.services.ledger.handle().prepare(`SELECT COUNT(*) FROM audit_log WHERE channel = ? AND entity = ?`).pluck().get(channel, entity) as number;

/** `username`'s recovery from window `win`, held once the recovery key is judged; resolves when the pool is held. */
async function recoveryHeld(username: string, win: string) {
  const pool = holdPoolAfterVerdict(t.core.services.ledger);
  const answer = t.raw('auth.recover', { username, recoveryKey: t.recoveryKey, newPassword: NEW_PASSWORD }, win);
  const { release } = await pool.held();
  return { answer, release };
}

describe('auth.recover pending after its verdict, raced by a coordinator’s write in another window', () => {
  it('停用 the user meanwhile: no session, no slot written for the disabled user (one-go: FORBIDDEN)', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await t.raw('auth.lock', {}, 'clerk1');
    const { answer, release } = await recoveryHeld('clerk1', 'w1');
    const id = idOf('clerk1');
    const rotationsBefore = rows('keys.rotate', 'ledger');
    const disabling = t.call('users.disable', { id, ...rotating() });
    lastRunAfter(t.core.services.ledger, disabling);
    await release();
    expect((await disabling).disabled).toBe(true);
    const written = readFileSync(keyringPath(), 'utf8');
    const r = await answer;
    expect(r.ok === false && r.error.code).toBe('CONFLICT');
    expect(t.core.services.sessions.get('w1')).toBeUndefined();
    expect(readFileSync(keyringPath(), 'utf8')).toBe(written);
    expect(findSlot(readKeyring(keyringPath()), 'clerk1')).toBeUndefined();
    // The log says the clerk was disabled and the keys rotated (its rows 'started' and 'done'), and no password set by the recovery.
    expect([rows('users.disable', 'user'), rows('keys.rotate', 'ledger') - rotationsBefore, rows('auth.recover', 'user')]).toEqual([1, 2, 0]);
  });

  it('a second coordinator demoted to 录入员 meanwhile: the recovery gives no 统筹负责人 session (one-go: 录入员)', async () => {
    t = await openTestLedger();
    await t.sessionAs('coordinator', 'coord2');
    await t.raw('auth.lock', {}, 'coord2');
    const { answer, release } = await recoveryHeld('coord2', 'w1');
    await t.call('users.update', { id: idOf('coord2'), role: 'clerk' });
    await release();
    const r = await answer;
    if (r.ok === true) expect((r.value as { user: { role: string } }).user.role).not.toBe('coordinator');
    else expect(r.ok === false && r.error.code).toBe('CONFLICT');
    expect(t.core.services.sessions.get('w1')?.role ?? 'none').not.toBe('coordinator');
  });

  it('更换密钥 meanwhile: CONFLICT, nothing set; the rotation’s keyring stands (one-go: ok after the rotation)', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await t.raw('auth.lock', {}, 'clerk1');
    const { answer, release } = await recoveryHeld('clerk1', 'w1');
    const rotationsBefore = rows('keys.rotate', 'ledger');
    const rotation = t.call('users.rotateKeys', rotating());
    lastRunAfter(t.core.services.ledger, rotation);
    await release();
    expect((await rotation).rotated).toBe(true);
    const written = readFileSync(keyringPath(), 'utf8');
    const r = await answer;
    expect(r.ok === false && r.error.code).toBe('CONFLICT');
    expect(t.core.services.sessions.get('w1')).toBeUndefined();
    expect(readFileSync(keyringPath(), 'utf8')).toBe(written);
    expect([rows('keys.rotate', 'ledger') - rotationsBefore, rows('auth.recover', 'user')]).toEqual([2, 0]);
    // The clerk's old password still opens their slot as the rotation made it.
    expect((await t.raw('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1')).ok).toBe(true);
  });

  it('two recoveries at once for two users: neither writes over the other’s slot; each new password opens its own', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await t.raw('auth.lock', {}, 'clerk1');
    await t.raw('auth.lock', {}, 'admin');
    const first = await recoveryHeld('clerk1', 'w1');
    // The second is judged in the recovery key's turn after the first's, while the first's pool work is held.
    const second = t.raw('auth.recover', { username: ADMIN.username, recoveryKey: t.recoveryKey, newPassword: 'Recovered-2021!' }, 'w2');
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    await first.release();
    const [a, b] = [await first.answer, await second];
    // Either may be CONFLICT (the recovery slot pinned by the other meanwhile); none may set a password it did not say it set.
    for (const [r, name, pw] of [
      [a, 'clerk1', NEW_PASSWORD],
      [b, ADMIN.username, 'Recovered-2021!'],
    ] as const) {
      for (const w of ['w1', 'w2']) await t.raw('auth.lock', {}, w);
      const opened = await t.raw('auth.unlock', { username: name, password: pw }, `check-${name}`);
      expect(opened.ok).toBe(r.ok);
      await t.raw('auth.lock', {}, `check-${name}`);
    }
  });
});
