import { describe, expect, it } from 'vitest';
import { officeWithWorker, RotaPage } from './pages/rota-page';
import { screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';

describe('rota settings: shifts, rules, rates, adjustments and publishing, through the screens', () => {
  const app = appForEachAttempt();

  it('a coordinator tightens a rule, changes a rate and sees the calendar and the allowances follow', async () => {
    const { page, preview } = app;
    // Wednesday 18:00 in 郑州.
    const { xingfu, staffId: zhang } = await officeWithWorker(app, '2020-02-19T10:00:00.000Z', { name: '张伟', phone: '13900000001' });
    // No post yet: the calendar says where posts are set, and offers no 自动排班 or 安排 that would have nothing to work on.
    const rota = new RotaPage(page);
    await page.evaluate(() => (window.location.hash = '#/rota'));
    await rota.calendar().getByText('还没有岗位。先在「岗位与班次」设好各社区的岗位和每班人数').waitFor();
    expect(await page.getByRole('button', { name: /^(自动排班|安排)$/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '打印轮班表' }).count()).toBe(0);
    await screenshot(page, 'rota-settings-no-posts');

    const post = (
      (await preview.rpc('rota.posts.save', {
        communityId: xingfu,
        name: '北门卡点',
        kind: 'checkpoint',
        location: '幸福小区北门',
        requirements: [{ shiftId: 1, headcount: 1 }],
      })) as { id: number }
    ).id;
    for (const day of ['2020-02-17', '2020-02-18', '2020-02-19']) await preview.rpc('rota.assign', { day, postId: post, shiftId: 1, staffId: zhang });

    // The week of 17 February in 幸福社区, straight from the URL (as 工作台 links here).
    await page.evaluate((c) => (window.location.hash = `#/rota?from=2020-02-19&communityId=${c}`), xingfu);
    await expect.poll(async () => (await page.getByLabel('当前期间').textContent()) ?? '').toBe('2020-02-17 至 2020-02-23');
    await expect.poll(() => rota.calendar().getByText('张伟').count()).toBe(3);
    expect(await rota.calendar().getByText('已连续工作').count()).toBe(0);

    // 班次: a new template appears in the list and in the post form.
    await rota.tab('岗位与班次');
    await rota.addShift({ name: '机动班 09:00–17:00', start: '09:00', end: '17:00' });
    await expect.poll(() => page.getByRole('region', { name: '班次列表' }).getByText('机动班 09:00–17:00').count()).toBe(1);
    expect(await page.getByRole('region', { name: '班次列表' }).getByText('17:00', { exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByRole('form', { name: '新增岗位' }).getByLabel('机动班 09:00–17:00').count()).toBe(1);
    // A night across midnight (a checkpoint kept in two 12-hour shifts): said as it is typed, listed ending 次日.
    const newShift = page.getByRole('form', { name: '新增班次' });
    await newShift.getByLabel('开始时间').fill('20:00');
    await newShift.getByLabel('结束时间').fill('08:00');
    expect(await newShift.getByRole('note', { name: '跨零点' }).textContent()).toBe('次日结束，算作开始那天的一班');
    await rota.addShift({ name: '卡口夜班', start: '20:00', end: '08:00' });
    await expect.poll(() => page.getByRole('region', { name: '班次列表' }).getByText('次日 08:00', { exact: true }).count()).toBe(1);
    await screenshot(page, 'rota-settings-night-shift');

    // 规则: at most 2 days in a row; the third day is now marked in the calendar.
    await rota.tab('排班规则');
    await rota.saveRules({ maxConsecutiveDays: 2 });
    await screenshot(page, 'rota-settings-rules');
    // The notice's two rules stand apart from the office's own numbers.
    const noticeRules = (await page.getByRole('region', { name: '通知的要求' }).textContent()) ?? '';
    expect(noticeRules).toContain('合理安排社区工作者轮休');
    expect(noticeRules).toContain('原则上不安排他们在卡点值守');
    expect(await page.getByText('通知没有规定具体天数或小时数').count()).toBe(1);
    const wrong = page.getByRole('form', { name: '本街道的排班设置' });
    await wrong.getByLabel('每 7 天至少轮休（天）').fill('0');
    await wrong.getByLabel('最多连续工作（天）').fill('7');
    await wrong.getByRole('button', { name: '保存规则' }).click();
    expect(await rota.message('alert', '最多连续工作天数')).toContain('不能超过 6');
    await rota.tab('排班日历');
    await expect.poll(() => rota.calendar().getByText('已连续工作 2 天').count()).toBeGreaterThan(0);

    // 发布: the published week is left alone by 自动排班.
    await page.getByRole('button', { name: '发布 02-17 起一周' }).click();
    await rota.message('status', '已发布 2020-02-17 起一周');
    await expect.poll(() => page.getByRole('group', { name: '发布排班' }).getByText('已发布').count()).toBe(1);
    expect(await rota.generate()).toContain('已排');
    await page.getByRole('region', { name: '排班结果' }).getByText('已发布的 1 个社区周未改动').waitFor();
    expect(await rota.calendar().getByText('张伟').count()).toBe(3);
    await screenshot(page, 'rota-settings-published');

    // 补助: no rate until the office sets one, and nothing paid on the plan alone.
    await rota.tab('补助');
    await rota.allowancePeriod('2020-02-17', '2020-02-23');
    await expect.poll(() => rota.allowanceTotal()).toBe('合计：0.00 元');
    expect(await page.getByRole('region', { name: '补助标准' }).getByText('未设补助标准').count()).toBeGreaterThan(0);
    // Half days: the panel says how a day is counted and how to pay half days (rota README 「半天」).
    expect(await page.getByText('当天上了任一班次即算一天').textContent()).toContain('计发方式选「按班次」，标准填半天的金额');
    const form = page.getByRole('form', { name: '修改补助标准' });
    await form.getByLabel('人员类别').selectOption({ label: '志愿者' });
    await form.getByLabel('补助项目').fill('临时性工作补助');
    await form.getByLabel('补助标准（元）').fill('50');
    await form.getByRole('button', { name: '保存补助标准' }).click();
    expect(await rota.message('alert', '补助项目')).toContain('专职社区工作者');
    await rota.saveRate({ kind: '专职社区工作者', label: '临时性工作补助', basis: '按出勤天数', yuan: '150' });
    await expect.poll(() => page.getByRole('region', { name: '补助标准' }).getByText('150.00').count()).toBe(1);
    expect(await rota.allowanceTotal()).toBe('合计：0.00 元');
    await expect
      .poll(async () => (await page.getByRole('note').filter({ hasText: '按已确认的出勤计发' }).textContent()) ?? '')
      .toContain('本期还有 3 班排班未确认出勤');

    // 出勤确认: the 17th in one go, the 18th missed, the 19th worked.
    await rota.tab('出勤确认');
    await rota.attendanceDay('2020-02-17');
    expect(await rota.confirmWholeDay()).toContain('已确认 1 班出勤');
    await rota.attendanceDay('2020-02-18');
    await rota.markAttendance('张伟', '缺勤');
    await rota.attendanceDay('2020-02-19');
    await rota.markAttendance('张伟', '已出勤');
    await expect.poll(() => page.getByRole('region', { name: '出勤确认' }).getByText('已出勤').count()).toBe(1);
    await screenshot(page, 'rota-attendance');

    // Paid on two confirmed days at 150 元, then 20 元 deducted with a reason.
    await rota.tab('补助');
    await rota.allowancePeriod('2020-02-17', '2020-02-23');
    await expect.poll(() => rota.allowanceTotal()).toBe('合计：300.00 元');
    await rota.adjust({ staff: '张伟（幸福社区）', day: '2020-02-18', yuan: '-20', reason: '2月18日迟到半天' });
    await rota.message('status', '已为张伟调整补助');
    await expect.poll(() => rota.allowanceTotal()).toBe('合计：280.00 元');
    // ag-grid draws the new row's cells a frame after the total changes: wait for the reason, do not read it once.
    await expect.poll(() => page.getByRole('region', { name: '补助计算' }).getByText('2月18日迟到半天').count()).toBe(1);
    await screenshot(page, 'rota-settings-allowances');
    // The standard raised from the 19th (执行日期, 本街道的设置): the 17th stays at 150 元, the 19th is paid 200 元.
    await rota.saveRate({ kind: '专职社区工作者', label: '临时性工作补助', basis: '按出勤天数', yuan: '200', from: '2020-02-19' });
    await expect.poll(() => rota.allowanceTotal()).toBe('合计：330.00 元');
    await page.getByRole('region', { name: '此前的补助标准' }).getByText('专职社区工作者：至 2020-02-18 临时性工作补助 150.00 元/天').waitFor();
    const standard = '2020-02-17至2020-02-18 150 元/天；2020-02-19至2020-02-23 200 元/天';
    await expect.poll(() => page.getByRole('region', { name: '补助计算' }).getByText(standard).count()).toBe(1);
    await screenshot(page, 'rota-settings-rate-change');
    await page.getByRole('region', { name: '补助计算' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'rota-settings-rate-change-pay');
    // A standard announced today for the 21st (执行日期 still to come): today is still paid 200 元, and 补助标准 says
    // which is paid today and which is not yet in force.
    await rota.saveRate({ kind: '专职社区工作者', label: '临时性工作补助', basis: '按出勤天数', yuan: '250', from: '2020-02-21' });
    await page.getByText('2020-02-21 起（尚未执行）').waitFor();
    await page.getByRole('region', { name: '此前的补助标准' }).getByText('专职社区工作者：至 2020-02-20 临时性工作补助 200.00 元/天（今日执行）').waitFor();
    const announced = '2020-02-17至2020-02-18 150 元/天；2020-02-19至2020-02-20 200 元/天';
    await expect.poll(() => page.getByRole('region', { name: '补助计算' }).getByText(announced).count()).toBe(1);
    expect(await rota.allowanceTotal()).toBe('合计：330.00 元');
    await page.getByText('2020-02-21 起（尚未执行）').scrollIntoViewIfNeeded();
    await screenshot(page, 'rota-settings-rate-announced');

    // 人员: an existing person is edited (cover added), assessed 需关注 with a follow-up today, which 今日随访 lists.
    await page.evaluate(() => (window.location.hash = '#/staff'));
    await page.getByRole('region', { name: '人员列表' }).getByText('张伟').click();
    const edit = page.getByRole('form', { name: '修改人员信息' });
    await edit.getByLabel('专属保险承保公司').fill('中国人寿');
    await edit.getByLabel('保险起始日').fill('2020-02-01');
    await edit.getByLabel('保险截止日').fill('2020-02-28');
    await edit.getByRole('button', { name: '保存修改' }).click();
    await rota.message('status', '已保存「张伟」的信息');
    await expect.poll(() => page.getByRole('region', { name: '即将到期名单' }).getByText('张伟').count()).toBe(1);
    const assess = page.getByRole('form', { name: '心理健康评估' });
    await assess.getByLabel('评估结果').selectOption({ label: '需关注' });
    await assess.getByLabel('随访日期').fill('2020-02-19');
    await assess.getByRole('button', { name: '记录评估' }).click();
    await rota.message('status', '已记录张伟的心理健康评估：需关注');
    await screenshot(page, 'staff-register');
    // Their dependants: a care case is opened from this record (入户登记, 照料缘由 already chosen).
    await page.getByRole('link', { name: '为张伟的家属登记照料个案' }).click();
    await page.getByRole('status').filter({ hasText: '为张伟（参加疫情防控一线工作）的家属登记照料个案' }).waitFor();
    await page.evaluate(() => (window.location.hash = '#/today'));
    await page.getByText('心理健康随访：张伟').waitFor();
  });
});
