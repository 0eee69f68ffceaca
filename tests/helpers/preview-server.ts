/**
 * The preview's HTTP server started in this process on the built core worker (dist-electron/core-worker.cjs, built by
 * tests/global-setup.ts), for one describe block: started before its tests, stopped and its folder removed after.
 * For tests that reach the transport as a window holding the token would (a compromised renderer), without a browser.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { previewShell } from '../../electron/core/preview/preview-shell';
import { startPreviewServer } from '../../electron/core/preview/server';
import { CoreHost } from '../../electron/core/worker/host';

export interface InProcessPreview {
  /** http://127.0.0.1:<port>, once started. */
  readonly origin: string;
  /** The worker's host, once started (to send it what the preview shell would). */
  readonly host: CoreHost;
}

export function previewServerForBlock(folderPrefix: string, token: string): InProcessPreview {
  const dir = mkdtempSync(join(tmpdir(), folderPrefix));
  let host: CoreHost | undefined;
  let origin = '';
  let close: () => void = () => undefined;
  beforeAll(async () => {
    host = new CoreHost(resolve('dist-electron/core-worker.cjs'), { dataDir: dir }, previewShell({ driveRoots: [] }));
    const started = await startPreviewServer({ host, staticDir: dir, port: 0, token });
    origin = `http://127.0.0.1:${started.port}`;
    close = () => started.server.close();
  }, 60_000);
  afterAll(async () => {
    close();
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get origin() {
      return origin;
    },
    get host() {
      if (!host) throw new Error('previewServerForBlock: not started yet');
      return host;
    },
  };
}
