/**
 * The one BrowserWindow and its guards: navigation and new windows refused,
 * permission requests refused, the app's CSP on every response.
 */
import { BrowserWindow, Menu, screen, session as electronSession, type Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from './core/security-policy';
import { APP_MENU, APP_ORIGIN, isAppUrl, secureWebPreferences, windowSizeFor } from './window-options';

export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

export function createAppWindow(preloadPath: string): BrowserWindow {
  const prefs = secureWebPreferences(preloadPath);
  hardenSession(electronSession.fromPartition(prefs.partition));
  const { maximize, ...size } = windowSizeFor(screen.getPrimaryDisplay().workAreaSize);
  Menu.setApplicationMenu(Menu.buildFromTemplate(APP_MENU.map((m) => ({ label: m.label, submenu: [...m.submenu] }))));
  const win = new BrowserWindow({
    ...size,
    title: '街道防控台账',
    show: false,
    backgroundColor: '#fbfaf7',
    webPreferences: prefs,
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => {
    if (maximize) win.maximize();
    win.show();
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
