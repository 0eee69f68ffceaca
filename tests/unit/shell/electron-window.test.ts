/**
 * The window's security settings and guards, with a mocked 'electron' (its
 * binary cannot run here). The mock records what the app asked Electron for.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;
const created: Array<{ options: { webPreferences: Record<string, unknown> }; handlers: Map<string, Handler>; openHandler?: Handler; url?: string }> = [];
const sessionHandlers: { permission?: Handler; check?: Handler; headers?: Handler } = {};
const display = { workAreaSize: { width: 1366, height: 728 } };
const menus: unknown[] = [];
const shown: string[] = [];

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: { on: (e: string, h: Handler) => void; setWindowOpenHandler: (h: Handler) => void };
    private ready: Handler | null = null;
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
    once(_e: string, h: Handler): void {
      this.ready = h;
    }
    fireReady(): void {
      this.ready?.();
    }
    maximize(): void {
      shown.push('maximize');
    }
    show(): void {
      shown.push('show');
    }
  }
  const fakeSession = {
    setPermissionRequestHandler: (h: Handler) => void (sessionHandlers.permission = h),
    setPermissionCheckHandler: (h: Handler) => void (sessionHandlers.check = h),
    webRequest: { onHeadersReceived: (h: Handler) => void (sessionHandlers.headers = h) },
  };
  const Menu = { buildFromTemplate: (t: unknown) => ({ template: t }), setApplicationMenu: (m: unknown) => void menus.push(m) };
  return { BrowserWindow, Menu, screen: { getPrimaryDisplay: () => display }, session: { fromPartition: () => fakeSession } };
});

describe('the app window', () => {
  beforeEach(() => {
    created.length = 0;
    menus.length = 0;
    shown.length = 0;
  });

  it('fits the screen it opens on: a 1366×768 screen (1366×728 above the taskbar) gets the work area, maximized', async () => {
    const { createAppWindow } = await import('../../../electron/app-window');
    display.workAreaSize = { width: 1366, height: 728 };
    const win = createAppWindow('/p.cjs') as unknown as { fireReady(): void };
    expect(created[0]!.options).toMatchObject({ width: 1366, height: 728, minWidth: 1024, minHeight: 640 });
    win.fireReady();
    expect(shown).toEqual(['maximize', 'show']);
    display.workAreaSize = { width: 1920, height: 1040 };
    const big = createAppWindow('/p.cjs') as unknown as { fireReady(): void };
    expect(created[1]!.options).toMatchObject({ width: 1366, height: 860 });
    shown.length = 0;
    big.fireReady();
    expect(shown).toEqual(['show']);
  });

  it('never asks for a minimum larger than the screen', async () => {
    const { windowSizeFor } = await import('../../../electron/window-options');
    expect(windowSizeFor({ width: 1024, height: 600 })).toEqual({ width: 1024, height: 600, minWidth: 1024, minHeight: 600, maximize: true });
    expect(windowSizeFor({ width: 1280, height: 984 })).toEqual({ width: 1280, height: 860, minWidth: 1024, minHeight: 640, maximize: true });
  });

  it('has a menu bar in Chinese: copy and paste, bigger text, close; no reload, no developer tools', async () => {
    const { createAppWindow } = await import('../../../electron/app-window');
    createAppWindow('/p.cjs');
    const { template } = menus[0] as { template: Array<{ label: string; submenu: Array<{ role?: string; label?: string }> }> };
    expect(template.map((m) => m.label)).toEqual(['编辑', '视图', '窗口']);
    const items = template.flatMap((m) => m.submenu).filter((i) => i.role);
    for (const i of items) expect(i.label).toMatch(/^[\u4e00-\u9fff（）]+$/);
    expect(items.map((i) => i.role)).toEqual(expect.arrayContaining(['copy', 'paste', 'zoomIn', 'close']));
    expect(items.some((i) => /reload|devtools/i.test(i.role!))).toBe(false);
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
