/**
 * The preview transport, as built (dist-electron/preview.cjs, built by the
 * global setup): loopback only, one printed line, token required, same-origin
 * only, and the core really running in a worker thread.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeFolder, stopChild } from '../../helpers/stop-child';
import { previewShell } from '../../../electron/core/preview/preview-shell';
import type { ShellImpl } from '../../../electron/core/shell/shell-impl';
import { CoreHost } from '../../../electron/core/worker/host';

const TOKEN = 'test-token-0123456789';
const WINDOW_A = 'window-a-0123456789abcdef';
const WINDOW_B = 'window-b-0123456789abcdef';

describe('preview server', () => {
  let child: ChildProcess;
  let line = '';
  let origin = '';
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-preview-'));
  beforeAll(async () => {
    child = spawn(process.execPath, ['dist-electron/preview.cjs', '--data-dir', dir, '--port', '0'], {
      env: { ...process.env, TAIZHANG_PREVIEW_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    line = await new Promise<string>((resolve) => child.stdout!.on('data', (d: Buffer) => resolve(d.toString())));
    origin = new URL(line.trim().split(' ')[2]!).origin;
  });
  afterAll(async () => {
    await stopChild(child);
    removeFolder(dir);
  });

  const rpc = (channel: string, body: unknown, headers: Record<string, string> = { 'X-Taizhang-Token': TOKEN, 'X-Taizhang-Window': WINDOW_A }) =>
    fetch(`${origin}/rpc/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('prints exactly one line with a 127.0.0.1 address and the token from the environment', () => {
    expect(line).toMatch(/^taizhang preview http:\/\/127\.0\.0\.1:\d+\/\?token=test-token-0123456789\n$/);
  });

  it('answers with the wire format, and 401 without the right token', async () => {
    const ok = await rpc('setup.status', {});
    expect(await ok.json()).toMatchObject({ ok: true, value: { initialized: false, problem: null } });
    expect((await rpc('setup.status', {}, {})).status).toBe(401);
    expect((await rpc('setup.status', {}, { 'X-Taizhang-Token': 'wrong' })).status).toBe(401);
    const bad = await rpc('org.communities.list', {});
    expect(await bad.json()).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '台账已锁定，请先输入密码解锁。' } });
  });

  it('gives each tab its own session: the token alone does not open what another tab unlocked', async () => {
    const init = await rpc('setup.init', { office: { name: '东风街道办事处' }, admin: { username: 'admin', displayName: '王建国', password: 'password-123' } });
    expect(await init.json()).toMatchObject({ ok: true });
    expect(await (await rpc('auth.whoami', {})).json()).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });
    const other = { 'X-Taizhang-Token': TOKEN, 'X-Taizhang-Window': WINDOW_B };
    expect(await (await rpc('auth.whoami', {}, other)).json()).toEqual({ ok: true, value: null });
    expect(await (await rpc('org.communities.list', {}, other)).json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const noWindow = await rpc('auth.whoami', {}, { 'X-Taizhang-Token': TOKEN });
    expect(noWindow.status).toBe(400);
    expect(await noWindow.json()).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: '请求缺少窗口标识，请刷新页面。' } });
    expect((await rpc('auth.whoami', {}, { 'X-Taizhang-Token': TOKEN, 'X-Taizhang-Window': 'short' })).status).toBe(400);
    // The second tab unlocks with the password and gets a session of its own.
    expect(await (await rpc('auth.unlock', { username: 'admin', password: 'password-123' }, other)).json()).toMatchObject({ ok: true });
    expect(await (await rpc('auth.lock', {}, other)).json()).toMatchObject({ ok: true });
    expect(await (await rpc('auth.whoami', {})).json()).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });
  });

  it('refuses cross-origin requests even with the token', async () => {
    const r = await rpc('setup.status', {}, { 'X-Taizhang-Token': TOKEN, Origin: 'http://evil.example' });
    expect(r.status).toBe(403);
  });

  it('refuses a body that is not JSON', async () => {
    const r = await fetch(`${origin}/rpc/setup.status`, { method: 'POST', headers: { 'X-Taizhang-Token': TOKEN }, body: '{not json' });
    expect(await r.json()).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('serves the renderer with the strict CSP', async () => {
    const r = await fetch(`${origin}/`);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});

describe('core worker host', () => {
  it('runs the core in a worker thread and routes shell channels to the transport', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-host-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'taizhang-chosen-'));
    const chosenFile = join(elsewhere, 'file.xlsx');
    writeFileSync(chosenFile, 'x');
    const shellCalls: string[] = [];
    // The "dialog" answers a real file for openFile, and the ledger's own keyring for saveFile.
    const shell: ShellImpl = {
      ...previewShell({ driveRoots: [] }),
      'shell.openFile': async (_i, _s, core) => {
        shellCalls.push('shell.openFile');
        return core.choose({ kind: 'open', path: chosenFile });
      },
      'shell.saveFile': async (_i, _s, core) => {
        shellCalls.push('shell.saveFile');
        return core.choose({ kind: 'save', path: join(dir, 'taizhang.keyring.json'), replace: true });
      },
    };
    const host = new CoreHost(join(process.cwd(), 'dist-electron/core-worker.cjs'), { dataDir: dir }, shell);
    const init = await host.call('w1', 'setup.init', {
      office: { name: '东风街道办事处' },
      admin: { username: 'admin', displayName: '王建国', password: 'password-123' },
    });
    expect(init.ok).toBe(true);
    expect(await host.call('w1', 'org.communities.save', { name: '幸福社区' })).toMatchObject({ ok: true, value: { name: '幸福社区' } });
    // The page gets a handle for the chosen file, issued by the core after checking it; never a bare path to send back.
    expect(await host.call('w1', 'shell.openFile', {})).toEqual({
      ok: true,
      value: { chosen: { handle: expect.stringMatching(/^fh_/), path: realpathSync(chosenFile), name: 'file.xlsx' } },
    });
    expect(await host.call('w1', 'shell.saveFile', { suggestedName: 'x.xlsx' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('不能写入台账文件夹') },
    });
    expect(shellCalls).toEqual(['shell.openFile', 'shell.saveFile']);
    // the shell is only reached past the role check
    expect(await host.call('someone-else', 'shell.openFile', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await host.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  });
});
