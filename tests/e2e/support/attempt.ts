/**
 * Every attempt of an e2e test starts from nothing: its own data folder,
 * preview and browser context (vitest runs beforeEach/afterEach around each retry;
 * the file's one Chromium is shared, preview.ts launchBrowser),
 * so a retry never inherits a half-initialised ledger and fails with a
 * misleading message. A failure names the step the test was on and the
 * screen the page showed, with a screenshot in test-output/.
 */
import { basename } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { closeApp, closeBrowser, openApp, screenshot, type App } from './preview';
import { resetTimings, writeTimings } from './timings';

export interface AttemptApp extends App {
  /** Removes what `open` made besides the preview's own folder. */
  cleanup?: () => void;
}

let currentStep: string | null = null;

// The file's one Chromium (preview.ts launchBrowser) is closed after its last test: registered here, when the test file
// imports this module, the hook is the file's own, not a describe block's (screens.e2e.ts has six blocks).
afterAll(closeBrowser);

/**
 * Marks the start of a step (`step('登记牺牲人员')`), or runs one (`await step('…', async () => …)`).
 * A failure after the mark is reported as a failure of that step.
 */
export function step(name: string): void;
export function step<T>(name: string, fn: () => Promise<T>): Promise<T>;
export function step<T>(name: string, fn?: () => Promise<T>): void | Promise<T> {
  currentStep = name;
  return fn?.();
}

/** Which screen the page shows: its route and its main heading, as a user would name it. */
async function screenOf(page: Page): Promise<string> {
  try {
    const where = (await page.evaluate(`[window.location.hash || '#/', (document.querySelector('main h1, h1, h2')?.textContent ?? '').trim()]`)) as [
      string,
      string,
    ];
    return where[1] ? `「${where[1].slice(0, 40)}」（${where[0]}）` : where[0];
  } catch {
    return '（页面已无法读取）';
  }
}

interface FailedTask {
  name: string;
  file?: { name: string };
  result?: { state?: string; retryCount?: number; errors?: Array<{ message?: string }> };
}

/** Screenshot and a first line saying the step and the screen, put in front of the test's own error. */
async function reportFailure(task: FailedTask, page: Page | undefined): Promise<void> {
  const attempt = (task.result?.retryCount ?? 0) + 1;
  const file = basename(task.file?.name ?? 'e2e').replace(/\.e2e\.ts$/, '');
  const stepName = currentStep ?? '（未标记步骤）';
  let where = '（浏览器未打开）';
  let shot = '';
  if (page && !page.isClosed()) {
    where = await screenOf(page);
    shot = await screenshot(page, `FAILED-${file}-attempt${attempt}`).catch(() => '');
  }
  const line = `第 ${attempt} 次尝试失败：步骤「${stepName}」，画面${where}${shot ? `，截图 ${shot}` : ''}`;
  // Errors of earlier attempts stay in the list: this attempt's is the last.
  const first = task.result?.errors?.at(-1);
  // Also on stderr with the error itself: a first attempt that a retry redeems is otherwise never shown.
  process.stderr.write(`[e2e] ${task.name}: ${line}\n      ${(first?.message ?? '').split('\n').slice(0, 3).join('\n      ')}\n`);
  if (first) first.message = `${line}\n${first.message ?? ''}`;
}

/**
 * A fresh app for every attempt of every test in the describe block. `open`
 * defaults to a new preview with an empty ledger; give one that seeds a ledger
 * first. `prepare` runs on the opened app (set the clock, unlock): if it fails,
 * the app is still closed and reported like a failed step. Returns the live
 * handles, filled in before each attempt.
 */
export function appForEachAttempt(open: () => Promise<AttemptApp> = openApp, prepare?: (app: AttemptApp) => Promise<void>): AttemptApp {
  const app = {} as AttemptApp;
  const marks: Record<string, number> = {};
  let bodyStart = 0;
  beforeEach(async () => {
    currentStep = '准备：启动预览与浏览器';
    resetTimings();
    for (const k of Object.keys(marks)) delete marks[k];
    for (const k of ['preview', 'browser', 'page', 'cleanup'] as const) delete app[k];
    const t0 = performance.now();
    Object.assign(app, await open());
    const t1 = performance.now();
    if (prepare) await prepare(app);
    bodyStart = performance.now();
    Object.assign(marks, { open: t1 - t0, prepare: bodyStart - t1 });
    currentStep = null;
  });
  afterEach(async (context) => {
    const task = context.task as FailedTask;
    const bodyEnd = performance.now();
    if (task.result?.state === 'fail') await reportFailure(task, app.page);
    const t2 = performance.now();
    await closeApp(app.browser, app.preview);
    app.cleanup?.();
    const t3 = performance.now();
    writeTimings(task.file?.name, task.name, (task.result?.retryCount ?? 0) + 1, task.result?.state, {
      ...marks,
      body: bodyEnd - bodyStart,
      report: t2 - bodyEnd,
      close: t3 - t2,
    });
  });
  return app;
}
