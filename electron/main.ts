/**
 * App lifecycle: one instance, one window, the core in its worker, the
 * renderer served from app://taizhang (never file:// or http).
 */
import { app, ipcMain, net, protocol } from 'electron';
import { existsSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAppWindow } from './app-window';
import { makePrivateDir } from './core/fs-private';
import { CONTENT_SECURITY_POLICY } from './core/security-policy';
import { CoreHost } from './core/worker/host';
import { registerIpc, sessionIdOf } from './ipc';
import { electronShell } from './shell/electron-shell';
import { APP_ORIGIN, startInChinese } from './window-options';
import type { BrowserWindow } from 'electron';

startInChinese(app.commandLine);
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) app.quit();

let win: BrowserWindow | null = null;

function nativeBinding(): string | undefined {
  const candidates = [
    join(process.resourcesPath ?? '', 'native', 'better_sqlite3.node'),
    join(__dirname, '..', 'build', 'electron-native', 'better_sqlite3.node'),
  ];
  return candidates.find((p) => existsSync(p));
}

void app.whenReady().then(() => {
  const rendererDir = join(__dirname, '..', 'dist-renderer');
  protocol.handle('app', (request) => {
    const url = new URL(request.url);
    const file = normalize(join(rendererDir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(rendererDir + sep)) return new Response('forbidden', { status: 403 });
    const target = existsSync(file) ? file : join(rendererDir, 'index.html');
    return net.fetch(pathToFileURL(target).toString()).then((res) => {
      // Custom-protocol responses bypass webRequest, so the policy is set here too.
      const headers = new Headers(res.headers);
      headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      headers.set('X-Content-Type-Options', 'nosniff');
      return new Response(res.body, { status: res.status, headers });
    });
  });

  const dataDir = process.env.TAIZHANG_DATA_DIR ?? join(app.getPath('userData'), 'ledger');
  makePrivateDir(dataDir);
  const binding = nativeBinding();
  const host = new CoreHost(
    join(__dirname, 'core-worker.cjs'),
    // userData: the app's own folder, outside the ledger folder (where retired keys are noted: auth/retired-here.ts).
    { dataDir, appDir: app.getPath('userData'), ...(binding ? { nativeBinding: binding } : {}) },
    electronShell(
      () => win,
      (route) => `${APP_ORIGIN}/index.html#${route}`,
    ),
  );
  registerIpc(ipcMain, host);
  host.onEvent((sessionId, event) => {
    if (win && !win.isDestroyed() && (sessionId === null || sessionId === sessionIdOf(win.webContents))) win.webContents.send('taizhang:event', event);
  });

  win = createAppWindow(join(__dirname, 'preload.cjs'));
  const windowSession = sessionIdOf(win.webContents);
  win.on('closed', () => {
    // Closing the window locks its session: the next window must unlock again.
    void host.call(windowSession, 'auth.lock', {});
    win = null;
  });
  app.on('second-instance', () => win?.focus());
  app.on('window-all-closed', () => void host.close().then(() => app.quit()));
});

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(APP_ORIGIN)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});
