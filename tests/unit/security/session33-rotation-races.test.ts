/**
 * The nineteenth attack run (session 33) on the rotations' password checks moved onto libuv's pool (b012439f,
 * auth/rotation-passwords.ts): raced with a second coordinator's windows while the checks wait. Ordering, not timing:
 * the pool is held (tests/helpers/held-call.ts) before the calls are sent.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import { ADMIN, ADMIN_NEXT, PASSWORD, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { heldCall } from '../../helpers/held-call';

let t: TestLedger;
afterEach(() => t?.close());

const rows = (channel: string) => t.core.services.ledger.handle().prepare(`SELECT COUNT(*) FROM audit_log WHERE channel = ?`).pluck().get(channel);

/** The admin and a second coordinator 'deputy', each signed in in a window of their own name. */
async function twoCoordinators(): Promise<number> {
  t = await openTestLedger();
  await t.sessionAs('coordinator', 'deputy');
  return getUserByName(t.core.services.ledger.handle(), ADMIN.username)!.id;
}

describe('a rotation whose password checks are pending (held)', () => {
  it('the rotating coordinator demoted to 录入员 by another coordinator meanwhile: CONFLICT, keys not rotated', async () => {
    const admin = await twoCoordinators();
    const key = Buffer.from(t.core.services.ledger.currentKey());
    const { answer, release, settled } = await heldCall(t, 'users.rotateKeys', rotating());
    await t.call('users.update', { id: admin, role: 'clerk' }, 'deputy');
    expect(settled()).toBe(false);
    await release();
    const r = await answer;
    expect(r.ok === false && r.error.code).toBe('CONFLICT');
    expect(t.core.services.ledger.currentKey().equals(key)).toBe(true);
    // The demotion's own row says a rotation is due (a coordinator left the list); none was started.
    const started = t.core.services.ledger
      .handle()
      .prepare(`SELECT COUNT(*) FROM audit_log WHERE channel = 'keys.rotate' AND after_json LIKE '%"keysRotated":"started"%'`)
      .pluck()
      .get();
    expect(started).toBe(0);
    expect((await t.call('users.keyStatus', {}, 'deputy')).rotationDue).toMatchObject({ reason: expect.stringContaining('不再是统筹负责人') });
  });

  it('two coordinators’ 更换密钥 at once: one rotates, the other is CONFLICT; the winner’s new password opens it', async () => {
    await twoCoordinators();
    const before = readFileSync(t.core.services.ledger.paths.keyring, 'utf8');
    const first = await heldCall(t, 'users.rotateKeys', rotating());
    const second = t.raw('users.rotateKeys', { password: PASSWORD, newPassword: 'deputy-next-1', newPasswordAgain: 'deputy-next-1' }, 'deputy');
    await first.release();
    const answers = [await first.answer, await second];
    expect(answers.map((a) => (a.ok ? 'ok' : a.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
    expect(readFileSync(t.core.services.ledger.paths.keyring, 'utf8')).not.toBe(before);
    const winner = answers[0]!.ok ? { username: ADMIN.username, password: ADMIN_NEXT } : { username: 'deputy', password: 'deputy-next-1' };
    await t.call('auth.lock', {}, 'admin');
    expect((await t.call('auth.unlock', winner, 'x')).user.username).toBe(winner.username);
    // One rotation: its started and done rows, no more.
    expect(rows('keys.rotate')).toBe(2);
  });
});
