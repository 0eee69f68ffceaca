/**
 * The twenty-fourth attack run (session 38) on the preview's test switches: TAIZHANG_TEST_CLOCK=1 (the clock moved by
 * POST /__test/clock), TAIZHANG_TEST_NOW (the clock started at an instant) and TAIZHANG_TEST_FAULT=rotation-unfinished
 * (the rotation's throttle re-MAC failed once). A rotation left unfinished on purpose, or a clock moved a year on
 * (rotations due, 14-day observations ended, backups "overdue"), would mislead a coordinator: are they refused
 * outside test mode in every way they can be set (the packaged app's environment, a renderer call, a `/__test/` URL)?
 * Over real HTTP against the built preview (dist-electron, as the e2e harness and transport-counting use it).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN } from '../../helpers/ledger';
import { previewServerForBlock } from '../../helpers/preview-server';

const WINDOW = 'window-s38-0123456789abcdef';

/** The built preview started with `env` (nothing inherited of the TAIZHANG_TEST_ switches): its exit code and stderr. */
function previewRefuses(env: Record<string, string>): Promise<{ code: number | null; said: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-s38-switch-'));
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TAIZHANG_'))) as Record<string, string>;
  const child = spawn(process.execPath, ['dist-electron/preview.cjs', '--data-dir', dir, '--port', '0'], {
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let said = '';
  child.stderr.on('data', (d: Buffer) => (said += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    // Started after all: stop it (the test then fails on the exit code it did not get).
    if (d.toString().includes('taizhang preview')) child.kill('SIGTERM');
  });
  return new Promise((done) =>
    child.on('exit', (code) => {
      rmSync(dir, { recursive: true, force: true });
      done({ code, said });
    }),
  );
}

describe('the switches given to the preview without test mode', () => {
  const cases: Array<[string, Record<string, string>]> = [
    ['TAIZHANG_TEST_FAULT alone', { TAIZHANG_TEST_FAULT: 'rotation-unfinished' }],
    ['TAIZHANG_TEST_FAULT with TAIZHANG_TEST_CLOCK=true', { TAIZHANG_TEST_FAULT: 'rotation-unfinished', TAIZHANG_TEST_CLOCK: 'true' }],
    ['TAIZHANG_TEST_FAULT with TAIZHANG_TEST_CLOCK=" 1"', { TAIZHANG_TEST_FAULT: 'rotation-unfinished', TAIZHANG_TEST_CLOCK: ' 1' }],
    ['TAIZHANG_TEST_NOW alone', { TAIZHANG_TEST_NOW: '2027-11-30T17:30:00Z' }],
    ['TAIZHANG_TEST_NOW with TAIZHANG_TEST_CLOCK=0', { TAIZHANG_TEST_NOW: '2027-11-30T17:30:00Z', TAIZHANG_TEST_CLOCK: '0' }],
    // Session 42: the tests' cheap scrypt (test-kdf-switch.test.ts).
    ['TAIZHANG_TEST_KDF alone', { TAIZHANG_TEST_KDF: '1' }],
    ['TAIZHANG_TEST_KDF with TAIZHANG_TEST_CLOCK=0', { TAIZHANG_TEST_KDF: '1', TAIZHANG_TEST_CLOCK: '0' }],
  ];
  for (const [what, env] of cases)
    it(`held: ${what} stops the preview at its start, saying why`, async () => {
      const { code, said } = await previewRefuses(env);
      expect(code).toBe(1);
      expect(said).toMatch(/只在测试模式（TAIZHANG_TEST_CLOCK=1）下有效/);
    }, 60_000);

  it('held: TAIZHANG_TEST_KDF other than 1 is refused even in test mode', async () => {
    const { code, said } = await previewRefuses({ TAIZHANG_TEST_CLOCK: '1', TAIZHANG_TEST_KDF: 'true' });
    expect(code).toBe(1);
    expect(said).toMatch(/TAIZHANG_TEST_KDF「true」无效/);
  }, 60_000);

  it('held: a fault the list does not name is refused even in test mode', async () => {
    const { code, said } = await previewRefuses({ TAIZHANG_TEST_CLOCK: '1', TAIZHANG_TEST_FAULT: 'rotation-unfinished,other' });
    expect(code).toBe(1);
    expect(said).toMatch(/不是可用的测试故障/);
  }, 60_000);
});

describe('the packaged app', () => {
  it('held (read): electron/main reads no TAIZHANG_TEST_ switch and gives its core no test clock, fault or cheap scrypt', () => {
    for (const file of ['electron/main.ts', 'electron/ipc.ts', 'electron/preload.ts', 'dist-electron/main.cjs', 'dist-electron/preload.cjs']) {
      const text = readFileSync(resolve(file), 'utf8');
      expect({ file, switch: /TAIZHANG_TEST_|testClock|testFault|testKdf|TEST_KDF|__test/.test(text) }).toEqual({ file, switch: false });
    }
  });
});

describe('a window of the preview out of test mode (the token held, as a compromised renderer)', () => {
  const TOKEN = 'switches-token-0123456789';
  const preview = previewServerForBlock('taizhang-s38-clock-', TOKEN);

  const post = (path: string, body: unknown) =>
    fetch(`${preview.origin}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Taizhang-Token': TOKEN, 'X-Taizhang-Window': WINDOW },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, text: await r.text() }));
  const rpc = async (channel: string, input: unknown) =>
    JSON.parse((await post(`/rpc/${channel}`, input)).text) as { ok: boolean; value?: { clock: { now: string } } };

  it('held: POST /__test/clock, the worker sent a clock message, and a channel named __test/clock change nothing', async () => {
    expect(
      await rpc('setup.init', {
        office: { name: '东风街道办事处' },
        admin: { username: ADMIN.username, displayName: ADMIN.displayName, password: ADMIN.password },
      }),
    ).toMatchObject({
      ok: true,
    });
    const unlocked = await rpc('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(unlocked.ok).toBe(true);
    const year = new Date().getUTCFullYear();
    const moved = await post('/__test/clock', { instant: '2031-01-01T00:00:00.000Z' });
    expect(moved.text).not.toContain('"ok":true');
    await post('/__test/clock', { advanceDays: 400 });
    preview.host.setClock({ type: 'clock', action: 'set', instant: '2031-01-01T00:00:00.000Z' });
    preview.host.setClock({ type: 'clock', action: 'advanceDays', days: 400 });
    expect(await rpc('__test/clock', { instant: '2031-01-01T00:00:00.000Z' })).toMatchObject({ ok: false });
    const after = await rpc('auth.whoami', {});
    expect(new Date(after.value!.clock.now).getUTCFullYear()).toBe(year);
  }, 60_000);
});
