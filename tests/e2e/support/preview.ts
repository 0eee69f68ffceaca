/**
 * Starts `dist-electron/preview.cjs` (built by `npm run test:e2e`) on a free
 * port with a fresh data folder, and Debian's Chromium through playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { OfficeClock, SessionInfo } from '../../../electron/core/auth/types.shared';
import { chromiumLaunchOptions } from '../../helpers/chromium';
import { timed } from './timings';

export const OUTPUT_DIR = resolve('test-output');

/**
 * The preview gives every tab its own session (its window id). Test pages all
 * carry this one, so `preview.rpc` acts as the page's session; a page made
 * with `{ ownWindow: true }` is a second tab with a session of its own.
 */
export const E2E_WINDOW_ID = 'e2e-test-page-window-0001';

export interface Preview {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Moves the core's clock (preview test mode). */
  setClock(body: { instant?: string; advanceDays?: number; release?: boolean }): Promise<void>;
  /** Calls a channel directly, as the page's session. */
  rpc(channel: string, input: unknown): Promise<unknown>;
  /** The core's clock (zone, now, today) as the page's unlocked session sees it: tests take dates from here, never compute their own. */
  officeClock(): Promise<OfficeClock>;
  stop(): Promise<void>;
}

/** `appDir`: the program's own folder outside the ledger (notes of retired keys, a rotation under way), as a test made it. */
export async function startPreview(opts: { dataDir?: string; appDir?: string; env?: Record<string, string> } = {}): Promise<Preview> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'taizhang-e2e-'));
  const appArgs = opts.appDir ? ['--app-dir', opts.appDir] : [];
  const child: ChildProcess = spawn(process.execPath, ['dist-electron/preview.cjs', '--data-dir', dataDir, '--port', '0', ...appArgs], {
    // The tests' cheap scrypt for every ledger the preview makes (TAIZHANG_TEST_KDF, test mode only): setup and unlock in ms, not seconds.
    env: { ...process.env, TAIZHANG_TEST_CLOCK: '1', TAIZHANG_TEST_KDF: '1', ...opts.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await timed(
    'preview',
    () =>
      new Promise<string>((resolveUrl, reject) => {
        let buf = '';
        const timer = setTimeout(() => reject(new Error('preview did not start in 30 s')), 30_000);
        child.stdout!.on('data', (d: Buffer) => {
          buf += d.toString();
          const m = /taizhang preview (\S+)/.exec(buf);
          if (m) {
            clearTimeout(timer);
            resolveUrl(m[1]!);
          }
        });
        child.on('exit', (code) => reject(new Error(`preview exited with ${code}`)));
      }),
  );
  const u = new URL(url);
  const token = u.searchParams.get('token')!;
  // Each call on a connection of its own (agent: false): fetch kept one open between calls, and a test that held its
  // thread past the server's 5 s keep-alive (execFileSync of pdftoppm on a long print, under load) sent its next call on
  // the connection the server had closed meanwhile: 「fetch failed: other side closed」 (html-prints.e2e, every attempt).
  const post = (path: string, body: unknown) =>
    new Promise<{ ok: boolean; value?: unknown; error?: unknown }>((resolvePost, reject) => {
      const data = Buffer.from(JSON.stringify(body));
      const req = httpRequest(
        `${u.origin}${path}`,
        {
          method: 'POST',
          agent: false,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': data.length,
            'X-Taizhang-Token': token,
            'X-Taizhang-Window': E2E_WINDOW_ID,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            try {
              resolvePost(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok: boolean; value?: unknown; error?: unknown });
            } catch (e) {
              reject(e instanceof Error ? e : new Error(String(e)));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(data);
    });
  const rpc = async (channel: string, input: unknown): Promise<unknown> => {
    const r = await post(`/rpc/${channel}`, input);
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  return {
    url,
    origin: u.origin,
    token,
    dataDir,
    async setClock(body) {
      await post('/__test/clock', body);
    },
    rpc,
    async officeClock() {
      const who = (await rpc('auth.whoami', {})) as SessionInfo | null;
      if (!who) throw new Error('officeClock: the page has no unlocked session yet');
      return who.clock;
    },
    async stop() {
      // A preview that already exited (it crashed, or stop() ran twice) must not be waited for.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One Chromium serves a test file's attempts one after another (launching it cost 2–3.5 s an attempt on this loaded
 * machine): each attempt has its own browser context (cookies, storage and cache of its own, as a new profile) and its
 * own preview on a port of its own, and closeApp closes every context the attempt opened. A browser that went away
 * (crashed) is launched again at the next attempt; the last one is closed after the file (closeBrowser, attempt.ts).
 */
let shared: Browser | undefined;

/** Chromium with the flags every test and bench starts it with (tests/helpers/chromium.ts: asked for Chinese, kept offline). */
export async function launchBrowser(): Promise<Browser> {
  if (shared?.isConnected()) return shared;
  shared = await timed('browser', () => chromium.launch(chromiumLaunchOptions()));
  return shared;
}

/**
 * The browser runs in the machine's own zone (CI: TZ=UTC), as a PC set to that zone would:
 * the screens must still show the office's (Beijing) days and times.
 */
const MACHINE_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The usual office PC's screen is 1366×768: every e2e file checks its screen at that size unless it says otherwise. */
export async function newPage(browser: Browser, opts: { viewport?: { width: number; height: number }; ownWindow?: boolean } = {}): Promise<Page> {
  return timed('page', async () => {
    const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: MACHINE_TIME_ZONE });
    if (!opts.ownWindow) await context.addInitScript((id: string) => sessionStorage.setItem('taizhang-window', id), E2E_WINDOW_ID);
    return context.newPage();
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const path = join(OUTPUT_DIR, `${name}.png`);
  await timed('screenshot', () => page.screenshot({ path, fullPage: true }));
  return path;
}

export interface App {
  preview: Preview;
  browser: Browser;
  page: Page;
}

/** A fresh preview (own data folder), Chromium, and one page: what every e2e file starts from. */
export async function openApp(opts: Parameters<typeof startPreview>[0] = {}): Promise<App> {
  const preview = await startPreview(opts);
  const browser = await launchBrowser();
  return { preview, browser, page: await newPage(browser) };
}

/** Closes the attempt's pages (every context of the browser) and stops its preview; the browser itself stays for the next attempt. */
export async function closeApp(browser: Browser | undefined, preview: Preview | undefined): Promise<void> {
  if (browser?.isConnected()) await Promise.all(browser.contexts().map((c) => c.close()));
  await preview?.stop();
}

/** Closes the file's browser (attempt.ts, after the last test of a describe block). */
export async function closeBrowser(): Promise<void> {
  const browser = shared;
  shared = undefined;
  await browser?.close();
}
