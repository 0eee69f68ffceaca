/**
 * The security settings of the one window, as data so a test can assert
 * them without Electron's binary. Imports nothing from 'electron'.
 */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    // Middle-click would open links in new windows: the feature is off entirely.
    disableBlinkFeatures: 'Auxclick',
    devTools: process.env.NODE_ENV === 'development',
    // A partition of its own, in memory: nothing of the renderer is cached on disk.
    partition: 'taizhang',
  } as const;
}

export const APP_ORIGIN = 'app://taizhang';

/**
 * The users work in Chinese, whatever language the PC's Windows or UOS is set
 * to: Chromium's own words (date and time inputs, their 24-hour clock,
 * spelling of dates, context menus) follow `--lang`.
 */
export const APP_LOCALE = 'zh-CN';

/** Must run before the app is ready: Chromium reads the switch once, at start. */
export function startInChinese(commandLine: { appendSwitch(name: string, value?: string): void }): void {
  commandLine.appendSwitch('lang', APP_LOCALE);
}

/** Only the app's own pages may be shown or send IPC. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * The window's size on the screen it opens on. The app is laid out for 1366 wide; on a 1366×768 screen (the office
 * PCs the guide names) the taskbar and the title bar leave about 1366×728, and a window of 1366×860 reached under the
 * taskbar, its lowest buttons out of sight (w58-screens read it so). So the window takes the work area when that is
 * smaller than the size it would like, maximized there; its minimum never exceeds the work area either.
 */
export function windowSizeFor(workArea: { width: number; height: number }): {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  maximize: boolean;
} {
  const want = { width: 1366, height: 860 };
  const width = Math.min(want.width, workArea.width);
  const height = Math.min(want.height, workArea.height);
  return { width, height, minWidth: Math.min(1024, width), minHeight: Math.min(640, height), maximize: width < want.width || height < want.height };
}

type MenuRole = 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll' | 'zoomIn' | 'zoomOut' | 'resetZoom' | 'togglefullscreen' | 'minimize' | 'close';
export type AppMenuItem = { role: MenuRole; label: string } | { type: 'separator' };

/**
 * The menu bar in Chinese: Electron's default one is in English (File, Edit, View, Window, Help) and offers reload and
 * developer tools. What a coordinator needs of it: copy and paste (also by keyboard), bigger text on an old screen, and
 * closing the window (which locks the ledger).
 */
export const APP_MENU: ReadonlyArray<{ label: string; submenu: AppMenuItem[] }> = [
  {
    label: '编辑',
    submenu: [
      { role: 'undo', label: '撤销' },
      { role: 'redo', label: '重做' },
      { type: 'separator' },
      { role: 'cut', label: '剪切' },
      { role: 'copy', label: '复制' },
      { role: 'paste', label: '粘贴' },
      { role: 'selectAll', label: '全选' },
    ],
  },
  {
    label: '视图',
    submenu: [
      { role: 'zoomIn', label: '放大文字' },
      { role: 'zoomOut', label: '缩小文字' },
      { role: 'resetZoom', label: '文字恢复原大' },
      { type: 'separator' },
      { role: 'togglefullscreen', label: '全屏' },
    ],
  },
  {
    label: '窗口',
    submenu: [
      { role: 'minimize', label: '最小化' },
      { role: 'close', label: '关闭（台账随即锁定）' },
    ],
  },
];
