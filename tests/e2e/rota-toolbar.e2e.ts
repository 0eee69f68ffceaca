/**
 * 排班日历 at 1366×768 on the demo ledger, as the coordinator, a clerk and a viewer: every row of controls above the
 * calendar stays one line (what the calendar shows; what can be done with it; 发布排班 for four weeks; 安排值守), and
 * in the four-week view a name chip with its × stays one line (at 110 px a column broke it in two and the row's
 * height cut the second name). Nothing cut, no English (auditScreen). Screenshots test-output/rota-toolbar-*.png.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../electron/core/demo/build-demo';
import { ShellPage, UnlockPage } from './pages/auth-pages';
import { RotaPage } from './pages/rota-page';
import { WalkPage } from './pages/walk-page';
import { demoLedgerForEachAttempt } from './support/demo-ledger';
import { step } from './support/attempt';
import { auditScreen } from './support/screen-audit';
import { screenshot } from './support/preview';

describe('排班日历’s controls at 1366×768: one line each, by role', () => {
  const app = demoLedgerForEachAttempt('2020-02-17T02:00:00.000Z', 100, { width: 1366, height: 768 });

  it('coordinator (week, four weeks of one community), clerk and viewer', async () => {
    const { page } = app;
    const walk = new WalkPage(page);
    const rota = new RotaPage(page);
    const look = async (slug: string, toolbars: string[]) => {
      await walk.settle();
      const layout = await rota.calendarLayout();
      expect(layout.toolbars.map((t) => t.label)).toEqual(toolbars);
      expect(layout.toolbars.filter((t) => t.lines > 1)).toEqual([]);
      expect(layout.tallestChip).toBeGreaterThan(0);
      expect(layout.tallestChip).toBeLessThan(30);
      expect(await auditScreen(page)).toEqual([]);
      await screenshot(page, `rota-toolbar-${slug}`);
    };
    for (const [i, slug] of [
      [0, 'coordinator'],
      [1, 'clerk'],
      [2, 'viewer'],
    ] as const) {
      const user = DEMO_USERS[i];
      step(`${user.displayName}（${slug}）的排班日历`);
      await new UnlockPage(page).unlock(user.username, user.password);
      await page.getByText(`${user.displayName}（`).first().waitFor();
      await walk.openScreen('排班');
      await rota.tab('排班日历');
      const rows = { coordinator: ['日历显示', '排班操作', '安排值守'], clerk: ['日历显示', '排班操作', '安排值守'], viewer: ['日历显示'] }[slug];
      await look(`${slug}-week`, rows);
      await page.getByLabel('范围').selectOption({ label: '按月（四周）' });
      await rota.chooseCommunity('幸福社区');
      await look(`${slug}-four-weeks`, slug === 'coordinator' ? ['日历显示', '排班操作', '发布排班', '安排值守'] : rows);
      await new ShellPage(page).lock();
    }
  });
});
