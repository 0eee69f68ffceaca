/**
 * 岗位与班次 › 修改岗位类型 at the office's 1366×768: a coordinator makes 入户排查组 a 卡点值守 while 李医生 (医务人员)
 * is planned on it on two days; the save stops and names him and the days, quoting the notice, with the answers in
 * sight; written with a reason it saves, and the post changed back to 入户排查 saves plainly. Its 岗位地点 box, noted
 * 「卡点值守岗位须填写」, sits on the line of 岗位 and 改为 (the note under it lifted it ~20 px above them).
 */
import { describe, expect, it } from 'vitest';
import { medicalWarningInSight, officeWithWorker, RotaPage } from './pages/rota-page';
import { screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';

describe('岗位与班次: a post’s kind changed on the screen', () => {
  const app = appForEachAttempt();

  it('入户排查 → 卡点值守 with a doctor planned on it: warned with who and which days, saved with the reason; and back', async () => {
    const { page, preview } = app;
    // Monday 10:00 in 郑州 (the test sets the core's clock itself: any hour CI runs it).
    const { xingfu } = await officeWithWorker(app, '2020-02-17T02:00:00.000Z', { name: '张伟' });
    const doctor = ((await preview.rpc('rota.staff.save', { name: '李医生', kind: 'medical', communityId: xingfu })) as { id: number }).id;
    const post = (
      (await preview.rpc('rota.posts.save', { communityId: xingfu, name: '入户排查组', kind: 'screening', requirements: [{ shiftId: 1, headcount: 1 }] })) as {
        id: number;
      }
    ).id;
    for (const day of ['2020-02-18', '2020-02-19']) await preview.rpc('rota.assign', { day, postId: post, shiftId: 1, staffId: doctor });
    const kindNow = async () => ((await preview.rpc('rota.posts.list', {})) as Array<{ id: number; kind: string }>).find((p) => p.id === post)!.kind;

    await page.setViewportSize({ width: 1366, height: 768 });
    await page.evaluate(() => (window.location.hash = '#/rota'));
    const rota = new RotaPage(page);
    await rota.tab('岗位与班次');
    const form = page.getByRole('form', { name: '修改岗位类型' });
    await form.getByLabel('岗位', { exact: true }).selectOption({ label: '幸福社区 入户排查组（入户排查）' });
    await form.getByLabel('改为').selectOption({ label: '卡点值守' });
    expect(await form.getByText('卡点值守岗位须填写').isVisible()).toBe(true);
    const tops = await form
      .locator('.field')
      .evaluateAll((fields) =>
        fields.map((f) => [f.querySelector('label')!.getBoundingClientRect().top, f.querySelector('input, select')!.getBoundingClientRect().top]),
      );
    expect(new Set(tops.map(([label]) => Math.round(label!))).size, `labels' tops ${JSON.stringify(tops)}`).toBe(1);
    expect(new Set(tops.map(([, box]) => Math.round(box!))).size, `boxes' tops ${JSON.stringify(tops)}`).toBe(1);
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'post-kind-location-in-line');
    await rota.changePostKind({ post: '幸福社区 入户排查组（入户排查）', kind: '卡点值守', location: '幸福小区南门' });
    const warning = rota.medicalWarning();
    const text = await medicalWarningInSight(page);
    expect(text).toContain('李医生 2020-02-18');
    expect(text).toContain('李医生 2020-02-19');
    expect(text).toContain('原则上不安排他们在卡点值守');
    await screenshot(page, 'post-kind-medical-warning');
    expect(await kindNow()).toBe('screening');

    await warning.getByLabel('破例安排的理由').fill('南门只剩李医生可排，已报街道');
    await warning.getByRole('button', { name: '写明理由并保存' }).click();
    await rota.message('status', '「入户排查组」的岗位类型：卡点值守');
    expect(await warning.count()).toBe(0);
    expect(await kindNow()).toBe('checkpoint');
    const roster = (await preview.rpc('rota.roster', { from: '2020-02-18', to: '2020-02-19' })) as {
      communities: Array<{ overrides: Array<{ reason: string }> }>;
    };
    expect(roster.communities.flatMap((c) => c.overrides.map((o) => o.reason))).toEqual(['南门只剩李医生可排，已报街道', '南门只剩李医生可排，已报街道']);
    await expect.poll(async () => (await page.getByRole('region', { name: '岗位列表' }).textContent()) ?? '').toContain('卡点值守');

    await rota.changePostKind({ post: '幸福社区 入户排查组（卡点值守）', kind: '入户排查' });
    await rota.message('status', '「入户排查组」的岗位类型：入户排查');
    expect(await kindNow()).toBe('screening');
    await screenshot(page, 'post-kind-changed-back');
  });
});
