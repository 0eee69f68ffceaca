/**
 * The case drawer at 1366×768, as a tired coordinator uses it (w68 walk): an observed person's 每日健康监测 form in
 * sight as the drawer opens, not below 办理, 包保责任人 and 作废; a 37.8 recorded there says it waits in 今日随访's
 * 「体温/症状异常」 and the form offers the next day owed, empty; the hospital typed in 「原因 / 结果说明」 for 已到达医疗机构 is kept in 办理记录, and the box is
 * empty again for the next step (it had become the next step's 结果说明); a phone typed there reaches the viewer masked.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../electron/core/demo/build-demo';
import { ShellPage, UnlockPage } from './pages/auth-pages';
import { CaseloadPage, TodayPage } from './pages/caseload-page';
import { WalkPage } from './pages/walk-page';
import { step } from './support/attempt';
import { demoLedgerForEachAttempt } from './support/demo-ledger';
import { screenshot } from './support/preview';

const NOW = '2020-02-17T02:00:00.000Z'; // 10:00 in 郑州, a Monday
const SCREEN = { width: 1366, height: 768 };

describe('the case drawer at 1366×768, from a fever to the hospital', () => {
  const app = demoLedgerForEachAttempt(NOW, 500, SCREEN);

  it('shows the day’s check form as it opens, says where a fever goes next, and keeps the hospital typed for 已到达医疗机构', async () => {
    const { page } = app;
    const coordinator = DEMO_USERS[0];
    await new UnlockPage(page).unlock(coordinator.username, coordinator.password);
    await page.getByText(`${coordinator.displayName}（统筹负责人）`).waitFor();
    const walk = new WalkPage(page);
    const today = new TodayPage(page);
    const cases = new CaseloadPage(page);

    const who = await step('今日待监测的第一人', async () => {
      await walk.openScreen('今日随访');
      return (await today.names('今日待监测'))[0]!;
    });

    const drawer = await step('打开此人的观察个案', async () => {
      await walk.openScreen('人员台账');
      await cases.search(who);
      await page.getByLabel('只看观察期内').check();
      await page.getByRole('button', { name: '查询' }).click();
      return cases.openCase(who);
    });
    const form = drawer.getByRole('form', { name: `${who}的健康监测` });
    await step('登记监测 in sight without scrolling', async () => {
      const box = (await form.getByRole('button', { name: '登记监测' }).boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(SCREEN.height);
      expect(await drawer.evaluate((el) => el.scrollTop)).toBe(0);
      // No table of headings over nothing: a person not yet checked is said in words.
      expect(await drawer.locator('table').evaluateAll((ts) => ts.filter((t) => t.querySelectorAll('tbody tr').length === 0).length)).toBe(0);
      await screenshot(page, 'case-drawer-check-in-sight');
    });

    await step('37.8 recorded in the drawer', async () => {
      const recorded = await form.getByLabel(`${who} 监测日期`).inputValue();
      await form.getByLabel(`${who} 体温`).fill('37.8');
      await form.getByRole('button', { name: '登记监测' }).click();
      await drawer.getByRole('status').filter({ hasText: '体温/症状异常，已列入今日随访的「体温/症状异常」，请转发热分诊或排除' }).waitFor();
      // The form offers the next day owed, empty: not the day just recorded with its 37.8 (a second press was refused as 重复登记).
      await expect.poll(() => form.getByLabel(`${who} 监测日期`).inputValue()).not.toBe(recorded);
      expect(await form.getByLabel(`${who} 体温`).inputValue()).toBe('');
      // …and what was said stays said once the new form is there (the form's own line went with the old form).
      expect(
        await drawer
          .getByRole('status')
          .filter({ hasText: `已登记${who} ${recorded} 的健康监测；体温/症状异常` })
          .count(),
      ).toBe(1);
      await screenshot(page, 'case-drawer-fever-said');
    });

    const referral = await step('转发热分诊 on 今日随访, then the referral’s drawer', async () => {
      await walk.openScreen('今日随访');
      await today.escalate(who);
      await walk.openScreen('人员台账');
      await cases.filterByCategory('发热筛查分诊');
      return cases.openCase(who);
    });

    await step('已到达医疗机构 with the hospital', async () => {
      const words = referral.getByLabel('原因 / 结果说明');
      expect(await words.getAttribute('placeholder')).toBe('如：到达的医院、时间；办结时写明结果');
      await words.fill('区人民医院发热门诊，家属电话 13803711002');
      await referral.getByRole('button', { name: '改为「已到达医疗机构」' }).click();
      await referral.getByRole('status').filter({ hasText: '已改为「已到达医疗机构」' }).waitFor();
      await referral.getByText('状态：已转诊待到达 → 已到达医疗机构（区人民医院发热门诊，家属电话 13803711002）').waitFor();
      expect(await words.inputValue()).toBe('');
      await screenshot(page, 'case-drawer-referral-arrived');
    });

    await step('只读查看：办理记录里的电话打码', async () => {
      // A phone typed into free text reaches a viewer masked, by the core (router.ts, people/free-text-mask.ts).
      await new ShellPage(page).lock();
      const viewer = DEMO_USERS[2];
      await new UnlockPage(page).unlock(viewer.username, viewer.password);
      await page.getByText(`${viewer.displayName}（只读查看）`).waitFor();
      await walk.openScreen('人员台账');
      await cases.filterByCategory('发热筛查分诊');
      const seen = await cases.openCase(who);
      await seen.getByText('状态：已转诊待到达 → 已到达医疗机构（区人民医院发热门诊，家属电话 138****1002）').waitFor();
      expect(await seen.getByText('13803711002').count()).toBe(0);
      await screenshot(page, 'case-drawer-viewer-masked');
    });
  });
});
