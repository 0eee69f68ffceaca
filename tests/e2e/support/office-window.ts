/**
 * The app's window on an office PC's 1366×768 screen: the title bar, the menu and the Windows taskbar take about 90 px,
 * so a coordinator sees 1366×678 of the page (electron/app-window.ts opens a 1366×860 window, taller than that screen).
 * A screen's main button must show there unscrolled, or the coordinator does not know it is there.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export const OFFICE_WINDOW = { width: 1366, height: 678 } as const;

/**
 * Shrinks the page to OFFICE_WINDOW, as it opens (no scrolling: the page keeps where it was) and checks `button` is inside
 * it whole. The test sets its own size back if it goes on (most e2e files use 1366×768, the screen).
 */
export async function expectInOfficeWindow(page: Page, button: Locator, what: string): Promise<void> {
  await page.setViewportSize(OFFICE_WINDOW);
  await expect.poll(() => button.isVisible(), { message: `「${what}」 shown` }).toBe(true);
  const box = (await button.boundingBox())!;
  expect(box.x, `「${what}」 left of the window`).toBeGreaterThanOrEqual(0);
  expect(box.y, `「${what}」 above the window`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `「${what}」 past the right edge of a 1366×678 window`).toBeLessThanOrEqual(OFFICE_WINDOW.width);
  expect(box.y + box.height, `「${what}」 under the foot of a 1366×678 window (a 1366×768 screen less its title bar and taskbar)`).toBeLessThanOrEqual(
    OFFICE_WINDOW.height,
  );
}
