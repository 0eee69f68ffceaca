import { describe, expect, it } from 'vitest';
import { medicalWarningInSight, officeWithWorker, RotaPage, StaffRegisterPage } from './pages/rota-page';
import { screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';

describe('人员: recorded as 医务人员 while planned on a checkpoint, warned at the save', () => {
  const app = appForEachAttempt();

  it('a coordinator sets 张伟 to 医务人员; the save stops, quotes the notice, and keeps him on with the reason written', async () => {
    const { page, preview } = app;
    // Monday 10:00 in 郑州; 张伟 is planned on 北门卡点 tomorrow.
    const { xingfu, staffId } = await officeWithWorker(app, '2020-02-17T02:00:00.000Z', { name: '张伟' });
    const requirements = [{ shiftId: 1, headcount: 1 }];
    const post = (
      (await preview.rpc('rota.posts.save', { communityId: xingfu, name: '北门卡点', kind: 'checkpoint', location: '幸福小区北门', requirements })) as {
        id: number;
      }
    ).id;
    await preview.rpc('rota.assign', { day: '2020-02-18', postId: post, shiftId: 1, staffId });

    // The office PC's screen: the warning opens below 保存修改, and must come into sight with its ways on.
    await page.setViewportSize({ width: 1366, height: 768 });
    const staff = new StaffRegisterPage(page);
    const rota = new RotaPage(page);
    await staff.open('张伟');
    await staff.setKind('社区医生/医务人员');
    await staff.save();
    const warning = staff.medicalWarning();
    const text = await medicalWarningInSight(page);
    expect(text).toContain('张伟 2020-02-18');
    expect(text).toContain('通知要求「社区医务人员重点做好发热患者筛查分诊、医学观察人员健康监测与管理、疫情防控知识的宣传教育，原则上不安排他们在卡点值守」');
    await screenshot(page, 'staff-medical-checkpoint-warning');
    // Nothing was saved yet: the register still lists him as a community worker.
    expect(await staff.listText()).not.toContain('医务人员');

    await staff.keepWithReason('北门暂缺人手，张伟兼做体温复测');
    await rota.message('status', '已保存「张伟」的信息');
    expect(await warning.count()).toBe(0);
    const roster = (await preview.rpc('rota.roster', { from: '2020-02-18', to: '2020-02-18' })) as {
      communities: Array<{ overrides: Array<{ reason: string }> }>;
    };
    expect(roster.communities.flatMap((c) => c.overrides.map((o) => o.reason))).toEqual(['北门暂缺人手，张伟兼做体温复测']);
    await screenshot(page, 'staff-medical-checkpoint-saved');
  });
});
