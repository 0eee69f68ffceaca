/**
 * 工作台 at 1366×768: under 体温/症状异常待处置 the line 「已转诊待到达 N 人」 (发热筛查分诊 cases sent to a fever clinic, not yet
 * arrived), and its link's grid lists exactly those N cases: for the office (two; an arrived, a closed and a voided
 * referral are not among them) and for one community (one). The 今天要办 tiles stay within the first 768 px.
 */
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/core/people/id-number';
import { ADMIN } from '../helpers/ledger';
import { UnlockPage } from './pages/auth-pages';
import { DashboardPage } from './pages/dashboard-page';
import { preparedLedgerForEachAttempt } from './support/prepared-ledger';
import { screenshot } from './support/preview';

describe('工作台: 已转诊待到达 and the grid its link opens', () => {
  const app = preparedLedgerForEachAttempt({
    withLedger: async (t) => {
      const xingfu = (await t.call('org.communities.save', { name: '幸福社区' })).id;
      const heping = (await t.call('org.communities.save', { name: '和平社区' })).id;
      const referred = async (name: string, n: number, communityId: number) => {
        const h = await t.call('households.save', { communityId, addressText: `${name}家` });
        const r = await t.call('residents.save', { householdId: h.id, name, idNumber: makeIdNumber('410102', '1980-01-01', 100 + n * 10) });
        const obs = await t.call('cases.open', { residentId: r.id, category: 'home_observation', obsStartOn: '2020-02-15', openedOn: '2020-02-15' });
        const fever = await t.call('checks.record', { caseId: obs.id, checkDate: '2020-02-17', temperature: 38.3, method: 'phone', checkedBy: '刘晓燕' });
        return (await t.call('checks.escalate', { checkId: fever.check.id })).id;
      };
      await referred('赵一', 1, xingfu);
      await referred('钱二', 2, heping);
      await t.call('cases.transition', { caseId: await referred('孙三', 3, xingfu), to: 'arrived', reason: '区人民医院发热门诊' });
      await t.call('cases.transition', { caseId: await referred('李四', 4, xingfu), to: 'closed', reason: '排除' });
      await t.call('cases.void', { caseId: await referred('周五', 5, heping), kind: 'mistake' });
    },
  });

  it('says 已转诊待到达 2 人 for the office and 1 for 和平社区, and each link opens a grid of exactly those', async () => {
    const { page, preview } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await preview.setClock({ instant: '2020-02-17T02:00:00.000Z' });
    await page.goto(preview.url);
    await new UnlockPage(page).unlock(ADMIN.username, ADMIN.password);
    const dash = new DashboardPage(page);
    await dash.waitFor();
    const tile = dash.tile('体温/症状异常待处置');
    const link = tile.getByRole('link', { name: '已转诊待到达 2 人', exact: true });
    await link.waitFor();
    // The tiles of 今天要办 end within the window, as before the line.
    const todo = await page.getByRole('region', { name: '今天要办' }).boundingBox();
    expect(todo!.y + todo!.height).toBeLessThanOrEqual(768);
    await screenshot(page, 'referrals-awaiting-dashboard');

    const cases = page.getByRole('region', { name: '个案列表' });
    await link.click();
    await expect.poll(() => dash.hash()).toBe('#/caseload?tab=cases&category=fever_referral&status=referral_made');
    await page.getByText('共 2 条', { exact: true }).waitFor();
    expect(await cases.getByText('赵一', { exact: true }).count()).toBeGreaterThan(0);
    expect(await cases.getByText('钱二', { exact: true }).count()).toBeGreaterThan(0);
    for (const other of ['孙三', '李四', '周五']) expect(await cases.getByText(other, { exact: true }).count(), other).toBe(0);
    await screenshot(page, 'referrals-awaiting-grid');

    await page.goBack();
    await dash.waitFor();
    await dash.scope('和平社区');
    const one = tile.getByRole('link', { name: '已转诊待到达 1 人', exact: true });
    await one.waitFor();
    await one.click();
    await expect.poll(() => dash.hash()).toMatch(/^#\/caseload\?tab=cases&category=fever_referral&status=referral_made&communityId=\d+$/);
    await page.getByText('共 1 条', { exact: true }).waitFor();
    expect(await cases.getByText('钱二', { exact: true }).count()).toBeGreaterThan(0);
    expect(await cases.getByText('赵一', { exact: true }).count()).toBe(0);
  });
});
