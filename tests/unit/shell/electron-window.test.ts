/**
 * The window's security settings and guards, with a mocked 'electron' (its
 * binary cannot run here). The mock records what the app asked Electron for.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;
const created: Array<{ options: { webPreferences: Record<string, unknown> }; handlers: Map<string, Handler>; openHandler?: Handler; url?: string }> = [];
const sessionHandlers: { permission?: Handler; check?: Handler; headers?: Handler } = {};

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: { on: (e: string, h: Handler) => void; setWindowOpenHandler: (h: Handler) => void };
    constructor(options: { webPreferences: Record<string, unknown> }) {
      const rec: (typeof created)[number] = { options, handlers: new Map() };
      created.push(rec);
      this.webContents = {
        on: (e, h) => void rec.handlers.set(e, h),
        setWindowOpenHandler: (h) => void (rec.openHandler = h),
      };
      this.loadURL = (u: string) => ((rec.url = u), Promise.resolve());
    }
    loadURL: (u: string) => Promise<void>;
    once(): void {}
    show(): void {}
  }
  const fakeSession = {
    setPermissionRequestHandler: (h: Handler) => void (sessionHandlers.permission = h),
    setPermissionCheckHandler: (h: Handler) => void (sessionHandlers.check = h),
    webRequest: { onHeadersReceived: (h: Handler) => void (sessionHandlers.headers = h) },
  };
  return { BrowserWindow, session: { fromPartition: () => fakeSession } };
});

describe('the app window', () => {
  beforeEach(() => {
    created.length = 0;
  });

  it('is created with isolation, sandbox, no Node, web security and its own partition', async () => {
    const { createAppWindow } = await import('../../../electron/app-window');
    createAppWindow('/app/preload.cjs');
    const prefs = created[0]!.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      preload: '/app/preload.cjs',
    });
    expect(prefs.devTools).toBe(false);
    expect(created[0]!.url).toBe('app://taizhang/index.html');
  });

  it('refuses navigation away from the app and every new window', async () => {
    const { createAppWindow } = await import('../../../electron/app-window');
    createAppWindow('/p.cjs');
    const nav = created[0]!.handlers.get('will-navigate')!;
    const external = { preventDefault: vi.fn() };
    nav(external, 'https://example.com/');
    expect(external.preventDefault).toHaveBeenCalled();
    const internal = { preventDefault: vi.fn() };
    nav(internal, 'app://taizhang/index.html#/settings');
    expect(internal.preventDefault).not.toHaveBeenCalled();
    expect(created[0]!.openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    created[0]!.handlers.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('refuses every permission request and sets the strict CSP on responses', async () => {
    const { createAppWindow } = await import('../../../electron/app-window');
    createAppWindow('/p.cjs');
    const answer = vi.fn();
    sessionHandlers.permission!({}, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    expect(sessionHandlers.check!()).toBe(false);
    const cb = vi.fn();
    sessionHandlers.headers!({ responseHeaders: {} }, cb);
    const csp = (cb.mock.calls[0]![0] as { responseHeaders: Record<string, string[]> }).responseHeaders['Content-Security-Policy']![0]!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
  });
});
