import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/core/people/id-number';
import { firstRunAsCoordinator, SetupWizardPage } from './pages/auth-pages';
import { DashboardPage } from './pages/dashboard-page';
import { screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';

describe('工作台: the day at a glance, filtered, drilled into, refreshed on change', () => {
  const app = appForEachAttempt();

  it('opens on 工作台 with the morning figures, and every figure leads to its list', async () => {
    const { page, preview } = app;
    await preview.setClock({ instant: '2020-02-17T02:00:00.000Z' });
    await page.goto(preview.url);
    const wizard = new SetupWizardPage(page);
    await wizard.createLedger({ office: '东风街道办事处', name: '王建国', username: 'admin', password: 'taizhang2020' });
    await wizard.continue();
    const dash = new DashboardPage(page);
    await dash.waitFor();
    // A fresh ledger: nothing scheduled is not "all sent", and nothing loaded is not 100 %.
    await expect.poll(async () => (await dash.tile('今日待报送').textContent()) ?? '').toContain('尚未设置报送日历');
    expect(await dash.tile('今日待报送').getByRole('link', { name: '尚未设置报送日历，去设置' }).count()).toBe(1);
    expect(await dash.figure('入户排查覆盖率')).toBe('—');
    await screenshot(page, 'dashboard-fresh');

    // A small office, entered the way the other screens would.
    const rpc = async <T>(channel: string, input: unknown) => (await preview.rpc(channel, input)) as T;
    const xingfu = (await rpc<{ id: number }>('org.communities.save', { name: '幸福社区' })).id;
    const heping = (await rpc<{ id: number }>('org.communities.save', { name: '和平社区' })).id;
    const g1 = (await rpc<{ id: number }>('org.grids.save', { communityId: xingfu, name: '第一网格' })).id;
    const g2 = (await rpc<{ id: number }>('org.grids.save', { communityId: heping, name: '第一网格' })).id;
    const h1 = (await rpc<{ id: number }>('households.save', { communityId: xingfu, gridId: g1, addressText: '幸福路1号', screeningStatus: 'screened' })).id;
    await rpc('households.save', { communityId: xingfu, gridId: g1, addressText: '幸福路2号' });
    const h3 = (await rpc<{ id: number }>('households.save', { communityId: heping, gridId: g2, addressText: '和平路1号', screeningStatus: 'screened' })).id;
    const a = (await rpc<{ id: number }>('residents.save', { householdId: h1, name: '赵一', idNumber: makeIdNumber('410102', '1980-01-01', 101) })).id;
    const b = (await rpc<{ id: number }>('residents.save', { householdId: h3, name: '孙四', idNumber: makeIdNumber('410102', '1980-01-01', 104) })).id;
    const caseA = (await rpc<{ id: number }>('cases.open', { residentId: a, category: 'home_observation', obsStartOn: '2020-02-15', openedOn: '2020-02-15' }))
      .id;
    const caseB = (await rpc<{ id: number }>('cases.open', { residentId: b, category: 'home_observation', obsStartOn: '2020-02-17' })).id;
    await rpc('checks.record', { caseId: caseA, checkDate: '2020-02-17', temperature: 38.2, method: 'visit', checkedBy: '刘晓燕' });
    await rpc('supplies.receive', { storeId: xingfu, itemId: 1, day: '2020-02-10', quantity: 700, sourceKind: 'upstream', sourceName: '区卫健委' });
    await rpc('supplies.issue', { storeId: xingfu, itemId: 1, day: '2020-02-16', quantity: 600, recipient: '东门卡点' });
    await rpc('export.schedules.save', { title: '疫情防控日报', recipient: '区疫情防控指挥部', formIds: ['caseload-summary'], weekday: 0, dueTime: '17:00' });

    // The dashboard has been listening: it shows the figures without a reload
    // (once the last write's figure is in, an earlier reload can no longer be on screen).
    await expect.poll(() => dash.figure('今日待报送')).toBe('1份');
    await expect.poll(() => dash.figure('逾期未监测')).toBe('1人');
    expect(await dash.figure('体温/症状异常待处置')).toBe('1人次');
    expect(await dash.figure('物资缺口')).toBe('1项');
    expect(await dash.figure('今日待报送')).toBe('1份');
    expect(await dash.figure('困难群众未解决需求')).toBe('无');
    expect(await dash.figure('正在观察')).toBe('2人');
    // 赵一 missed a day already over (the figure); 孙四's check today is still to do, not overdue (the line).
    expect(await dash.tile('逾期未监测').textContent()).toContain('今天另有 1 人待测');
    expect(await dash.figure('入户排查覆盖率')).toBe('66.7%');
    expect(await dash.tile('物资缺口').textContent()).toContain('最先断货：幸福社区·口罩');
    expect(await dash.tile('入户排查覆盖率').textContent()).toContain('幸福社区·第一网格 50%');
    await expect.poll(() => dash.bars('在办个案分类（按社区）').count()).toBe(2);
    await page.waitForTimeout(300);
    await screenshot(page, 'dashboard-office');

    // A fever reported while the coordinator looks: the tile follows.
    await rpc('checks.record', { caseId: caseB, checkDate: '2020-02-17', temperature: 37.9, method: 'phone', checkedBy: '刘晓燕' });
    await expect.poll(() => dash.figure('体温/症状异常待处置')).toBe('2人次');
    expect(await dash.tile('逾期未监测').textContent()).toContain('今天的监测已全部完成');

    // One community: the figures and the chart follow the choice, and the URL keeps it.
    await dash.scope('和平社区');
    await expect.poll(() => dash.figure('逾期未监测')).toBe('无');
    expect(await dash.hash()).toBe(`#/dashboard?communityId=${heping}`);
    // 和平社区 has no stock recorded: not 「无」 (which would say it has enough), but a dash and what is missing.
    expect(await dash.figure('物资缺口')).toBe('—');
    expect(await dash.tile('物资缺口').textContent()).toContain('这个社区还没有库存记录');
    await expect.poll(() => dash.chart('在办个案分类（按网格）').isVisible()).toBe(true);
    await screenshot(page, 'dashboard-community');
    await dash.scope('全街道');
    await expect.poll(() => dash.figure('逾期未监测')).toBe('1人');

    // Drill-down: the tile opens the case grid filtered to the same one person.
    await dash.open('逾期未监测');
    await expect.poll(() => dash.hash()).toBe('#/caseload?tab=cases&overdue=1');
    await expect.poll(() => page.getByRole('region', { name: '个案列表' }).getByText('赵一').count()).toBeGreaterThan(0);
    expect(await page.getByRole('region', { name: '个案列表' }).getByText('孙四').count()).toBe(0);
    await page.goBack();
    await dash.waitFor();

    // A bar: 和平社区's 居家观察 segment opens that community's observation cases.
    await expect.poll(() => dash.bars('在办个案分类（按社区）').count()).toBe(2);
    await dash.bars('在办个案分类（按社区）').nth(1).click();
    await expect.poll(() => dash.hash()).toBe(`#/caseload?tab=cases&communityId=${heping}&category=home_observation&active=1`);
    await page.goBack();
    await dash.waitFor();
    await dash.bars('物资可用天数').first().click();
    await expect.poll(() => dash.hash()).toBe('#/supplies?tab=shortages&item=1');
    await page.getByRole('heading', { name: '防控物资' }).waitFor();
    await page.goBack();
    await dash.waitFor();
    await dash.open('物资缺口');
    await expect.poll(() => dash.hash()).toBe('#/supplies?tab=shortages');
    await page.goBack();
    await dash.waitFor();

    // Every target screen applies the link's filters (not just carries them in the URL).
    const cases = page.getByRole('region', { name: '个案列表' });
    const returnee = (await rpc<{ id: number }>('residents.save', { householdId: h1, name: '钱三', idNumber: makeIdNumber('410102', '1980-01-01', 103) })).id;
    await rpc('cases.open', { residentId: returnee, category: 'returnee' });
    await expect.poll(() => dash.figure('正在观察')).toBe('2人');
    await dash.open('正在观察');
    await expect.poll(() => dash.hash()).toBe('#/caseload?tab=cases&category=observation&observing=1');
    await expect.poll(() => cases.getByText('孙四').count()).toBeGreaterThan(0);
    expect(await cases.getByText('赵一').count()).toBeGreaterThan(0);
    expect(await cases.getByText('钱三').count()).toBe(0);
    await page.getByText('共 2 条').waitFor();
    expect(await page.getByLabel('只看观察期内').isChecked()).toBe(true);
    await screenshot(page, 'dashboard-drill-observing');
    await page.goBack();
    await dash.waitFor();

    // 今日随访 opens on the tile's kind of item, in the chosen community.
    await dash.scope('和平社区');
    await expect.poll(() => dash.figure('体温/症状异常待处置')).toBe('1人次');
    await dash.open('体温/症状异常待处置');
    await expect.poll(() => dash.hash()).toBe(`#/today?kind=escalation&communityId=${heping}`);
    const fevers = page.getByRole('region', { name: '体温/症状异常' });
    await expect.poll(() => fevers.getByText('孙四').count()).toBeGreaterThan(0);
    expect(await fevers.getByText('赵一').count()).toBe(0);
    expect(await page.locator('.cl-today-group').count()).toBe(1);
    await screenshot(page, 'dashboard-drill-today');
    await page.goBack();
    await dash.waitFor();
    await dash.scope('全街道');

    // 排查覆盖 opens on the tile's weakest grid.
    await expect.poll(() => dash.figure('入户排查覆盖率')).toBe('66.7%');
    await dash.tile('入户排查覆盖率').getByRole('link', { name: '幸福社区·第一网格' }).click();
    await expect.poll(() => dash.hash()).toBe(`#/caseload?tab=coverage&communityId=${xingfu}&gridId=${g1}`);
    const gridCoverage = page.getByRole('region', { name: '各网格排查覆盖' });
    // Both communities have a 第一网格: only 幸福社区's is listed.
    await expect.poll(() => gridCoverage.getByText('第一网格', { exact: true }).count()).toBe(1);
    expect(await gridCoverage.getByText('和平社区').count()).toBe(0);
    await page.getByRole('region', { name: '幸福社区排查覆盖' }).waitFor();
    await page.goBack();
    await dash.waitFor();

    // 排班 opens on the week and community of the first gap.
    await rpc('rota.posts.save', {
      communityId: xingfu,
      name: '北门卡点',
      kind: 'checkpoint',
      location: '幸福小区北门',
      requirements: [{ shiftId: 1, headcount: 1 }],
    });
    await dash.scope('幸福社区');
    await expect.poll(() => dash.figure('7 天内缺岗')).not.toBe('—');
    await dash.open('7 天内缺岗');
    await expect.poll(() => dash.hash()).toMatch(new RegExp(`^#/rota\\?from=2020-02-(1[7-9]|2[0-3])&communityId=${xingfu}$`));
    await expect.poll(async () => (await page.getByLabel('当前期间').textContent()) ?? '').toBe('2020-02-17 至 2020-02-23');
    // The community list arrives after the screen: wait for the select to show the chosen one.
    await expect.poll(() => page.getByLabel('社区', { exact: true }).inputValue()).toBe(String(xingfu));
    await expect.poll(() => page.getByRole('region', { name: '排班日历' }).getByText('北门卡点').count()).toBeGreaterThan(0);
    await screenshot(page, 'dashboard-drill-rota');
    await page.goBack();
    await dash.waitFor();
    await dash.scope('全街道');

    // 物资: the bar's item only, though another item runs short too.
    await rpc('supplies.receive', { storeId: heping, itemId: 2, day: '2020-02-10', quantity: 70, sourceKind: 'upstream', sourceName: '区卫健委' });
    await rpc('supplies.issue', { storeId: heping, itemId: 2, day: '2020-02-16', quantity: 60, recipient: '南门卡点' });
    await expect.poll(() => dash.figure('物资缺口')).toBe('2项');
    await expect.poll(() => dash.bars('物资可用天数').count()).toBe(2);
    await dash.bars('物资可用天数').first().click();
    await expect.poll(() => dash.hash()).toMatch(/^#\/supplies\?tab=shortages&item=[12]$/);
    const [shown, hidden] = (await dash.hash()).endsWith('item=1') ? ['口罩', '防护服'] : ['防护服', '口罩'];
    const shortages = page.getByRole('region', { name: '缺口清单' });
    await expect.poll(() => shortages.getByText(shown).count()).toBeGreaterThan(0);
    expect(await shortages.getByText(hidden).count()).toBe(0);
    await screenshot(page, 'dashboard-drill-supplies');
  });

  it('at 1366×768, an office of 30 communities: every name under 在办个案分类 readable, none over its neighbour or cut', async () => {
    const { page, preview } = app;
    await preview.setClock({ instant: '2020-02-17T02:00:00.000Z' });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
    const rpc = async <T>(channel: string, input: unknown) => (await preview.rpc(channel, input)) as T;
    // The domain's largest office (30 communities), with long names among them, one observed resident in each.
    const names = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? `第${i + 1}经三路社区` : `${'东南西北中'[i % 5]}${i + 1}社区`));
    for (const [i, name] of names.entries()) {
      const communityId = (await rpc<{ id: number }>('org.communities.save', { name })).id;
      const householdId = (await rpc<{ id: number }>('households.save', { communityId, addressText: `${name}1号` })).id;
      const residentId = (
        await rpc<{ id: number }>('residents.save', { householdId, name: `居民${i + 1}`, idNumber: makeIdNumber('410102', '1980-01-01', 200 + i) })
      ).id;
      await rpc('cases.open', { residentId, category: 'home_observation', obsStartOn: '2020-02-15', openedOn: '2020-02-15' });
    }
    await page.reload();
    const dash = new DashboardPage(page);
    await dash.waitFor();
    await expect.poll(() => dash.bars('在办个案分类（按社区）').count()).toBe(30);
    await dash.chart('在办个案分类（按社区）').scrollIntoViewIfNeeded();
    expect(await dash.axisNameClashes('在办个案分类（按社区）')).toEqual([]);
    await screenshot(page, 'dashboard-30-communities-1366x768');
  });
});
