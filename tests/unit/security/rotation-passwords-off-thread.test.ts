/**
 * The password checks of every rotation (更换密钥, 停用, 改为只读查看, the due rotation: auth/rotation-passwords.ts) run
 * their scrypt on libuv's thread pool: the coordinator's own password in the unlock throttle's turn, then the new
 * one against the slot's history. Ordering, not timing: the pool is held (tests/helpers/thread-pool.ts) before the call
 * is sent. Meanwhile other windows answer and nothing is written; the coordinator's window locked, or their slot
 * changed, meanwhile: CONFLICT, nothing written (no row, the keyring byte for byte). The rekey itself stays on the
 * core thread. All red before (answered while the pool was held, or rotated after the lock).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import { markRotationDue } from '../../../electron/core/auth/rotation-owed';
import { asWriteDb } from '../../../electron/core/db/types';
import { ADMIN, ADMIN_NEXT, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { heldCall } from '../../helpers/held-call';
import { rewriteSlotMeanwhile } from '../../helpers/slot-meanwhile';

let t: TestLedger;
afterEach(() => t?.close());

/** A clerk signed in (window 'clerk1'), the admin's second window 'w2'. */
async function ledgerWithClerk() {
  t = await openTestLedger();
  await t.sessionAs('clerk', 'clerk1');
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password }, 'w2');
  return getUserByName(t.core.services.ledger.handle(), 'clerk1')!.id;
}
const keyringPath = () => t.core.services.ledger.paths.keyring;
const rows = (channel: string) => t.core.services.ledger.handle().prepare(`SELECT COUNT(*) FROM audit_log WHERE channel = ?`).pluck().get(channel);
const clerk = () => getUserByName(t.core.services.ledger.handle(), 'clerk1')!;

describe('更换密钥 checks its passwords off the core thread', () => {
  it('other windows answer while the checks wait; the keys are rotated only after them', async () => {
    await ledgerWithClerk();
    const before = readFileSync(keyringPath(), 'utf8');
    const { answer, release, settled } = await heldCall(t, 'users.rotateKeys', rotating());
    expect((await t.call('auth.whoami', {}, 'w2'))?.user.username).toBe(ADMIN.username);
    expect((await t.call('auth.whoami', {}, 'clerk1'))?.user.username).toBe('clerk1');
    expect(settled()).toBe(false);
    expect(readFileSync(keyringPath(), 'utf8')).toBe(before);
    await release();
    const r = await answer;
    expect(r.ok === true && (r.value as { rotated: boolean }).rotated).toBe(true);
    expect((await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT }, 'x')).user.username).toBe(ADMIN.username);
  });

  it('the window locked while the checks wait: CONFLICT, nothing rotated', async () => {
    await ledgerWithClerk();
    const before = readFileSync(keyringPath(), 'utf8');
    const key = Buffer.from(t.core.services.ledger.currentKey());
    const { answer, release } = await heldCall(t, 'users.rotateKeys', rotating());
    await t.call('auth.lock', {}, 'admin');
    await release();
    const r = await answer;
    expect(r.ok === false && r.error.code).toBe('CONFLICT');
    expect(r.ok === false && r.error.message).toBe('更换密钥期间台账在另一个窗口被锁定或改动了，没有做任何改动。请重新输入。');
    expect(readFileSync(keyringPath(), 'utf8')).toBe(before);
    expect(t.core.services.ledger.currentKey().equals(key)).toBe(true);
    expect(rows('keys.rotate')).toBe(0);
  });
});

describe('停用 and 改为只读查看 check their passwords off the core thread', () => {
  it('停用 with the window locked while the checks wait: CONFLICT, the clerk not disabled, their window open', async () => {
    const id = await ledgerWithClerk();
    const before = readFileSync(keyringPath(), 'utf8');
    const { answer, release, settled } = await heldCall(t, 'users.disable', { id, ...rotating() });
    expect((await t.call('auth.whoami', {}, 'w2'))?.user.username).toBe(ADMIN.username);
    expect(settled()).toBe(false);
    await t.call('auth.lock', {}, 'admin');
    await release();
    const r = await answer;
    expect(r.ok === false && r.error.message).toBe('停用期间台账在另一个窗口被锁定或改动了，没有做任何改动。请重新输入。');
    expect(clerk().disabled).toBe(false);
    expect(readFileSync(keyringPath(), 'utf8')).toBe(before);
    expect(rows('users.disable')).toBe(0);
    expect((await t.call('auth.whoami', {}, 'clerk1'))?.user.username).toBe('clerk1');
  });

  it('改为只读查看 with the coordinator’s own slot rewritten while the checks wait: CONFLICT, still 录入员', async () => {
    const id = await ledgerWithClerk();
    const { answer, release } = await heldCall(t, 'users.update', { id, role: 'viewer', ...rotating() });
    // Another window's write to the slot the password was checked on (a reset of this coordinator, a reseal).
    const written = rewriteSlotMeanwhile(keyringPath(), ADMIN.username);
    await release();
    const r = await answer;
    expect(r.ok === false && r.error.message).toBe('改为只读查看期间台账在另一个窗口被锁定或改动了，没有做任何改动。请重新输入。');
    expect(clerk().role).toBe('clerk');
    expect(readFileSync(keyringPath(), 'utf8')).toBe(written);
    expect(rows('users.update')).toBe(0);
  });
});

describe('the due rotation checks its passwords off the core thread', () => {
  it('other windows answer while they wait; the window locked meanwhile: CONFLICT, the rotation still due', async () => {
    await ledgerWithClerk();
    const ledger = t.core.services.ledger;
    const w = asWriteDb(ledger.handle());
    const by = { userId: 1, username: ADMIN.username };
    w.transaction(() => markRotationDue(w, { at: t.clock.nowIso(), by, reason: '测试：停用了某人' }, ledger.sealer(), ledger.sealer()))();
    await t.call('auth.lock', {}, 'w2');
    expect((await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password }, 'w2')).rotationDue).not.toBeNull();
    const before = readFileSync(keyringPath(), 'utf8');
    const { answer, release, settled } = await heldCall(t, 'auth.finishRotation', rotating(), 'w2');
    expect((await t.call('auth.whoami', {}, 'clerk1'))?.user.username).toBe('clerk1');
    expect(settled()).toBe(false);
    await t.call('auth.lock', {}, 'w2');
    await release();
    const r = await answer;
    expect(r.ok === false && r.error.code).toBe('CONFLICT');
    expect(readFileSync(keyringPath(), 'utf8')).toBe(before);
    expect((await t.call('users.keyStatus', {})).rotationDue).not.toBeNull();
  });
});
