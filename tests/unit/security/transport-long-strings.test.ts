/**
 * The thirteenth attack run (session 27), F3: a window with no password sends one long string. The transport counts
 * an input's parts (worker/input-bounds.ts, F1/F2) but a string was one part however long: over Electron's IPC
 * (no body cap, unlike the preview's 8 MB) `auth.unlock`, a public channel, with a password of 100 million letters
 * was copied into the core worker and checked there: 3.8 s a request, other windows' calls waiting 1.5 s beside it,
 * +180 MB (400 million: 31 s, +580 MB; load 14–15). Now the letters of every string and key are counted with the
 * parts, before anything is posted; the longest text the contract takes (a pasted list, MAX_PASTE_CHARS) still goes
 * through. Run against the real worker as built, as transport-bounds.test.ts is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PASTE_CHARS } from '../../../electron/core/io/import/contract';
import { previewShell } from '../../../electron/core/preview/preview-shell';
import { CoreHost } from '../../../electron/core/worker/host';
import { inputTooBig, MAX_INPUT_CHARS } from '../../../electron/core/worker/input-bounds';

let host: CoreHost;
const dir = mkdtempSync(join(tmpdir(), 'taizhang-long-'));
beforeAll(() => {
  host = new CoreHost(resolve('dist-electron/core-worker.cjs'), { dataDir: dir }, previewShell({ driveRoots: [] }));
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

const TOO_LONG = `请求内容超过 ${MAX_INPUT_CHARS} 个字，没有处理。`;

describe('one long string from a window that is not signed in', () => {
  it('a password of 20 million letters: refused by the transport in a few words, never copied into the core', async () => {
    const reply = await host.call('window:1', 'auth.unlock', { username: 'admin', password: 'x'.repeat(20_000_000) });
    expect(reply).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: TOO_LONG } });
  });

  it('the letters are counted over every string and key, however they are split', () => {
    const half = 'x'.repeat(MAX_INPUT_CHARS / 2);
    expect(inputTooBig({ a: half, b: [half, 'x'] })).toBe(TOO_LONG);
    expect(inputTooBig({ [`${half}${half}x`]: 1 })).toBe(TOO_LONG);
    expect(inputTooBig({ a: half, b: half.slice(2) })).toBeNull();
  });

  // w45-import: MAX_INPUT_CHARS is derived from MAX_PASTE_CHARS (one definition, io/import/paste-limit.shared.ts).
  it('the longest paste the contract takes, with the largest rest of an import input, passes the count', () => {
    const text = 'x'.repeat(MAX_PASTE_CHARS);
    const mapping = Array.from({ length: 500 }, () => 'householdRegistration'.padEnd(64, 'x'));
    const constants = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`field${i}`.padEnd(64, 'x'), '东'.repeat(500)]));
    expect(inputTooBig({ target: 'residents', text, mapping, constants, sheet: '表'.repeat(200), encoding: 'auto' })).toBeNull();
    expect(inputTooBig({ target: 'residents', text: `${text}${'x'.repeat(MAX_INPUT_CHARS - MAX_PASTE_CHARS)}` })).toBe(TOO_LONG);
  });

  it('a pasted list as long as the contract takes still reaches the core (here: told the ledger is locked)', async () => {
    expect(MAX_INPUT_CHARS).toBeGreaterThan(MAX_PASTE_CHARS + 100_000);
    const text = `姓名\n${'张三\n'.repeat((MAX_PASTE_CHARS - 3) / 3)}`;
    expect(text.length).toBeLessThanOrEqual(MAX_PASTE_CHARS);
    const reply = await host.call('window:1', 'import.preview', { target: 'residents', text, mapping: [null], constants: {} });
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
