/**
 * The preview's TAIZHANG_TEST_KDF=1 (session 42, issue #14 item 6): slots made with the tests' cheap scrypt, so a
 * browser test's setup and unlock cost milliseconds. It must not weaken a real ledger: the core worker honours it only
 * in test mode (the preview refuses it otherwise: session38-test-switches.test.ts), and a core that makes slots at the
 * app's strength refuses a cheap slot at unlock and at recovery, told to the one whose secret opened it.
 */
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { Core } from '../../../electron/core/core';
import { DEFAULT_KDF, TEST_KDF } from '../../../electron/core/db/slot-wrap';
import type { WorkerInit } from '../../../electron/core/worker/protocol';
import { ADMIN, openTestLedger } from '../../helpers/ledger';

/** The built core worker (dist-electron, as the app and the preview start it) given `init`: the ledger it sets up's slots' scrypt N. */
async function slotsMadeBy(init: Omit<WorkerInit, 'dataDir'>): Promise<number[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'taizhang-test-kdf-'));
  const worker = new Worker(resolve('dist-electron/core-worker.cjs'), { workerData: { dataDir, ...init } satisfies WorkerInit });
  try {
    const result = await new Promise<{ ok: boolean }>((done, fail) => {
      worker.on('error', fail);
      worker.on('message', (m: { type: string; id?: number; result?: { ok: boolean } }) => {
        if (m.type === 'ready')
          worker.postMessage({
            type: 'call',
            id: 1,
            sessionId: 's',
            channel: 'setup.init',
            input: { office: { name: '东风街道办事处' }, admin: { username: ADMIN.username, displayName: ADMIN.displayName, password: ADMIN.password } },
          });
        if (m.type === 'result' && m.id === 1) done(m.result!);
      });
    });
    expect(result.ok).toBe(true);
    const keyring = JSON.parse(readFileSync(join(dataDir, 'taizhang.keyring.json'), 'utf8')) as { slots: Array<{ kdf: { N: number } }> };
    return keyring.slots.map((s) => s.kdf.N);
  } finally {
    await worker.terminate();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('the core worker', () => {
  it('makes cheap slots with testKdf in test mode only', async () => {
    const cheap = await slotsMadeBy({ testClock: true, testKdf: true });
    expect(cheap.length).toBeGreaterThan(0);
    expect(new Set(cheap)).toEqual(new Set([TEST_KDF.N]));
    expect(new Set(await slotsMadeBy({ testKdf: true }))).toEqual(new Set([DEFAULT_KDF.N]));
    expect(new Set(await slotsMadeBy({ testClock: true }))).toEqual(new Set([DEFAULT_KDF.N]));
  }, 60_000);
});

describe('a ledger made with the tests scrypt, opened by a core at the app strength', () => {
  it('refuses the right password with a clear reason, counts a wrong one as wrong, and refuses the recovery key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-test-kdf-'));
    const made = await openTestLedger({ dir });
    const recoveryKey = made.recoveryKey;
    made.close();
    const app = new Core({ dataDir: dir, failureDelayBaseMs: 5 });
    try {
      const wrong = await app.call('w', 'auth.unlock', { username: ADMIN.username, password: 'not-the-password-1' });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
      const right = await app.call('w', 'auth.unlock', { username: ADMIN.username, password: ADMIN.password });
      expect(right).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/测试模式（TAIZHANG_TEST_KDF）.*只能用于测试/) } });
      const recovered = await app.call('w', 'auth.recover', { username: ADMIN.username, recoveryKey, newPassword: 'recovered-pass-9' });
      expect(recovered).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(app.services.sessions.all()).toEqual([]);
    } finally {
      app.close();
    }
    // The same folder in a core that makes cheap slots itself (the preview with TAIZHANG_TEST_KDF=1) opens.
    const test = new Core({ dataDir: dir, kdf: TEST_KDF, failureDelayBaseMs: 5 });
    try {
      expect(await test.call('t', 'auth.unlock', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({ ok: true });
    } finally {
      test.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
