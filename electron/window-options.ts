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

/** Only the app's own pages may be shown or send IPC. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}
