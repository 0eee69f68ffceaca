/**
 * Seventh attack run, F1: a window with the preview's token and no password (or a compromised renderer through IPC)
 * sent `auth.unlock`, a public channel, with 400,000 unknown keys (6.6 MB, under the preview's 8 MB cap): copying it
 * into the core worker and zod's answer listing every key held the core about 4 s a request (measured over real HTTP
 * against `npm run preview`), every other window's calls waiting, as long as the requests kept coming. Deep nesting
 * made the copy throw: the call never answered in the transport's terms (the preview said 500). CoreHost now counts
 * an input's parts before posting it (worker/input-bounds.ts). Run against the real worker as built.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewShell } from '../../../electron/core/preview/preview-shell';
import { CoreHost } from '../../../electron/core/worker/host';

let host: CoreHost;
const dir = mkdtempSync(join(tmpdir(), 'taizhang-bounds-'));
beforeAll(() => {
  host = new CoreHost(resolve('dist-electron/core-worker.cjs'), { dataDir: dir }, previewShell({ driveRoots: [] }));
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

const manyKeys = (n: number): Record<string, number> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));

describe('inputs too big to hand to the core, from a window that is not signed in', () => {
  it('100,000 unknown keys beside a username and password: refused at once in a few words, never copied in', async () => {
    const reply = await host.call('window:1', 'auth.unlock', { username: 'admin', password: 'x', ...manyKeys(100_000) });
    expect(reply.ok).toBe(false);
    const error = (reply as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toBe('请求内容超过 20000 项，没有处理。');
  });

  it('10,000 nested arrays: a clear refusal, not a thrown call', async () => {
    const deep = JSON.parse('['.repeat(10_000) + ']'.repeat(10_000)) as unknown;
    await expect(host.call('window:1', 'auth.whoami', deep)).resolves.toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: '请求内容嵌套超过 32 层，没有处理。' },
    });
  });

  it('an import plan as large as the contract takes (500 columns, 50 whole-file values) still reaches the core (here: told the ledger is locked)', async () => {
    const constants = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`列${i}`, '幸福社区']));
    const reply = await host.call('window:1', 'import.preview', { target: 'residents', text: '姓名\n张三', mapping: Array<null>(500).fill(null), constants });
    expect(reply.ok).toBe(false);
    expect((reply as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    expect(await host.call('window:1', 'setup.status', {})).toMatchObject({ ok: true, value: { initialized: false } });
  });
});
