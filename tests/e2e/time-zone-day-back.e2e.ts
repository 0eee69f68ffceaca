/**
 * 日期与时区 at 1366×768, when the zone asked for takes the office's day back (Beijing already 01:30 of the next day,
 * Urumqi still 23:30 of this one): the core asks first (settings/handlers.ts, S45-A3). That is a question for the
 * coordinator, not a failure: it is asked in the kit's notice (yellow), not in error red, with 「仍然更改」 and 「不改了」
 * under it. Screenshot: test-output/time-zone-day-back-question.png.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN } from '../helpers/ledger';
import { ShellPage, UnlockPage } from './pages/auth-pages';
import { SettingsPage } from './pages/settings-page';
import { step } from './support/attempt';
import { screenshot } from './support/preview';
import { preparedLedgerForEachAttempt } from './support/prepared-ledger';

const NOW = '2020-02-17T17:30:00.000Z'; // 2020-02-18 01:30 in 北京, 2020-02-17 23:30 in 乌鲁木齐

describe('日期与时区: the day-back question', () => {
  const app = preparedLedgerForEachAttempt({});

  it('is asked as a question in the notice style, with its two answers, and each answer does what it says', async () => {
    const { page, preview } = app;
    await preview.setClock({ instant: NOW });
    await page.goto(preview.url);
    await new UnlockPage(page).unlock(ADMIN.username, ADMIN.password);
    await page.getByText(`${ADMIN.displayName}（统筹负责人）`).waitFor();
    await new ShellPage(page).open('设置');
    const settings = new SettingsPage(page);

    step('问：退回一天，仍然更改吗');
    const said = await settings.setTimeZone('Asia/Urumqi');
    expect(said).toContain('会从 2020-02-18 退回 2020-02-17');
    const question = settings.dayBackQuestion();
    await question.waitFor();
    expect(await question.textContent()).toContain('确要更改请点「仍然更改」');
    expect(await question.getByRole('button').allTextContents()).toEqual(['仍然更改', '不改了']);
    // Not the error style: nothing on the panel is red or an alert, the question sits in the notice's yellow.
    expect(await page.locator('main.content .error').count()).toBe(0);
    expect(await page.locator('main.content').getByRole('alert').count()).toBe(0);
    const look = await question.evaluate((el) => {
      const box = getComputedStyle(el);
      const words = getComputedStyle(el.querySelector('p')!);
      return { classes: el.className, background: box.backgroundColor, colour: words.color };
    });
    expect(look.classes).toContain('notice');
    expect(look.background).toBe('rgb(255, 246, 214)');
    expect(look.colour).not.toBe('rgb(179, 38, 30)');
    // The answers are in view at 1366×768 without scrolling.
    const answer = await question.getByRole('button', { name: '仍然更改' }).boundingBox();
    expect(answer!.y + answer!.height).toBeLessThanOrEqual(768);
    await screenshot(page, 'time-zone-day-back-question');

    step('不改了：问题收起，时区不变');
    await settings.declineDayBack();
    expect((await preview.officeClock()).timeZone).toBe('Asia/Shanghai');
    expect(await page.locator('main.content').getByRole('status').filter({ hasText: '退回' }).count()).toBe(0);

    step('仍然更改：保存');
    await settings.setTimeZone('Asia/Urumqi');
    expect(await settings.confirmDayBack()).toContain('已保存');
    expect(await settings.dayBackQuestion().count()).toBe(0);
    expect((await preview.officeClock()).timeZone).toBe('Asia/Urumqi');
    await screenshot(page, 'time-zone-day-back-saved');
  });
});
