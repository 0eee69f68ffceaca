import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN } from '../helpers/ledger';
import { ZIP_PASSWORD } from '../unit/export/fixture';
import { ShellPage, UnlockPage } from './pages/auth-pages';
import { ExportPage } from './pages/export-page';
import { OUTPUT_DIR, screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';
import { officeWithStick } from './support/office-with-stick';

/**
 * 生成上报包 asks which 定期报表 the package answers (io/export/report-answers.ts). Last week's 周五 report, its period
 * running to Sunday, sent late on Monday: before, it was taken for this week's, and 报送日历 read 已报送 for a report
 * that had not gone.
 */
describe('生成上报包: the coordinator sees and chooses which scheduled report a package answers', () => {
  const app = appForEachAttempt(
    // The 周五 report set up on Thursday 20 February.
    () =>
      officeWithStick({
        now: '2020-02-20T02:00:00.000Z',
        then: async (t) => {
          await t.call('export.schedules.save', {
            title: '重点人员周报',
            recipient: '区疫情防控指挥部',
            formIds: ['caseload-summary'],
            weekday: 4,
            dueTime: '17:00',
          });
        },
      }),
    // Monday 2 March, 10:00 in Beijing.
    ({ preview }) => preview.setClock({ instant: '2020-03-02T02:00:00.000Z' }),
  );

  async function openSubmit() {
    const { page, preview } = app;
    await page.goto(preview.url);
    await new UnlockPage(page).unlock(ADMIN.username, ADMIN.password);
    await page.getByText(`${ADMIN.displayName}（统筹负责人）`).waitFor();
    await new ShellPage(page).open('上报');
    return new ExportPage(page);
  }

  it('last week’s report sent late: suggested, shown and stored as last week’s; this week’s stays 本周待报', async () => {
    const { page, preview } = app;
    const ex = await openSubmit();
    await ex.setPeriod('2020-02-24', '2020-03-01');
    await ex.forms().getByText('人员排查管控情况汇总表', { exact: false }).first().waitFor();
    const choice = ex.answerChoice();
    await expect.poll(() => choice.getByRole('radio').count()).toBe(3);
    expect(await choice.textContent()).toContain('这个上报包对应哪一期定期报表');
    // The suggestion is visible as such, and is what is checked.
    expect(await ex.suggestedAnswer()).toContain('重点人员周报：应报日期 2020-02-28（周五 17:00，上周的，已逾期）');
    expect(await ex.checkedAnswer()).toContain('应报日期 2020-02-28');
    expect(await choice.textContent()).toContain('应报日期 2020-03-06（周五 17:00，本周待报）');
    expect(await choice.textContent()).toContain('不对应定期报表（临时报送）');
    await choice.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT_DIR, 'report-answer-choice-1366.png') });
    await ex.chooseDrive('KINGSTON');
    await ex.writePackage(ZIP_PASSWORD);

    await ex.tab('报送日历');
    const calendar = ex.grid('报送日历');
    await expect.poll(async () => (await calendar.getByRole('row').filter({ hasText: '重点人员周报' }).textContent()) ?? '').toContain('本周待报');
    await screenshot(page, 'report-answer-calendar');
    // 上报记录 says which report the package answered.
    await ex.tab('上报记录');
    await expect.poll(async () => (await ex.grid('上报记录').textContent()) ?? '').toContain('重点人员周报（应报 2020-02-28）');
    await screenshot(page, 'report-answer-log');

    // 17:30 UTC: 01:30 on Tuesday 3 March in Beijing. Last week's has gone; this week's is offered, 临时报送 chosen by hand.
    await preview.setClock({ instant: '2020-03-02T17:30:00.000Z' });
    await page.reload();
    await new UnlockPage(page).unlock(ADMIN.username, ADMIN.password);
    await new ShellPage(page).open('上报');
    await ex.setPeriod('2020-03-02', '2020-03-02');
    await expect.poll(() => ex.answerChoice().getByRole('radio').count()).toBe(2);
    expect(await ex.answerChoice().textContent()).not.toContain('2020-02-28');
    expect(await ex.suggestedAnswer()).toContain('应报日期 2020-03-06（周五 17:00，本周待报）');
    await ex.chooseAnswer('不对应定期报表（临时报送）');
    expect(await ex.checkedAnswer()).toContain('不对应定期报表（临时报送）');
    await ex.answerChoice().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT_DIR, 'report-answer-1730utc-1366.png') });
    await ex.chooseDrive('KINGSTON');
    await ex.writePackage(ZIP_PASSWORD);
    await ex.tab('报送日历');
    const row = ex.grid('报送日历').getByRole('row').filter({ hasText: '重点人员周报' });
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('本周待报');
    // Started from the calendar: the report is named, not asked. Last week's period went already: its 更正 cannot answer it.
    await row.getByRole('button', { name: '去上报' }).click();
    await expect.poll(async () => (await page.getByRole('alert', { name: '对应定期报表' }).textContent()) ?? '').toContain('请改选统计期间');
    await ex.setPeriod('2020-03-02', '2020-03-03');
    await expect
      .poll(async () => (await page.getByLabel('对应定期报表').textContent()) ?? '')
      .toContain('从报送日历开始：这个上报包对应「重点人员周报」（应报日期 2020-03-06）');
    expect(await ex.answerChoice().count()).toBe(0);
  });
});
