/**
 * S49-A6 on the screen (session 50): a staff row changed outside the program (王芳 renamed 「王方」 offline with viewer1's
 * key, tests/helpers/attacker.ts), then the coordinator's 自动排班 on 排班日历. 排班结果 says in words who was held off and
 * why; the calendar (人员 × 日期) marks her days 「记录被改动」; 安排值守 putting her on a shift by hand is refused in the
 * block reason's words. This is the coordinator's window: a viewer's holds no key and cannot check a row, so its calendar
 * marks nothing (tests/unit/rota/damaged-staff-by-hand.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { openAsViewerOffline } from '../helpers/attacker';
import { ADMIN } from '../helpers/ledger';
import { UnlockPage } from './pages/auth-pages';
import { RotaPage } from './pages/rota-page';
import { WalkPage } from './pages/walk-page';
import { preparedLedgerForEachAttempt } from './support/prepared-ledger';
import { screenshot } from './support/preview';

describe('自动排班 with a staff row changed outside the program', () => {
  const app = preparedLedgerForEachAttempt({
    withLedger: async (t) => {
      const c = (await t.call('org.communities.save', { name: '幸福社区' })).id;
      const day = (await t.call('rota.shifts.list', {}))[0]!.id;
      await t.call('rota.posts.save', { communityId: c, name: '入户排查组', kind: 'screening', requirements: [{ shiftId: day, headcount: 1 }] });
      for (const name of ['张伟', '王芳', '刘洋']) await t.call('rota.staff.save', { name, kind: 'community_worker', communityId: c, phone: '13900000000' });
      await t.sessionAs('viewer', 'viewer1');
    },
    thenClosed: ({ dataDir }) => {
      const d = openAsViewerOffline(dataDir);
      d.prepare(`UPDATE staff SET name = '王方' WHERE name = '王芳'`).run();
      d.close();
    },
  });

  it('排班结果 names 王方 as held off, the calendar marks her days, and a shift by hand for her is refused', async () => {
    const { page, preview } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    // Monday 17 February 2020, 10:00 in Beijing: the week shown is the ledger's first.
    await preview.setClock({ instant: '2020-02-17T02:00:00.000Z' });
    await page.goto(preview.url);
    await new UnlockPage(page).unlock(ADMIN.username, ADMIN.password);
    await page.getByText(`${ADMIN.displayName}（统筹负责人）`).waitFor();
    await new WalkPage(page).openScreen('排班');
    const rota = new RotaPage(page);
    await rota.tab('排班日历');
    // The line above the calendar does not say all is well (not the green 完成), and the held-off line is a warning.
    const headline = await rota.generate();
    expect(headline).toMatch(/^自动排班完成，但有 1 人因人员记录被改动未安排（见下方排班结果）：应排 7 人次，已排 \d 人次$/);
    expect(await page.getByRole('status').filter({ hasText: '自动排班完成' }).getAttribute('class')).toBe('info');
    const line = await rota.message('alert', '自动排班没有安排此人');
    expect(line).toBe('「王方」的人员记录在本程序之外被改动过，自动排班没有安排此人。姓名或号码可能已被换过，请从备份恢复，并在「审计日志」中查看。');
    expect(await page.getByRole('alert').filter({ hasText: '自动排班没有安排此人' }).getAttribute('class')).toBe('notice');
    await screenshot(page, 'rota-held-off-summary');

    await page.getByLabel('视图').selectOption({ label: '人员 × 日期' });
    const row = rota.calendar().locator('.ag-row').filter({ hasText: '王方' });
    await expect.poll(() => row.locator('.rota-away').filter({ hasText: '记录被改动' }).count()).toBe(7);
    await screenshot(page, 'rota-held-off-calendar');

    await rota.assign({ day: '2020-02-18', post: '幸福社区 入户排查组', shift: '早班 08:00–16:00', staff: '王方' });
    const refused = await rota.message('alert', '不能排在');
    expect(refused).toContain('「王方」不能排在 2020-02-18');
    expect(refused).toContain('人员记录在本程序之外被改动过（姓名或号码不可信，请从备份恢复）');
    await screenshot(page, 'rota-held-off-assign');
  });
});
