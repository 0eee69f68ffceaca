/**
 * The thirteenth attack run (session 27), F3b: a user name is folded (NFKC, auth/username.shared.ts usernameAsTyped)
 * before its length is checked, on the public sign-in channels too. U+FDFA (ﷺ) folds to 18 letters: a locked window with
 * no password sent `auth.unlock` a user name of 5,990,000 of them (under the transport's 6,000,000 letters, F3's bound)
 * and held the core 14 s (load 13) for a BAD_INPUT, unthrottled, as often as it liked; 5,990,000 plain letters 0.6 s.
 * A text field is refused before it is cleaned past eight times its limit (contract.ts text(), twelfth run); a name was
 * not. Now a name far past its 32 letters (8 × 32 + 64, as a text field) is refused before it is folded, in the words
 * a name of 40 letters gets. Not timed: the test watches what String.prototype.normalize is asked to fold.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => {
  vi.restoreAllMocks();
  t.close();
});

/** The longest string folded with NFKC while `run` runs. */
async function longestFolded(run: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  const original = String.prototype.normalize;
  vi.spyOn(String.prototype, 'normalize').mockImplementation(function (this: string, form?: string) {
    longest = Math.max(longest, this.length);
    return original.call(this, form);
  });
  await run();
  vi.restoreAllMocks();
  return longest;
}

const LONG_NAME = '\ufdfa'.repeat(100_000);

describe('a user name of 100,000 letters that fold to 18 each', () => {
  // Fixed (auth/contract.ts typedName, by w43-attack with w43-lineage's word): the name's letters counted before the fold.
  it('auth.unlock and auth.recover, from a window that is not signed in: refused before the name is folded', async () => {
    t = await openTestLedger();
    await t.call('auth.lock', {});
    const folded = await longestFolded(async () => {
      const unlock = await t.raw('auth.unlock', { username: LONG_NAME, password: 'x' }, 'w1');
      // In the words a name of 40 letters gets: the bound is not the name's limit.
      const words = '输入有误：「用户名」太长（最多 32 个字）。';
      expect(unlock).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: words } });
      expect(await t.raw('auth.unlock', { username: 'x'.repeat(40), password: 'x' }, 'w1')).toMatchObject({ ok: false, error: { message: words } });
      const recover = await t.raw('auth.recover', { username: LONG_NAME, recoveryKey: 'x'.repeat(20), newPassword: 'x'.repeat(12) }, 'w1');
      expect(recover).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    });
    expect(folded).toBeLessThan(1_000);
  });
});
