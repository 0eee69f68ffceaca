/**
 * Finding 4 again, with what the first replay left out: a restart while a
 * delay is running, guesses from many windows right after it, the same name
 * spelt differently, and a flood of made-up names meant to push the real
 * one's failures out of the failure file before they are audited.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { THROTTLE_FILE } from '../../../electron/core/db/ledger-files';
import { Core } from '../../../electron/core/core';
import { ADMIN, TEST_KDF, openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
let again: Core | undefined;
afterEach(() => {
  again?.close();
  again = undefined;
  t?.close();
});

const codeOf = (r: { ok: unknown; error?: { code: string } }): string => (r.ok === false ? r.error!.code : 'OK');

describe('unlock throttle, second run', () => {
  it('a restart while a delay runs does not cut it short: the right password from many windows waits too, no scrypt run', async () => {
    t = await openTestLedger({ core: { failureDelayBaseMs: 2000 } });
    await t.call('auth.lock', {});
    // The wrong guess is counted (and written down) at once; its reply waits out the 2 s delay. The attacker does not
    // wait for it: the app is closed and opened again while the delay runs.
    const first = t.raw('auth.unlock', { username: ADMIN.username, password: 'wrong-1' }, 'w-first');
    await vi.waitFor(() => expect(readFileSync(join(t.dir, THROTTLE_FILE), 'utf8')).toContain('"admin"'));
    t.core.close();
    again = new Core({ dataDir: t.dir, clock: t.clock, kdf: TEST_KDF, failureDelayBaseMs: 2000 });
    const unlock = vi.spyOn(again.services.ledger, 'openSlot');
    const answers = await Promise.all(
      [ADMIN.password, 'guess-1', 'guess-2', ADMIN.password].map((password, i) => again!.call(`w${i}`, 'auth.unlock', { username: ADMIN.username, password })),
    );
    expect(answers.map(codeOf)).toEqual(['LOCKED', 'LOCKED', 'LOCKED', 'LOCKED']);
    expect(unlock).not.toHaveBeenCalled();
    expect((answers[0] as { error: { message: string } }).error.message).toMatch(/请 [12] 秒后再试/);
    expect(codeOf(await first)).toBe('WRONG_PASSWORD');
  });

  it('the wait after a restart is bounded by the longest delay, whatever the clock says', async () => {
    t = await openTestLedger({ core: { failureDelayBaseMs: 30 } });
    await t.call('auth.lock', {});
    await t.fail('auth.unlock', { username: ADMIN.username, password: 'wrong-1' });
    t.core.close();
    // The machine's clock was set back a year: the failure now looks like it is in the future.
    t.clock.set('2019-02-17T01:00:00.000Z');
    again = new Core({ dataDir: t.dir, clock: t.clock, kdf: TEST_KDF, failureDelayBaseMs: 30 });
    const first = await again.call('w', 'auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    if (first.ok === false) expect((first.error.details as { secondsLeft: number }).secondsLeft).toBeLessThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(codeOf(await again.call('w', 'auth.unlock', { username: ADMIN.username, password: ADMIN.password }))).toBe('OK');
  });

  it('the same name spelt with other letter case or spaces shares its delay', async () => {
    t = await openTestLedger({ core: { failureDelayBaseMs: 3000 } });
    await t.call('auth.lock', {});
    const first = t.raw('auth.unlock', { username: ADMIN.username, password: 'wrong-1' }, 'w-first');
    await vi.waitFor(() => expect(readFileSync(join(t.dir, THROTTLE_FILE), 'utf8')).toContain('"admin"'));
    for (const username of ['ADMIN', ' admin ', 'Admin'])
      expect([username, (await t.fail('auth.unlock', { username, password: ADMIN.password })).code]).toEqual([username, 'LOCKED']);
    expect(codeOf(await first)).toBe('WRONG_PASSWORD');
  });

  it('failures on a real name are still audited after a flood of made-up names', async () => {
    t = await openTestLedger({ core: { failureDelayBaseMs: 0 } });
    await t.call('auth.lock', {});
    for (let i = 0; i < 3; i++) await t.fail('auth.unlock', { username: ADMIN.username, password: `wrong-${i}` });
    for (let i = 0; i < 210; i++) await t.fail('auth.unlock', { username: `made-up-${i}`, password: 'whatever-1' });
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const log = await t.call('audit.list', { filter: { channel: 'auth.unlock.failures' }, offset: 0, limit: 500 });
    const entries = log.rows.map((r) => JSON.parse(r.after ?? '{}') as { name?: string; failedAttempts?: number });
    const total = entries.reduce((s, e) => s + (e.failedAttempts ?? 0), 0);
    expect(total).toBe(213);
    expect(entries.some((e) => e.name === undefined && e.failedAttempts === 3)).toBe(true);
  }, 60_000);
});
