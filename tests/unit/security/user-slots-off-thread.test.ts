/**
 * The coordinator's slot writes on 设置 › 用户 run their scrypt on libuv's thread pool: 重设密码 (users.resetPassword,
 * auth/password-reset.ts: the password-history checks and the new slot's key) and 新建 (users.create: the new slot's key). Ordering, not timing: the pool is held (tests/helpers/thread-pool.ts) before the reset
 * is sent, so none of its runs can start until the test lets the pool go. Meanwhile other windows answer and nothing is
 * written; the user's slot changed, or the coordinator's window locked, meanwhile: nothing written.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import { ADMIN, openTestLedger, PASSWORD, type TestLedger } from '../../helpers/ledger';
import { heldCall } from '../../helpers/held-call';
import { rewriteSlotMeanwhile } from '../../helpers/slot-meanwhile';
import { readKeyring, writeKeyring } from '../../../electron/core/db/keyring';

const INITIAL = 'initial-pass-9';

describe('重设密码 does not hold the core thread for its scrypt runs', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  /** A clerk liuxy signed in (window 'liuxy'), and the admin's second window 'w2'. */
  async function ledgerWithClerk() {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'liuxy');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password }, 'w2');
    return getUserByName(t.core.services.ledger.handle(), 'liuxy')!.id;
  }

  const resetHeld = (id: number) => heldCall(t, 'users.resetPassword', { id, password: INITIAL });

  const resetRows = () => t.core.services.ledger.handle().prepare(`SELECT COUNT(*) FROM audit_log WHERE channel = 'users.resetPassword'`).pluck().get();

  it('other windows answer while its runs wait; the new slot is written only after them', async () => {
    const id = await ledgerWithClerk();
    const keyringPath = t.core.services.ledger.paths.keyring;
    const before = readFileSync(keyringPath, 'utf8');
    const { answer, release, settled } = await resetHeld(id);
    expect((await t.call('auth.whoami', {}, 'w2'))?.user.username).toBe(ADMIN.username);
    expect((await t.call('auth.whoami', {}, 'liuxy'))?.user.username).toBe('liuxy');
    expect(settled()).toBe(false);
    expect(readFileSync(keyringPath, 'utf8')).toBe(before);
    await release();
    expect((await answer).ok).toBe(true);
    expect(resetRows()).toBe(1);
    expect(await t.call('auth.whoami', {}, 'liuxy')).toBeNull();
    expect((await t.fail('auth.unlock', { username: 'liuxy', password: PASSWORD }, 'x')).code).toBe('WRONG_PASSWORD');
    expect((await t.call('auth.unlock', { username: 'liuxy', password: INITIAL }, 'x')).user.mustChangePassword).toBe(true);
  });

  it('the user’s slot rewritten while its runs wait: CONFLICT, nothing written', async () => {
    const id = await ledgerWithClerk();
    const keyringPath = t.core.services.ledger.paths.keyring;
    const { answer, release } = await resetHeld(id);
    // Another window's write (a rotation's reseal, the user's own 修改密码): not the slot the history was read from.
    const written = rewriteSlotMeanwhile(keyringPath, 'liuxy');
    await release();
    const r = await answer;
    expect(r.ok === false && r.error.code).toBe('CONFLICT');
    expect(r.ok === false && r.error.message).toContain('密码没有重设');
    expect(readFileSync(keyringPath, 'utf8')).toBe(written);
    expect(resetRows()).toBe(0);
    expect((await t.call('auth.whoami', {}, 'liuxy'))?.user.username).toBe('liuxy');
  });

  it('the coordinator’s window locked while its runs wait: nothing written', async () => {
    const id = await ledgerWithClerk();
    const keyringPath = t.core.services.ledger.paths.keyring;
    const before = readFileSync(keyringPath, 'utf8');
    const { answer, release } = await resetHeld(id);
    await t.call('auth.lock', {}, 'admin');
    await release();
    const r = await answer;
    expect(r.ok === false && r.error.code).toBe('CONFLICT');
    expect(readFileSync(keyringPath, 'utf8')).toBe(before);
    expect(resetRows()).toBe(0);
  });

  it('the user disabled while its runs wait: CONFLICT, nothing written', async () => {
    const id = await ledgerWithClerk();
    const { answer, release } = await resetHeld(id);
    // 停用 from the other window (its own runs wait on the same pool: the row is written here, as its write would).
    t.core.services.ledger.handle().prepare(`UPDATE users SET disabled = 1 WHERE id = ?`).run(id);
    await release();
    const r = await answer;
    expect(r.ok === false && r.error.code).toBe('CONFLICT');
    expect(resetRows()).toBe(0);
  });
});

describe('新建用户 does not hold the core thread for its scrypt run', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  async function createHeld() {
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password }, 'w2');
    return heldCall(t, 'users.create', { username: 'zhaom', displayName: '赵敏', role: 'clerk', password: INITIAL });
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
