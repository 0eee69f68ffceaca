/**
 * How every test and bench starts Debian's Chromium (playwright-core): one list of flags, so the browser the e2e suite
 * checks the screens in and the one `npm run bench` times them in are the same browser.
 */
import type { LaunchOptions } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Chromium asked for Chinese, as electron/main.ts starts the app's. Headless Chromium on Linux takes its locale from
 * LANGUAGE/LANG, and Debian's chromium needs chromium-l10n for the zh-CN pack: with both, native date inputs read
 * 2020/02/17 and times 18:30 as on a Chinese office PC. Without the pack they stay en-US, which is why the app's own
 * time fields and messages never rely on them. The rest keep a headless run from reaching out (updates, sync, QUIC).
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--lang=zh-CN',
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function chromiumLaunchOptions(): LaunchOptions {
  return {
    executablePath: CHROMIUM_PATH,
    env: { ...process.env, LANGUAGE: 'zh_CN:zh', LANG: 'zh_CN.UTF-8' },
    args: [...CHROMIUM_FLAGS],
  };
}
