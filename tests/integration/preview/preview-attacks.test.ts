/**
 * The second attack run, through the preview transport as built: a
 * compromised page (or a colleague with the printed token) driving
 * dist-electron/preview.cjs with fetch. Typed paths onto the ledger, a handle
 * carried to another tab, a viewer's digit search and reveal, a folder with a
 * FIFO opened as a ledger while locked: each refused, and the core keeps answering.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeFolder, stopChild } from '../../helpers/stop-child';

const TOKEN = 'attack-token-0123456789';
const TAB = { admin: 'tab-admin-0123456789abcdef', other: 'tab-other-0123456789abcdef', viewer: 'tab-viewer-0123456789abcdef' };
type Wire = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

describe('preview transport, second attack run', () => {
  let child: ChildProcess;
  let origin = '';
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-attack-ledger-'));
  const out = mkdtempSync(join(tmpdir(), 'taizhang-attack-out-'));
  const rpc = async (tab: string, channel: string, body: unknown): Promise<Wire> => {
    const r = await fetch(`${origin}/rpc/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Taizhang-Token': TOKEN, 'X-Taizhang-Window': tab },
      body: JSON.stringify(body),
    });
    return (await r.json()) as Wire;
  };
  beforeAll(async () => {
    child = spawn(process.execPath, ['dist-electron/preview.cjs', '--data-dir', dir, '--port', '0'], {
      env: { ...process.env, TAIZHANG_PREVIEW_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve) => child.stdout!.on('data', (d: Buffer) => resolve(d.toString())));
    origin = new URL(line.trim().split(' ')[2]!).origin;
    const admin = { username: 'admin', displayName: '王建国', password: 'password-123' };
    expect((await rpc(TAB.admin, 'setup.init', { office: { name: '东风街道办事处' }, admin })).ok).toBe(true);
    expect((await rpc(TAB.other, 'auth.unlock', { username: 'admin', password: admin.password })).ok).toBe(true);
    expect((await rpc(TAB.admin, 'users.create', { username: 'viewer1', displayName: '陈志强', role: 'viewer', password: 'password-456' })).ok).toBe(true);
    expect((await rpc(TAB.viewer, 'auth.unlock', { username: 'viewer1', password: 'password-456' })).ok).toBe(true);
    // The coordinator set that password: the viewer sets their own before anything else (migration 047).
    expect((await rpc(TAB.viewer, 'auth.changePassword', { oldPassword: 'password-456', newPassword: 'viewer-own-789' })).ok).toBe(true);
  }, 60_000);
  afterAll(async () => {
    await stopChild(child);
    removeFolder(dir);
    removeFolder(out);
  });

  it('typed paths onto the ledger, its files and other spellings of its folder are refused', async () => {
    for (const path of [join(dir, 'taizhang.keyring.json'), `${out}/../${basename(dir)}/taizhang.db`, `${dir}/./x.xlsx`, join(dir, 'TAIZHANG.DB')]) {
      const r = await rpc(TAB.admin, 'shell.saveFile', { suggestedName: 'x.xlsx', path, replace: true });
      expect([path, r.ok, r.error?.message]).toEqual([path, false, expect.stringContaining('不能写入台账文件夹')]);
    }
    const folder = await rpc(TAB.admin, 'shell.chooseFolder', { use: 'write', path: `${dir}/` });
    expect(folder.ok).toBe(false);
  });

  it('a handle issued to one tab opens nothing in another tab of the same user', async () => {
    const csv = join(out, '人员.csv');
    writeFileSync(csv, '姓名\r\n张三\r\n');
    const chosen = await rpc(TAB.admin, 'shell.openFile', { path: csv });
    const handle = (chosen.value as { chosen: { handle: string } }).chosen.handle;
    expect(handle).toMatch(/^fh_/);
    const r = await rpc(TAB.other, 'import.inspect', { path: handle, target: 'staff' });
    expect(r.error?.message).toContain('已失效');
    const bare = await rpc(TAB.other, 'import.inspect', { path: csv, target: 'staff' });
    expect(bare.error?.code).toBe('BAD_INPUT');
  });

  it('a viewer searches by name only and reveals nothing', async () => {
    for (const channel of ['residents.list', 'cases.list'])
      expect((await rpc(TAB.viewer, channel, { filter: { q: '1002' }, offset: 0, limit: 10 })).error?.code).toBe('FORBIDDEN');
    expect((await rpc(TAB.viewer, 'residents.reveal', { residentId: 1, field: 'idNumber' })).error?.code).toBe('FORBIDDEN');
    expect((await rpc(TAB.viewer, 'audit.reveal', { id: 1 })).error?.code).toBe('FORBIDDEN');
    expect((await rpc(TAB.viewer, 'honours.attachments.open', { attachmentId: 1 })).error?.code).toBe('FORBIDDEN');
  });

  it.skipIf(process.platform === 'win32')('while locked, a folder whose keyring is a FIFO is opened as a ledger: refused at once', async () => {
    for (const tab of Object.values(TAB)) await rpc(tab, 'auth.lock', {});
    const other = join(out, 'ledger');
    mkdirSync(other);
    writeFileSync(join(other, 'taizhang.db'), Buffer.alloc(8192));
    execFileSync('mkfifo', [join(other, 'taizhang.keyring.json')]);
    const chosen = await rpc(TAB.other, 'shell.chooseLedgerFolder', { path: other });
    const handle = (chosen.value as { chosen: { handle: string } } | undefined)?.chosen.handle;
    const started = Date.now();
    const r = await rpc(TAB.other, 'setup.openLedger', { path: handle ?? other });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.ok).toBe(false);
    expect((await rpc(TAB.other, 'setup.status', {})).ok).toBe(true);
  });
});
