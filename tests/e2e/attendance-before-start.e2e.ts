import { describe, expect, it } from 'vitest';
import { officeWithWorker, RotaPage } from './pages/rota-page';
import { screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';

/**
 * 出勤确认 at 10:00 (w66 walk W1): 「确认当天全部出勤」 confirms the 早班 that has begun and lists the 中班 16:00–24:00
 * back with when it begins; before, both were confirmed, and the pay sheet paid a shift nobody had worked yet.
 */
describe('出勤确认: a shift is confirmed once it has begun', () => {
  const app = appForEachAttempt();

  it('at 10:00 the 早班 is confirmed and the 中班 is listed back as 「16:00 才开始」', async () => {
    const { page, preview } = app;
    // Wednesday 19 February, 10:00 in 郑州.
    const { xingfu, staffId: zhang } = await officeWithWorker(app, '2020-02-19T02:00:00.000Z', { name: '张伟' });
    const li = ((await preview.rpc('rota.staff.save', { name: '李强', kind: 'community_worker', communityId: xingfu })) as { id: number }).id;
    const requirements = [
      { shiftId: 1, headcount: 1 },
      { shiftId: 2, headcount: 1 },
    ];
    const post = ((await preview.rpc('rota.posts.save', { communityId: xingfu, name: '入户排查组', kind: 'screening', requirements })) as { id: number }).id;
    await preview.rpc('rota.assign', { day: '2020-02-19', postId: post, shiftId: 1, staffId: zhang });
    await preview.rpc('rota.assign', { day: '2020-02-19', postId: post, shiftId: 2, staffId: li });

    const rota = new RotaPage(page);
    await page.evaluate(() => (window.location.hash = '#/rota'));
    await rota.tab('出勤确认');
    await rota.attendanceDay('2020-02-19');
    const region = page.getByRole('region', { name: '出勤确认' });
    // The 中班's row says when it begins instead of offering 「已出勤」, which the core refuses before 16:00 (w67 walk);
    // the 早班 begun at 08:00 is offered.
    const liPresent = region.getByRole('button', { name: /^李强 .+ 已出勤$/ });
    await region.getByRole('button', { name: /^张伟 .+ 已出勤$/ }).waitFor();
    expect(await liPresent.count()).toBe(0);
    expect(await region.getByText('16:00 才开始', { exact: true }).count()).toBe(1);
    await screenshot(page, 'attendance-before-start-rows');
    const said = await rota.confirmWholeDay();
    expect(said).toContain('已确认 1 班出勤');
    expect(said).toContain('李强（16:00 才开始）');
    await expect.poll(async () => (await region.getByRole('row').filter({ hasText: '张伟' }).textContent()) ?? '').toContain('已出勤');
    expect(await region.getByRole('row').filter({ hasText: '李强' }).textContent()).toContain('待确认');
    await screenshot(page, 'attendance-before-start');
  });
});
