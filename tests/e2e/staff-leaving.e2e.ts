import { describe, expect, it } from 'vitest';
import { officeWithWorker, RotaPage, StaffRegisterPage } from './pages/rota-page';
import { screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';

describe('人员: 不在岗 from the day the person really left', () => {
  const app = appForEachAttempt();

  it('a coordinator records on the 20th that 李强 left on the 18th; 出勤确认 then holds back the 18th and 19th', async () => {
    const { page, preview } = app;
    // Thursday 18:00 in 郑州.
    const { xingfu, staffId: li } = await officeWithWorker(app, '2020-02-20T10:00:00.000Z', { name: '李强' });
    const requirements = [{ shiftId: 1, headcount: 1 }];
    const post = ((await preview.rpc('rota.posts.save', { communityId: xingfu, name: '入户排查组', kind: 'screening', requirements })) as { id: number }).id;
    const shifts: number[] = [];
    for (const day of ['2020-02-17', '2020-02-18', '2020-02-19', '2020-02-20'])
      shifts.push(((await preview.rpc('rota.assign', { day, postId: post, shiftId: 1, staffId: li })) as { id: number }).id);
    // The 17th was worked and confirmed.
    await preview.rpc('rota.attendance.confirm', { entries: [{ assignmentId: shifts[0], status: 'present' }] });

    const staff = new StaffRegisterPage(page);
    const rota = new RotaPage(page);
    await staff.open('李强');
    // The form offers today; a day on or before the confirmed 17th is refused, naming the field.
    expect(await staff.setOffDuty()).toBe('2020-02-20');
    await staff.offDutyFrom('2020-02-17');
    await staff.save();
    expect(await rota.message('alert', '不在岗日期')).toContain('「不在岗日期」应晚于已确认出勤的 2020-02-17');
    await staff.offDutyFrom('2020-02-18');
    await staff.save();
    await rota.message('status', '已保存「李强」的信息');
    await expect.poll(() => staff.listText()).toContain('不在岗（2020-02-18 起）');
    await screenshot(page, 'staff-off-duty-from');

    // 出勤确认: the 19th is held back (人员不在岗); the 17th stays 已出勤.
    await page.evaluate(() => (window.location.hash = '#/rota'));
    await rota.tab('出勤确认');
    await rota.attendanceDay('2020-02-19');
    await expect.poll(() => page.getByRole('region', { name: '出勤确认' }).getByText('人员不在岗').count()).toBe(1);
    await rota.attendanceDay('2020-02-17');
    await expect.poll(() => page.getByRole('region', { name: '出勤确认' }).getByText('已出勤').count()).toBe(1);
  });
});
