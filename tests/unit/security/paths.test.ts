/**
 * Finding 1 (a clerk could destroy the ledger by saving rejected rows over its
 * keyring; attachments and the pay sheet wrote anywhere) and finding 6 (a FIFO
 * froze the core). Each attack is replayed the way a compromised page would
 * try it, and now fails; the ledger still unlocks afterwards.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, type Channel } from '../../../electron/core/api';
import { chosenFields } from '../../../electron/core/contract';
import { readRegularFile } from '../../../electron/core/fs-guard';
import { fieldsOf, unwrap } from '../../helpers/schema-fields';
import { previewShell } from '../../../electron/core/preview/preview-shell';
import type { ChosenFile, PathCheck } from '../../../electron/core/shell/contract';
import type { ShellCore } from '../../../electron/core/shell/shell-impl';
import { ADMIN, openTestLedger, PASSWORD, type TestLedger } from '../../helpers/ledger';

const posix = process.platform !== 'win32';

async function importWithRejectedRows(t: TestLedger, dir: string): Promise<number> {
  const csv = join(dir, '人员.csv');
  writeFileSync(csv, '姓名,类别\r\n张三,志愿者\r\n,志愿者\r\n');
  const done = await t.call('import.commit', { path: csv, target: 'staff', mapping: ['name', 'kind'] });
  return done.importId!;
}

describe('paths: no channel writes into the ledger folder or over a file not chosen to be replaced', () => {
  let t: TestLedger;
  let out: string;
  let clerk: string;
  beforeEach(async () => {
    t = await openTestLedger();
    out = mkdtempSync(join(tmpdir(), 'taizhang-out-'));
    clerk = await t.sessionAs('clerk');
  });
  afterEach(() => {
    t.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('finding 1: import.rejected.save onto the keyring or the open database is refused, and the ledger still unlocks', async () => {
    const importId = await importWithRejectedRows(t, out);
    const keyring = readFileSync(join(t.dir, 'taizhang.keyring.json'));
    // As the attack sent it: a bare path. The contract refuses anything that is not a handle.
    for (const target of ['taizhang.keyring.json', 'taizhang.db']) {
      const raw = await t.core.call(clerk, 'import.rejected.save', { importId, outPath: join(t.dir, target) });
      expect(raw.ok === false && raw.error.code).toBe('BAD_INPUT');
      expect(raw.ok === false && raw.error.message).toContain('不接受直接填写的路径');
      // As if a dialog had answered the ledger's own file, even "replace": the core will not issue a handle.
      const chosen = t.core.choose(clerk, { kind: 'save', path: join(t.dir, target), replace: true }, false);
      expect(chosen.ok === false && chosen.error.message).toContain('不能写入台账文件夹');
    }
    // A new file inside the ledger folder, and the folder itself, are refused too.
    expect(t.core.choose(clerk, { kind: 'save', path: join(t.dir, '退回.xlsx') }, false).ok).toBe(false);
    expect(t.core.choose(clerk, { kind: 'folder', path: t.dir }, false).ok).toBe(false);
    expect(readFileSync(join(t.dir, 'taizhang.keyring.json')).equals(keyring)).toBe(true);
    t.core.close();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  });

  it.skipIf(!posix)('compares real paths: a symlink outside the ledger that points at its keyring or folder is refused', async () => {
    symlinkSync(join(t.dir, 'taizhang.keyring.json'), join(out, 'harmless.xlsx'));
    symlinkSync(t.dir, join(out, 'a-folder'));
    expect(t.core.choose(clerk, { kind: 'save', path: join(out, 'harmless.xlsx'), replace: true }, false)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('不能写入台账文件夹') },
    });
    expect(t.core.choose(clerk, { kind: 'save', path: join(out, 'a-folder', 'x.xlsx') }, false).ok).toBe(false);
    expect(t.core.choose('admin', { kind: 'folder', path: join(out, 'a-folder') }, false).ok).toBe(false);
  });

  it.skipIf(!posix)('a chosen target swapped for a symlink to the keyring after the choice is replaced, never followed', async () => {
    const importId = await importWithRejectedRows(t, out);
    const target = join(out, '退回.xlsx');
    writeFileSync(target, 'old');
    const handle = await t.choose('save', target, { replace: true, sessionId: clerk });
    rmSync(target);
    symlinkSync(join(t.dir, 'taizhang.keyring.json'), target);
    const keyring = readFileSync(join(t.dir, 'taizhang.keyring.json'));
    const r = await t.core.call(clerk, 'import.rejected.save', { importId, outPath: handle });
    // Either the core notices the swap (the real path is now the keyring) or it replaces the link itself: the keyring is untouched.
    if (r.ok === false) expect(r.error.message).toContain('不能写入台账文件夹');
    expect(readFileSync(join(t.dir, 'taizhang.keyring.json')).equals(keyring)).toBe(true);
  });

  it('honours.attachments.saveAs and rota.allowances.export cannot write into the ledger folder', async () => {
    for (const path of [join(t.dir, 'taizhang.keyring.json'), join(t.dir, 'x.xlsx')]) {
      expect((await t.fail('honours.attachments.saveAs', { attachmentId: 1, path })).message).toContain('不能写入台账文件夹');
      expect((await t.fail('rota.allowances.export', { from: '2020-02-10', to: '2020-02-16', path })).message).toContain('不能写入台账文件夹');
    }
    expect(
      (await t.fail('export.write', { from: '2020-02-10', to: '2020-02-16', formIds: ['caseload-summary'], folder: t.dir, password: 'zip-password-1' }))
        .message,
    ).toContain('不能写入台账文件夹');
    expect((await t.fail('backup.create', { folder: t.dir })).message).toContain('不能写入台账文件夹');
  });

  it('an existing file is replaced only when the user chose to replace it; one that appears after the choice is left alone', async () => {
    const importId = await importWithRejectedRows(t, out);
    const existing = join(out, '退回.xlsx');
    writeFileSync(existing, 'keep me');
    expect(t.core.choose(clerk, { kind: 'save', path: existing }, false)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { needsReplace: true } },
    });
    expect((await t.core.choose(clerk, { kind: 'save', path: existing }, true)) as unknown).toMatchObject({
      ok: true,
      value: { problem: '该文件已存在，是否替换？', needsReplace: true },
    });
    // Chosen while free; another program creates the file before the write: it is not overwritten.
    const later = join(out, '退回2.xlsx');
    const handle = await t.choose('save', later, { sessionId: clerk });
    writeFileSync(later, 'made by someone else');
    const r = await t.core.call(clerk, 'import.rejected.save', { importId, outPath: handle });
    expect(r.ok === false && r.error.code).toBe('CONFLICT');
    expect(readFileSync(later, 'utf8')).toBe('made by someone else');
    // With the user's "replace", it is replaced.
    const ok = await t.core.call(clerk, 'import.rejected.save', { importId, outPath: await t.choose('save', existing, { replace: true, sessionId: clerk }) });
    expect(ok.ok).toBe(true);
    expect(readFileSync(existing).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('a handle works once, for its own window and kind, and dies with the lock', async () => {
    const importId = await importWithRejectedRows(t, out);
    const handle = await t.choose('save', join(out, 'a.xlsx'), { sessionId: clerk });
    expect((await t.core.call('admin', 'import.rejected.save', { importId, outPath: handle })).ok).toBe(false);
    expect((await t.core.call(clerk, 'import.rejected.save', { importId, outPath: handle })).ok).toBe(true);
    const again = await t.core.call(clerk, 'import.rejected.save', { importId, outPath: handle });
    expect(again.ok === false && again.error.message).toContain('已失效');
    const csv = await t.choose('open', join(out, '人员.csv'), { sessionId: clerk });
    expect((await t.core.call(clerk, 'import.rejected.save', { importId, outPath: csv })).ok).toBe(false);
    await t.call('auth.lock', {}, clerk);
    await t.call('auth.unlock', { username: clerk, password: PASSWORD }, clerk);
    const gone = await t.core.call(clerk, 'import.inspect', { path: csv, target: 'staff' });
    expect(gone.ok === false && gone.error.message).toContain('已失效');
  });

  it("shell.printToPdf takes a handle too: main gets the checked path, never the page's string", async () => {
    const raw = await t.core.call('admin', 'shell.printToPdf', { route: '/print/roster', file: join(t.dir, 'taizhang.db') });
    expect(raw.ok === false && raw.error.code).toBe('BAD_INPUT');
    const target = join(out, 'roster.pdf');
    const r = await t.core.call('admin', 'shell.printToPdf', { route: '/print/roster', file: await t.choose('save', target) });
    expect(r).toMatchObject({ ok: 'shell', input: { route: '/print/roster', path: realpathSync(out) + '/roster.pdf', replace: false } });
  });

  it('the preview shell hands back only drives it lists, and typed paths go through the same check', async () => {
    const media = join(out, 'media');
    mkdirSync(join(media, 'KINGSTON'), { recursive: true });
    const shell = previewShell({ driveRoots: [media] });
    // The host's part, in process: every choice goes to the core's check.
    const core: ShellCore = {
      choose: async (r) => {
        if (!r) return { chosen: null };
        const a = t.core.choose('admin', r, false);
        if (a.ok !== true) throw new Error(a.ok === false ? a.error.message : 'shell');
        return a.value as { chosen: ChosenFile };
      },
      check: async (r) => (t.core.choose('admin', r, true) as { value: PathCheck }).value,
    };
    expect((await shell['shell.chooseFolder']({ use: 'write', drive: join(media, 'KINGSTON') }, undefined, core)).chosen?.path).toBe(
      realpathSync(join(media, 'KINGSTON')),
    );
    await expect(shell['shell.chooseFolder']({ use: 'write', drive: t.dir }, undefined, core)).rejects.toThrow(/不在列表中/);
    await expect(shell['shell.saveFile']({ suggestedName: 'x', path: join(t.dir, 'x.xlsx') }, undefined, core)).rejects.toThrow(/不能写入台账文件夹/);
    expect(await shell['shell.checkPath']({ kind: 'save', path: join(t.dir, 'x.xlsx') }, undefined, core)).toMatchObject({
      problem: '不能写入台账文件夹，请选择别的文件夹或 U 盘',
    });
  });

  it('the daily backup re-checks its saved folder before each use', async () => {
    const stick = join(out, 'stick');
    mkdirSync(stick);
    await t.call('backup.settings.save', { autoDaily: true, folder: stick, keepLast: 3 });
    rmSync(stick, { recursive: true });
    if (posix) symlinkSync(t.dir, stick);
    const r = await t.call('backup.runDue', {});
    expect(r.ran).toBe(false);
    expect(r.message).toMatch(posix ? /不能写入台账文件夹/ : /找不到保存位置/);
  });
});

describe('the contract has no free path field', () => {
  it('every input field that names a file or folder is a chosen handle (only the preview choosers take a typed path)', () => {
    const free: string[] = [];
    for (const channel of Object.keys(api) as Channel[]) {
      if (channel.startsWith('shell.')) continue;
      for (const { path, schema } of fieldsOf(api[channel].input as z.ZodType)) {
        const name = String(path[path.length - 1]);
        if (/path|folder|file|dir/i.test(name) && unwrap(schema) instanceof z.ZodString && !chosenFields.get(unwrap(schema)))
          free.push(`${channel}.${path.join('.')}`);
      }
    }
    expect(free).toEqual([]);
  });
});

describe('reads: regular files only, size-limited, never blocking the core (finding 6)', () => {
  let t: TestLedger;
  let out: string;
  beforeEach(async () => {
    t = await openTestLedger();
    out = mkdtempSync(join(tmpdir(), 'taizhang-in-'));
  });
  afterEach(() => {
    t.close();
    rmSync(out, { recursive: true, force: true });
  });

  it.skipIf(!posix)('a FIFO is refused as a choice, and one swapped in after the choice answers at once', async () => {
    const fifo = join(out, 'key.pub');
    execFileSync('mkfifo', [fifo]);
    for (const channel of ['export.district.addKey', 'export.district.verify', 'import.inspect'] as const) {
      const input =
        channel === 'export.district.addKey'
          ? { keyPath: fifo }
          : channel === 'export.district.verify'
            ? { packages: [{ path: fifo, password: 'x' }] }
            : { path: fifo, target: 'staff' };
      expect((await t.fail(channel, input)).message, channel).toMatch(/不是普通文件/);
    }
    // Chosen as a regular file, then replaced by a FIFO that a writer holds open (a blocking read would wait for it).
    const swapped = join(out, 'pkg.pub');
    writeFileSync(swapped, 'x');
    const handle = await t.choose('open', swapped);
    rmSync(swapped);
    execFileSync('mkfifo', [swapped]);
    const writer = spawn('sh', ['-c', `sleep 30 > "${swapped}"`]);
    const started = Date.now();
    const r = await t.core.call('admin', 'export.district.addKey', { keyPath: handle });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.ok === false && r.error.message).toMatch(/不是普通文件/);
    const ping = await t.core.call('admin', 'auth.whoami', {});
    expect(ping.ok).toBe(true);
    // The reader itself, handed the FIFO directly: it opens without waiting for the writer and refuses.
    const t0 = Date.now();
    expect(() => readRegularFile(swapped, 1024)).toThrow(/不是普通文件/);
    expect(Date.now() - t0).toBeLessThan(15_000);
    writer.kill();
  });

  it('refuses a file over the limit without reading it whole, and a folder', async () => {
    const big = join(out, 'big.pub');
    writeFileSync(big, Buffer.alloc(1024 * 1024, 0x41));
    // The key's limit is 64 KB: said in KB, not 「超过上限 0 MB」.
    expect((await t.fail('export.district.addKey', { keyPath: big })).message).toContain('有 1 MB，超过上限 64 KB。');
    expect(() => readRegularFile(out, 10)).toThrow(/不是普通文件/);
    expect(readRegularFile(big, 2 * 1024 * 1024)).toHaveLength(1024 * 1024);
    expect(existsSync(big)).toBe(true);
  });
});
