/**
 * `npm run preview -- --data-dir DIR [--port N]`: the whole app in a browser
 * with the real core (in its worker) behind it. Prints one line:
 *   taizhang preview http://127.0.0.1:PORT/?token=TOKEN
 */
import { join, resolve } from 'node:path';
import { ISO_INSTANT_RE } from '../dates.shared';
import { makePrivateDir } from '../fs-private';
import { CoreHost } from '../worker/host';
import { TEST_FAULTS, type TestFault } from '../worker/protocol';
import { previewShell } from './preview-shell';
import { startPreviewServer } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/**
 * TAIZHANG_TEST_NOW=2026-11-30T17:30:00Z (test mode only): the core's clock starts at that instant and runs on.
 * CI uses it to run the e2e suite at 17:30 UTC, when the office's day (Beijing) is already tomorrow.
 */
function testNowFromEnv(testClock: boolean): string | undefined {
  const given = process.env.TAIZHANG_TEST_NOW;
  if (!given) return undefined;
  if (!testClock) throw new Error('TAIZHANG_TEST_NOW 只在测试模式（TAIZHANG_TEST_CLOCK=1）下有效。');
  if (!ISO_INSTANT_RE.test(given) || Number.isNaN(Date.parse(given))) {
    throw new Error(`TAIZHANG_TEST_NOW「${given}」不是带时区的时刻，应形如 2026-11-30T17:30:00Z。`);
  }
  return new Date(Date.parse(given)).toISOString();
}

/** TAIZHANG_TEST_FAULT=rotation-unfinished (test mode only): a failure an e2e test stands for (worker/protocol.ts TEST_FAULTS). */
function testFaultFromEnv(testClock: boolean): TestFault | undefined {
  const given = process.env.TAIZHANG_TEST_FAULT;
  if (!given) return undefined;
  if (!testClock) throw new Error('TAIZHANG_TEST_FAULT 只在测试模式（TAIZHANG_TEST_CLOCK=1）下有效。');
  const known = TEST_FAULTS.find((f) => f === given);
  if (!known) throw new Error(`TAIZHANG_TEST_FAULT「${given}」不是可用的测试故障（${TEST_FAULTS.join('、')}）。`);
  return known;
}

/**
 * TAIZHANG_TEST_KDF=1 (test mode only): the slots this preview makes use the tests' cheap scrypt (db/slot-wrap.ts
 * TEST_KDF), as the unit tests' do. The app, and this preview without it, refuse such a slot at unlock (db/ledger-unlock.ts).
 */
function testKdfFromEnv(testClock: boolean): boolean {
  const given = process.env.TAIZHANG_TEST_KDF;
  if (!given) return false;
  if (!testClock) throw new Error('TAIZHANG_TEST_KDF 只在测试模式（TAIZHANG_TEST_CLOCK=1）下有效。');
  if (given !== '1') throw new Error(`TAIZHANG_TEST_KDF「${given}」无效：只能是 1。`);
  return true;
}

async function main(): Promise<void> {
  const dataDir = resolve(arg('data-dir') ?? '.taizhang-data');
  makePrivateDir(dataDir);
  const port = Number(arg('port') ?? 0);
  const testClock = process.env.TAIZHANG_TEST_CLOCK === '1';
  const testNow = testNowFromEnv(testClock);
  const testFault = testFaultFromEnv(testClock);
  const testKdf = testKdfFromEnv(testClock);
  const driveRoots = (process.env.TAIZHANG_DRIVE_ROOTS ?? '/media:/run/media').split(':').filter(Boolean);
  // The app's own folder (Electron's userData in the app; here only when given): retired keys are noted there.
  const appDir = arg('app-dir');
  const init = {
    dataDir,
    testClock,
    ...(testNow ? { testNow } : {}),
    ...(testFault ? { testFault } : {}),
    ...(testKdf ? { testKdf } : {}),
    ...(appDir ? { appDir: resolve(appDir) } : {}),
  };
  const host = new CoreHost(join(__dirname, 'core-worker.cjs'), init, previewShell({ driveRoots }));
  const { url, server } = await startPreviewServer({
    host,
    staticDir: resolve(__dirname, '..', 'dist-renderer'),
    port,
    testClock,
    ...(process.env.TAIZHANG_PREVIEW_TOKEN ? { token: process.env.TAIZHANG_PREVIEW_TOKEN } : {}),
  });
  process.stdout.write(`taizhang preview ${url}\n`);
  const stop = (): void => {
    server.close();
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main().catch((e: unknown) => {
  console.error('预览启动失败：', e instanceof Error ? e.message : e);
  process.exit(1);
});
