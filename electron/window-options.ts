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
