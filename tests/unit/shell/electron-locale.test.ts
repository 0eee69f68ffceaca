/**
 * The app starts Chromium in Chinese (date and time inputs, validation
 * bubbles, menus), before the app is ready, whatever the PC's language.
 * A mocked 'electron' records what main.ts asks of it.
 */
import { describe, expect, it, vi } from 'vitest';

const switches: Array<[string, string | undefined]> = [];
let readyAsked = false;

vi.mock('electron', () => ({
  app: {
    commandLine: { appendSwitch: (name: string, value?: string) => void switches.push([name, value]) },
    requestSingleInstanceLock: () => true,
    quit: () => undefined,
    on: () => undefined,
    whenReady: () => {
      readyAsked = true;
      return new Promise(() => undefined);
    },
  },
  protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
  ipcMain: { handle: () => undefined },
  net: {},
  BrowserWindow: class {},
  session: {},
  dialog: {},
  shell: {},
  webContents: {},
}));

describe('the app in Chinese', () => {
  it('passes --lang=zh-CN to Chromium before the app is ready', async () => {
    await import('../../../electron/main');
    expect(switches).toContainEqual(['lang', 'zh-CN']);
    expect(readyAsked).toBe(true);
  });
});
