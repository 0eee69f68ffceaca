/**
 * 自动排班's progress and 取消 as the coordinator sees them, on an office big enough that the plan takes seconds
 * (400 staff, 80 posts, 5 per shift, four weeks; 40 posts let a quiet run finish before the click reached 取消 once): the progress line names the phase while it plans on its own thread,
 * 取消 stops it mid-plan, the screen says nothing was changed (as information, not in an error's red: session 45), and the
 * calendar has no shift in it (S43-A3, session 44).
 */
import { describe, expect, it } from 'vitest';
import type { Calendar } from '../../electron/core/rota/types.shared';
import { ADMIN } from '../helpers/ledger';
import { makeOffice } from '../helpers/rota-office';
import { UnlockPage } from './pages/auth-pages';
import { RotaPage } from './pages/rota-page';
import { WalkPage } from './pages/walk-page';
import { preparedLedgerForEachAttempt } from './support/prepared-ledger';
import { screenshot } from './support/preview';

/** `#b3261e` as getComputedStyle writes a colour: `rgb(179, 38, 30)`. */
const hexToRgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

describe('自动排班 on a big office: progress, and 取消 mid-plan', () => {
  const app = preparedLedgerForEachAttempt({
    withLedger: (t) =>
      makeOffice(
        async (channel, input) => {
          const r = await t.raw(channel, input);
          if (r.ok !== true) throw new Error(`${channel}: ${JSON.stringify(r)}`);
          return r.value;
        },
        { staff: 400, posts: 80, perShift: 5 },
      ),
  });

  it('shows the planning phase with 取消; 取消 stops it and nothing is written', async () => {
    const { page, preview } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    await new UnlockPage(page).unlock(ADMIN.username, ADMIN.password);
    await page.getByText(`${ADMIN.displayName}（统筹负责人）`).waitFor();
    const walk = new WalkPage(page);
    await walk.openScreen('排班');
    await new RotaPage(page).tab('排班日历');
    await page.getByLabel('范围').selectOption({ label: '按月（四周）' });
    // Four weeks chosen on a grid drawn for a week: the days shown are whole, none cut to 「12-0…」 (session 45).
    await expect
      .poll(() =>
        page.locator('.ag-header-cell-text').evaluateAll((els) =>
          els
            .filter((e) => /周/.test(e.textContent ?? '') && e.getBoundingClientRect().right <= window.innerWidth)
            .filter((e) => e.scrollWidth > e.clientWidth + 1)
            .map((e) => e.textContent),
        ),
      )
      .toEqual([]);
    const [from, to] = ((await page.getByLabel('当前期间').textContent()) ?? '').split('至').map((s) => s.trim()) as [string, string];

    await page.getByRole('button', { name: '自动排班', exact: true }).click();
    const progress = page.getByRole('status', { name: '自动排班进度' });
    // The plan is under way on its thread once the line says 排班（done/total）.
    await progress.filter({ hasText: /^排班（\d+\/\d+）/ }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'rota-cancel-planning');
    await progress.getByRole('button', { name: '取消自动排班' }).click();
    // A cancel the user asked for is said as information, in the ink's colour: not an alert, not the errors' red.
    const said = page.getByRole('status').filter({ hasText: '已取消自动排班，什么也没有改动。' });
    await said.waitFor({ timeout: 60_000 });
    expect(await page.getByRole('alert').filter({ hasText: '已取消自动排班' }).count()).toBe(0);
    expect(await said.getAttribute('class')).not.toContain('error');
    const red = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim());
    expect(await said.evaluate((e) => getComputedStyle(e).color)).not.toBe(hexToRgb(red));
    await expect.poll(() => progress.count()).toBe(0);
    expect(await page.getByRole('button', { name: '自动排班', exact: true }).isEnabled()).toBe(true);
    expect(((await preview.rpc('rota.calendar', { from, to })) as Calendar).assignments).toEqual([]);
    await screenshot(page, 'rota-cancel-cancelled');
  });
});
