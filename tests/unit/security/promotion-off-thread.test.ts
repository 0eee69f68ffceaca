/**
 * A promotion from 只读查看 (users.update when it makes the slot anew; auth/promotion.ts) runs its scrypt on libuv's
 * thread pool: the coordinator's own password, the user's password-history checks and the new slot's key. Ordering,
 * not timing: the pool is held (tests/helpers/thread-pool.ts) before the promotion is sent. Meanwhile other windows
 * answer and nothing is written; the user's slot or row changed, or the coordinator's window locked, meanwhile:
 * CONFLICT, nothing written. All four were red before (the promotion had answered while the pool was held).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import { ADMIN, openTestLedger, PASSWORD, type TestLedger } from '../../helpers/ledger';
import { heldCall } from '../../helpers/held-call';
import { rewriteSlotMeanwhile } from '../../helpers/slot-meanwhile';
import { INITIAL_PASSWORD } from '../../helpers/promote';

describe('a promotion does not hold the core thread for its scrypt runs', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  /** A viewer signed in (window 'viewer1'), the admin's second window 'w2'; the pool held, then the promotion sent. */
  async function promotionHeld() {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password }, 'w2');
    const id = getUserByName(t.core.services.ledger.handle(), 'viewer1')!.id;
    const keyringPath = t.core.services.ledger.paths.keyring;
    const before = readFileSync(keyringPath, 'utf8');
    const held = await heldCall(t, 'users.update', { id, role: 'clerk', initialPassword: INITIAL_PASSWORD, password: ADMIN.password });
    return { ...held, keyringPath, before };
  }
  const role = () => getUserByName(t.core.services.ledger.handle(), 'viewer1')!.role;
  const updateRows = () => t.core.services.ledger.handle().prepare(`SELECT COUNT(*) FROM audit_log WHERE channel = 'users.update'`).pluck().get();
  /** CONFLICT, the keyring as `keyring` (byte for byte), still 只读查看, no row. */
  const nothingWritten = (r: Awaited<ReturnType<TestLedger['raw']>>, keyringPath: string, keyring: string) => {
    expect(r.ok === false && r.error.code).toBe('CONFLICT');
    expect(readFileSync(keyringPath, 'utf8')).toBe(keyring);
    expect(role()).toBe('viewer');
    expect(updateRows()).toBe(0);
  };

  it('other windows answer while its runs wait; the role and the new slot are written only after them', async () => {
    const { answer, release, settled, keyringPath, before } = await promotionHeld();
    expect((await t.call('auth.whoami', {}, 'w2'))?.user.username).toBe(ADMIN.username);
    expect((await t.call('auth.whoami', {}, 'viewer1'))?.user.username).toBe('viewer1');
    expect(settled()).toBe(false);
    expect(readFileSync(keyringPath, 'utf8')).toBe(before);
    expect(role()).toBe('viewer');
    await release();
    expect((await answer).ok).toBe(true);
    expect(role()).toBe('clerk');
    expect(updateRows()).toBe(2);
    // The slot made anew, like a reset: the old password opens nothing, the initial one opens as 录入员 with the key.
    expect(await t.call('auth.whoami', {}, 'viewer1')).toBeNull();
    expect((await t.fail('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'x')).code).toBe('WRONG_PASSWORD');
    const s = await t.call('auth.unlock', { username: 'viewer1', password: INITIAL_PASSWORD }, 'x');
    expect(s.user).toMatchObject({ role: 'clerk', mustChangePassword: true });
    expect(s.keyNotice).toBeNull();
    expect(t.core.services.sessions.get('x')!.sensitive).toBe(true);
  });

  it('the user’s slot rewritten while its runs wait: CONFLICT, nothing written', async () => {
    const { answer, release, keyringPath } = await promotionHeld();
    const written = rewriteSlotMeanwhile(keyringPath, 'viewer1');
    await release();
    const r = await answer;
    expect(r.ok === false && r.error.code).toBe('CONFLICT');
    expect(r.ok === false && r.error.message).toBe('改为录入员期间台账在另一个窗口被锁定或改动了，角色没有更改。请重新输入。');
    expect(readFileSync(keyringPath, 'utf8')).toBe(written);
    expect(role()).toBe('viewer');
    expect(updateRows()).toBe(0);
    expect((await t.call('auth.whoami', {}, 'viewer1'))?.user.username).toBe('viewer1');
  });

  it('the coordinator’s window locked while its runs wait: CONFLICT, nothing written', async () => {
    const { answer, release, keyringPath, before } = await promotionHeld();
    await t.call('auth.lock', {}, 'admin');
    await release();
    nothingWritten(await answer, keyringPath, before);
  });

  it('the user disabled while its runs wait: CONFLICT, nothing written', async () => {
    const { answer, release, keyringPath, before } = await promotionHeld();
    // 停用 from the other window (its own runs wait on the same pool: the row is written here, as its write would).
    const id = getUserByName(t.core.services.ledger.handle(), 'viewer1')!.id;
    t.core.services.ledger.handle().prepare(`UPDATE users SET disabled = 1 WHERE id = ?`).run(id);
    await release();
    nothingWritten(await answer, keyringPath, before);
  });
});
