/**
 * The attacks on unlocking, replayed: parallel guesses, a restart to reset
 * the delay, a deleted failure file, recovery for a disabled user, and the
 * ledger's files readable by others.
 */
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { THROTTLE_FILE } from '../../../electron/core/db/ledger-files';
import { Core } from '../../../electron/core/core';
import type { WireError } from '../../../electron/core/contract';
import { ADMIN, PASSWORD, TEST_KDF, openTestLedger, type TestLedger, rotating } from '../../helpers/ledger';

const failuresIn = async (t: TestLedger) => {
  const log = await t.call('audit.list', { filter: { channel: 'auth.unlock.failures' }, offset: 0, limit: 50 });
  return log.rows.map((r) => JSON.parse(r.after ?? '{}') as Record<string, unknown>);
};

describe('unlock throttle', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  it('parallel guesses wait: after one wrong guess the rest are refused with LOCKED and the seconds left, without running scrypt, the right one too', async () => {
    t = await openTestLedger();
    t.core.services.failureDelayBaseMs = 3000;
    await t.call('auth.lock', {});
    const unlock = vi.spyOn(t.core.services.ledger, 'openSlot');
    const guesses = Array.from({ length: 20 }, (_, i) => (i === 7 ? ADMIN.password : `guess-${i}`));
    const answers = await Promise.all(guesses.map((password, i) => t.raw('auth.unlock', { username: ADMIN.username, password }, `attacker-${i}`)));
    const codes = answers.map((a) => (a.ok === false ? a.error.code : 'OK'));
    expect(codes[0]).toBe('WRONG_PASSWORD');
    expect(codes.slice(1)).toEqual(Array(19).fill('LOCKED'));
    // Only the first guess reached the key derivation.
    expect(unlock).toHaveBeenCalledTimes(1);
    const locked = (answers[7] as { ok: false; error: WireError }).error;
    expect(locked.message).toMatch(/请 \d+ 秒后再试/);
    expect(locked.details).toMatchObject({ secondsLeft: 3 });
  });

  it('guesses spread over many user names make every name wait', async () => {
    t = await openTestLedger();
    t.core.services.failureDelayBaseMs = 500;
    await t.call('auth.lock', {});
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await t.core.call('x', 'auth.unlock', { username: `name${i}`, password: 'whatever-1' });
      codes.push(r.ok === false ? r.error.code : 'OK');
      if (codes.at(-1) === 'LOCKED') break;
    }
    // Two different names may fail freely; after the third, even a fresh name is told to wait.
    expect(codes).toContain('LOCKED');
  }, 30_000);

  it('failures survive a restart: the delay keeps growing, and they are audited at the next unlock', async () => {
    t = await openTestLedger();
    await t.call('auth.lock', {});
    await t.fail('auth.unlock', { username: ADMIN.username, password: 'wrong-1' });
    await t.fail('auth.unlock', { username: 'ADMIN', password: 'wrong-2' });
    t.core.close();
    // The core restarts (the app was closed, and opened again a second later): a new core on the same folder.
    // (A restart while a delay is still running keeps the delay: tests/unit/security/throttle-variations.test.ts.)
    t.clock.set('2020-02-17T01:00:01.000Z');
    const again = new Core({ dataDir: t.dir, clock: t.clock, kdf: TEST_KDF, failureDelayBaseMs: 40 });
    const start = performance.now();
    const third = await again.call('w', 'auth.unlock', { username: ADMIN.username, password: 'wrong-3' });
    expect(third.ok === false && third.error.code).toBe('WRONG_PASSWORD');
    expect(performance.now() - start).toBeGreaterThanOrEqual(150); // the third failure: 4 × 40 ms, not 40 ms
    expect((await again.call('w', 'auth.unlock', { username: ADMIN.username, password: ADMIN.password })).ok).toBe(true);
    const log = await again.call('w', 'audit.list', { filter: { channel: 'auth.unlock.failures' }, offset: 0, limit: 10 });
    if (log.ok !== true) throw new Error('audit.list failed');
    const rows = (log.value as { rows: Array<{ after: string | null }> }).rows.map((r) => JSON.parse(r.after ?? '{}') as Record<string, unknown>);
    expect(rows).toEqual([expect.objectContaining({ failedAttempts: 3 })]);
    again.close();
  });

  it('failures on another name are audited at the next unlock by anyone, naming the account tried', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await t.call('auth.lock', {}, 'clerk1');
    await t.fail('auth.unlock', { username: 'clerk1', password: 'wrong-1' }, 'clerk1');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(await failuresIn(t)).toContainEqual(expect.objectContaining({ name: 'clerk1', failedAttempts: 1 }));
  });

  it('a deleted or older failure file is noticed and audited at the next unlock', async () => {
    t = await openTestLedger();
    const file = join(t.dir, THROTTLE_FILE);
    expect(existsSync(file)).toBe(true);
    const old = readFileSync(file);
    await t.call('auth.lock', {});
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    await t.call('auth.lock', {});
    await t.fail('auth.unlock', { username: ADMIN.username, password: 'wrong-1' });
    // Someone with the files puts back the file from before, hiding the failure.
    writeFileSync(file, old);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(await failuresIn(t)).toContainEqual({ tampered: expect.stringContaining('被替换或改动过') });
    await t.call('auth.lock', {});
    rmSync(file);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(await failuresIn(t)).toContainEqual({ tampered: expect.stringContaining('不见了') });
  });

  it('auth.recover refuses a disabled user before writing any slot', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'leaver');
    const leaver = (await t.call('users.list', {})).find((u) => u.username === 'leaver')!;
    // The disable's rotation made a new recovery key (the old one opens nothing now).
    const { keysRotated } = await t.call('users.disable', { id: leaver.id, ...rotating() });
    await t.call('auth.lock', {});
    const before = readFileSync(join(t.dir, 'taizhang.keyring.json'), 'utf8');
    const e = await t.fail('auth.recover', { username: 'leaver', recoveryKey: keysRotated!.recoveryKey!, newPassword: 'taken-over-1' }, 'leaver');
    expect(e.code).toBe('FORBIDDEN');
    expect(readFileSync(join(t.dir, 'taizhang.keyring.json'), 'utf8')).toBe(before);
    expect(t.core.services.ledger.isOpen()).toBe(false);
    expect((await t.fail('auth.unlock', { username: 'leaver', password: 'taken-over-1' }, 'leaver')).code).toBe('WRONG_PASSWORD');
    expect((await t.fail('auth.unlock', { username: 'leaver', password: PASSWORD }, 'leaver')).code).toBe('WRONG_PASSWORD');
  });
});

describe.skipIf(process.platform === 'win32')('file modes', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  it('the ledger folder is 0700 and its files 0600, also for a ledger made with looser modes', async () => {
    t = await openTestLedger();
    const mode = (p: string) => statSync(p).mode & 0o777;
    const files = ['taizhang.db', 'taizhang.keyring.json', 'taizhang.db-wal', THROTTLE_FILE].map((f) => join(t.dir, f));
    expect(mode(t.dir)).toBe(0o700);
    for (const f of files) expect([f, mode(f)]).toEqual([f, 0o600]);
    // An older version left them world-readable: the next unlock tightens them.
    await t.call('auth.lock', {});
    chmodSync(t.dir, 0o755);
    for (const f of files) if (existsSync(f)) chmodSync(f, 0o644);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(mode(t.dir)).toBe(0o700);
    for (const f of files) expect([f, mode(f)]).toEqual([f, 0o600]);
  });
});
