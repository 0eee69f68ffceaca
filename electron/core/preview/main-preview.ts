/**
 * `npm run preview -- --data-dir DIR [--port N]`: the whole app in a browser
 * with the real core (in its worker) behind it. Prints one line:
 *   taizhang preview http://127.0.0.1:PORT/?token=TOKEN
 */
import { join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { CoreHost } from '../worker/host';
import { previewShell } from './preview-shell';
import { startPreviewServer } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const dataDir = resolve(arg('data-dir') ?? '.taizhang-data');
  mkdirSync(dataDir, { recursive: true });
  const port = Number(arg('port') ?? 0);
  const testClock = process.env.TAIZHANG_TEST_CLOCK === '1';
  const driveRoots = (process.env.TAIZHANG_DRIVE_ROOTS ?? '/media:/run/media').split(':').filter(Boolean);
  const host = new CoreHost(join(__dirname, 'core-worker.cjs'), { dataDir, testClock }, previewShell({ driveRoots }));
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
