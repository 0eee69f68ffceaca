import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OfficeClock } from '../../electron/core/auth/types.shared';
import { addDays, wallTimeIn } from '../../electron/core/dates.shared';
import { OUTPUT_DIR, screenshot } from './support/preview';
import { cutTexts } from './support/screen-audit';
import { appForEachAttempt, step } from './support/attempt';
import { FirstPasswordPage, ShellPage, UnlockPage, firstRunAsCoordinator } from './pages/auth-pages';
import { HonoursPage } from './pages/honours-page';
import { GridPage } from './pages/grid-page';
import { SettingsPage } from './pages/settings-page';

/** A datetime-local value on the office's wall clock, `hoursAgo` before the core's now. */
const wallInput = (clock: OfficeClock, hoursAgo: number): string => {
  const w = wallTimeIn(Date.parse(clock.now) - hoursAgo * 3_600_000, clock.timeZone);
  return `${w.day}T${w.time}`;
};

describe('honours: a death on duty, reported, commended, the family cared for, the record printed', () => {
  const app = appForEachAttempt();

  it('walks a coordinator through the whole record', async () => {
    const { page, preview } = app;
    step('首次使用，建立台账');
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
    // Dates come from the core's own clock (at any hour, and under CI's fixed 17:30 UTC), never a second computation.
    const clock = await preview.officeClock();
    const officeWall = (hoursAgo: number) => wallInput(clock, hoursAgo);
    const officeDay = (daysAhead = 0) => addDays(clock.today, daysAhead);

    step('登记牺牲人员并报告');

    const honours = new HonoursPage(page);
    await honours.open();
    await honours.recordDeath({
      name: '孙海燕',
      post: '专职社区工作者、第二网格网格员',
      diedAtLocal: officeWall(26),
      place: '和平社区第二网格卡点',
      cause: '突发疾病',
      circumstances: '连续二十余天坚守岗位，白天入户排查，夜间卡点值守。当日凌晨在卡点值守时突发疾病，经送医抢救无效，不幸去世。',
      deeds:
        '疫情发生后，她主动放弃春节休假，第一时间返回岗位，负责网格内六百余户居民的排查登记。\n她熟悉网格内每一位独居老人，在封闭管理期间为他们建立了联系卡。',
    });
    // The hours are the office's setting; the notice says 第一时间.
    const banner = await honours.reportingBanner();
    expect(banner).toContain('已超过本街道设置的 24 小时报告时限');
    expect(banner).toContain('通知要求第一时间报告');
    expect(await page.getByText('因社区防控工作牺牲').count()).toBeGreaterThan(0);

    await honours.logReport('党委', officeWall(25));
    await honours.logReport('政府', officeWall(25));
    const stillOverdue = await honours.reportingBanner();
    expect(stillOverdue).toContain('尚未报告：上级民政部门、上级卫生健康部门');
    await screenshot(page, 'honours-overdue-after-two-reports');

    await honours.logReport('上级民政部门', officeWall(1), '书面报告');
    await honours.logReport('上级卫生健康部门', officeWall(0.5), '书面报告');
    expect(await honours.reportingBanner()).toContain('上级卫生健康部门全部报告');
    expect(await honours.reportsTable().getByText('（超过时限）').count()).toBe(2);

    step('后续办理：工伤认定已申请，结论由有关部门作出');
    await honours.setStep('工伤认定', { status: '已申请', appliedOn: officeDay(), appliedTo: '区人力资源和社会保障局' });
    expect(await page.getByRole('form', { name: '工伤认定', exact: true }).textContent()).toContain('已申请');

    step('追授表彰与家属关怀');
    await honours.requestCommendation('抗击疫情先进个人（追授）', '东风街道党工委');
    await honours.submitCommendation(officeDay(), '区委、区人民政府');

    await honours.addFamilyMember('周文华', '配偶', '13803712345');
    await honours.addVisit({
      on: officeDay(),
      visitors: '街道党工委书记、社区党委书记',
      brought: '慰问金、生活用品',
      notes: '转达组织关怀，了解家庭困难。',
      nextOn: officeDay(7),
    });
    await honours.addDifficulty('就学', '女儿读初二，线上课程需要学习设备', '街道教育专干');
    expect(await honours.difficulty('就学').locator('p').first().textContent()).toContain('待解决');
    await honours.resolveDifficulty('就学', '协调区教育局配发学习平板，任课教师定期联系。');
    await screenshot(page, 'honours-memorial-record');

    // The list no longer flags it.
    await page.getByRole('button', { name: '返回名单' }).click();
    await page.getByRole('region', { name: '牺牲人员名单' }).getByText('已全部报告').waitFor();
    expect(await page.locator('.overdue-banner').count()).toBe(0);
    await screenshot(page, 'honours-memorial-list');

    step('打印事迹材料与表彰推荐审批表');
    // The record of deeds, printed to A4 PDF, read back and looked at.
    await honours.openPrint('#/print/honours-memorial?id=1', '孙海燕同志事迹材料');
    const pdf = join(OUTPUT_DIR, 'honours-memorial.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, format: 'A4', printBackground: false });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().replace(/\s+/g, '');
    for (const words of ['孙海燕同志事迹材料', '东风街道办事处', '牺牲经过', '主要事迹', '突发疾病', '抗击疫情先进个人']) expect(text).toContain(words);
    expect(text).not.toContain('周文华'); // the family's details stay off the printed page
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', pdf, join(OUTPUT_DIR, 'honours-memorial-page')]);

    await honours.openPrint('#/print/honours-commendation-form?id=1', '表彰推荐审批表');
    const form = join(OUTPUT_DIR, 'honours-commendation-form.pdf');
    await page.pdf({ path: form, format: 'A4' });
    const formText = execFileSync('pdftotext', ['-layout', form, '-']).toString().replace(/\s+/g, '');
    for (const words of ['表彰推荐审批表', '孙海燕（追授）', '拟授予称号', '审批机关', '（盖章）']) expect(formText).toContain(words);
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', form, join(OUTPUT_DIR, 'honours-commendation-form-page')]);
    await page.emulateMedia({ media: 'screen' });

    step('操作日志：统筹负责人打开加密保存的记录内容');
    await page.evaluate(`window.location.hash = '#/settings'`);
    await new ShellPage(page).open('设置');
    const opened = await new SettingsPage(page).revealAuditEntry('家属困难');
    const openedText = (await opened.textContent()) ?? '';
    for (const words of ['帮扶措施', '协调区教育局配发学习平板', '困难情况', '女儿读初二']) expect(openedText).toContain(words);
    expect(openedText).not.toContain('personal');
    // 办理状态 by its name, before and after (audit/code-labels.ts), never the stored code.
    for (const words of ['办理状态待解决', '办理状态已解决']) expect(openedText.replace(/\s+/g, '')).toContain(words);
    expect(openedText).not.toMatch(/\b(open|in_progress|resolved)\b/);
    // Looked at as a coordinator's screen shows it: 1366×768.
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'audit-reveal-memorial-difficulty');
    await page.setViewportSize({ width: 1366, height: 860 });

    step('只读查看账号看不到牺牲人员记录');
    // A viewer sees the commendations of the living, never the memorial records.
    await preview.rpc('users.create', { username: 'viewer', displayName: '陈志强', role: 'viewer', password: 'taizhang2020' });
    await page.evaluate(`window.location.hash = '#/honours'`);
    const shell = new ShellPage(page);
    await shell.lock();
    await new UnlockPage(page).unlock('viewer', 'taizhang2020');
    await new FirstPasswordPage(page).setOwn('taizhang2020', 'viewer-own-2020');
    await page.getByText('陈志强（只读查看）').waitFor();
    await honours.open();
    await page.getByRole('tab', { name: '表彰表扬' }).waitFor();
    expect(await page.getByRole('tab', { name: '牺牲人员' }).count()).toBe(0);
    // The missing tab is explained, with who to tell.
    expect(await page.getByRole('note', { name: '牺牲人员记录' }).textContent()).toContain('只有统筹负责人可以查看和登记');
    // 孙海燕's 追授 is the only commendation: the empty list says where it is, not that there is none (the list holds the living).
    await page.getByText('还没有在世集体和个人的表彰推荐。追授属于牺牲人员记录，只有统筹负责人可以查看，不列在这里。', { exact: true }).waitFor();
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'honours-viewer');
    await page.evaluate(`window.location.hash = '#/print/honours-memorial?id=1'`);
    await page.getByText('没有这个打印文档，或您的账号无权打印它。').waitFor();
  });

  it('at 1366×768 in late December: the list shows each 牺牲时间 whole, day and time', async () => {
    const { page, preview } = app;
    // Two-digit month and day make the longest time there is (「2020年12月27日 09:30」); the column once cut it to 「…日 0…」.
    await preview.setClock({ instant: '2020-12-28T02:00:00.000Z' });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
    const honours = new HonoursPage(page);
    await honours.open();
    await honours.recordDeath({
      name: '周建华',
      post: '社区卫生服务站医生',
      diedAtLocal: '2020-12-27T09:30',
      place: '幸福社区卫生服务站',
      cause: '突发疾病',
      circumstances: '连续值守后突发疾病。',
      deeds: '坚守发热筛查岗位。',
    });
    await page.getByRole('button', { name: '返回名单' }).click();
    const list = new GridPage(page, '牺牲人员名单');
    await list.region().getByText('2020年12月27日 09:30', { exact: true }).waitFor();
    expect(await list.cutCells()).toEqual([]);
    expect(await list.underPinnedRight()).toEqual([]);
    // Four wrapped columns (岗位职务, 报告情况…): no row's lines under the next (the 核验结果 grid's cut, session 24).
    expect(await cutTexts(list.region())).toEqual([]);
    // 牺牲时间 and 岗位职务 wrap: their lines at text spacing inside one row, not 31 px apart as if two rows.
    const lines = await list.wrappedLines();
    expect(lines.wrapped).toBeGreaterThan(0);
    expect(lines.problems).toEqual([]);
    await screenshot(page, 'honours-memorial-list-december-1366x768');
  });
});
