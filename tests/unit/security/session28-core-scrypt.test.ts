/**
 * The fourteenth attack run (session 28, docs/security/attack-run-session28.md): the scrypt runs left on the core
 * thread. 修改密码 (auth.changePassword, access 只读查看 and up) checks 原密码 with one scrypt run (on the core thread
 * on 5da2530, 0.65 s a guess at load 15; on libuv's pool since 70d6e27), outside the unlock throttle: at a window left signed in, a colleague guesses its user's password as fast as scrypt
 * runs, never delayed, never counted, never audited. 更换密钥's 「您的密码」 is counted in the throttle's queue
 * (auth/rotation-passwords.ts confirmOwnPassword: "a window left open is no faster way to guess it than the unlock
 * screen"); 修改密码's 原密码 is not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

describe('修改密码’s 原密码 at a window left signed in (C1)', () => {
  // Fixed by w45-keys (auth/password-change.ts: 原密码 in the throttle's turn). Red before: every wrong 原密码 answered
  // WRONG_PASSWORD at once, the failure was not counted, and the user's own sign-in right after was not delayed.
  it('a wrong 原密码 is counted as a wrong sign-in: a guess right after waits (LOCKED), as 更换密钥’s 「您的密码」 does', async () => {
    // A base delay of 2 s: the second guess comes within milliseconds of the first.
    t = await openTestLedger({ core: { failureDelayBaseMs: 2_000 } });
    await t.sessionAs('viewer', 'viewer1');
    const guesses = await Promise.all(
      ['guess-0001', 'guess-0002', 'guess-0003'].map((g) => t.raw('auth.changePassword', { oldPassword: g, newPassword: 'Another-pass-9' }, 'viewer1')),
    );
    const codes = guesses.map((r) => (r.ok === false ? r.error.code : 'ok'));
    expect(codes).toContain('LOCKED');
  });
});
