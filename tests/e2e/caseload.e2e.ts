import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/core/people/id-number';
import { FirstPasswordPage, SetupWizardPage, ShellPage, UnlockPage } from './pages/auth-pages';
import { CaseloadPage, TodayPage } from './pages/caseload-page';
import { SettingsPage } from './pages/settings-page';
import { openApp, screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';

const ID_OBSERVED = makeIdNumber('410102', '1986-05-20', 317);
const ID_ELDER = makeIdNumber('410105', '1941-11-03', 228);
const ID_MOTHER = makeIdNumber('410105', '1950-02-11', 146);

describe('caseload: a day of follow-up work', () => {
  const app = appForEachAttempt(openApp, ({ preview }) => preview.setClock({ instant: '2020-02-17T01:30:00.000Z' })); // 09:30 in 郑州

  it('registers, observes, escalates, shows care, filters and reveals by role', async () => {
    const { page, preview } = app;
    await page.goto(preview.url);
    const wizard = new SetupWizardPage(page);
    await wizard.createLedger({ office: '东风街道办事处', name: '王建国', username: 'admin', password: 'taizhang2020' });
    await wizard.continue();
    const shell = new ShellPage(page);
    await shell.open('设置');
    const settings = new SettingsPage(page);
    await settings.addCommunity('幸福社区');
    await settings.addGrid('幸福社区', '第一网格');
    await preview.rpc('users.create', { username: 'viewer', displayName: '陈志强', role: 'viewer', password: 'taizhang2020' });

    await shell.open('人员台账');
    const caseload = new CaseloadPage(page);
    await caseload.tab('入户登记');
    await caseload.registerHousehold({
      community: '幸福社区',
      grid: '第一网格',
      estate: '幸福小区',
      building: '3',
      unit: '2',
      room: '101',
      head: '王桂英',
      phone: '13812345678',
    });
    await caseload.addResident({ name: '王建华', idNumber: ID_OBSERVED, phone: '13912345678', relation: '儿子' });
    await caseload.addResident({ name: '王桂英', idNumber: ID_ELDER, tags: ['独居老人'], relation: '本人' });
    // 与户主关系 as stored (儿子 → 子, 本人 → 户主), then changed in place.
    const relationOf = async (name: string) => (await caseload.registeredMembers()).find((m) => m.startsWith(name))?.match(/与户主关系：(\S+?)\s*修改/)?.[1];
    await expect.poll(() => relationOf('王桂英')).toBe('户主');
    await expect.poll(() => relationOf('王建华')).toBe('子');
    await caseload.changeRelation('王建华', '孙子');
    await expect.poll(() => relationOf('王建华')).toBe('孙子');
    await caseload.openObservation({ resident: '王建华', start: '2020-02-16', days: 14, cameFrom: '湖北省武汉市', arrivedOn: '2020-02-15' });
    await screenshot(page, 'caseload-register');
    await caseload.tab('入户排查');
    await expect.poll(() => page.getByRole('region', { name: '住户列表' }).getByText('幸福小区3栋2单元101室').count()).toBe(1);
    await caseload.tab('排查覆盖');
    await page.getByText('全街道：应排查 1 户，已排查 0 户，覆盖率 0%').waitFor();

    await shell.open('今日随访');
    const today = new TodayPage(page);
    // Nothing is pre-filled: an empty temperature is refused, 「未测」 must be said, 「无」 is no symptom.
    expect(await today.submitWithoutTemperature('逾期未监测', '王建华')).toContain('未测');
    await today.recordCheck('逾期未监测', '王建华', { notMeasured: true, symptoms: '无' }); // 02-16, entered late, by phone
    await today.recordCheck('今日待监测', '王建华', { temperature: '36.6', symptoms: '没有' }); // 02-17
    expect(await today.section('体温/症状异常').count()).toBe(0);
    await expect.poll(() => today.section('今日待监测').isVisible()).toBe(false);
    expect(await today.section('逾期未监测').count()).toBe(0);
    await expect.poll(() => today.section('待走访照料').getByText('王桂英').count()).toBe(1);
    await screenshot(page, 'caseload-today-done');

    await preview.setClock({ advanceDays: 1 });
    await page.reload();
    await new UnlockPage(page).unlock('admin', 'taizhang2020');
    await shell.open('今日随访');
    await expect.poll(() => today.section('今日待监测').getByText('王建华').count()).toBe(1);
    await today.recordCheck('今日待监测', '王建华', { temperature: '37.8', symptoms: '咳嗽' });
    await expect.poll(() => today.section('体温/症状异常').getByText('王建华').count()).toBe(1);
    await screenshot(page, 'caseload-today-fever');
    await today.escalate('王建华');
    await expect.poll(() => today.section('体温/症状异常').count()).toBe(0);

    await preview.setClock({ advanceDays: 1 });
    await page.reload();
    await new UnlockPage(page).unlock('admin', 'taizhang2020');
    await shell.open('今日随访');
    await expect.poll(() => today.section('逾期未监测').getByText('王建华').count()).toBe(0);
    await expect.poll(() => today.section('今日待监测').getByText('王建华').count()).toBe(1);
    await preview.setClock({ advanceDays: 1 });
    await page.reload();
    await new UnlockPage(page).unlock('admin', 'taizhang2020');
    await shell.open('今日随访');
    const overdue = today.section('逾期未监测');
    await expect.poll(() => overdue.getByText('王建华').count()).toBe(1);
    expect(await overdue.textContent()).toContain('漏查 1 天（首次 2020-02-19）');
    expect(await overdue.textContent()).not.toContain('应于');
    await screenshot(page, 'caseload-today-overdue');
    await page.getByRole('link', { name: '打印随访清单' }).click();
    await page.getByRole('heading', { name: '今日随访清单' }).first().waitFor();
    expect(await page.locator('.print-doc').first().textContent()).toContain('逾期未监测');
    await screenshot(page, 'caseload-print-followup');
    await page.goBack();

    await shell.open('人员台账');
    await caseload.filterByCategory('发热筛查分诊');
    await expect.poll(() => caseload.total()).toBe('共 1 条');
    await expect.poll(() => caseload.grid().getByText('王建华').count()).toBeGreaterThan(0);
    await caseload.filterByCategory('全部');
    await caseload.search('王');
    await expect.poll(() => caseload.total()).toBe('共 2 条');
    const masked = `${ID_OBSERVED.slice(0, 4)}**********${ID_OBSERVED.slice(-4)}`;
    await expect.poll(() => caseload.grid().getByText(masked).count()).toBeGreaterThan(0);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出表格（CSV，可用 WPS 打开）' }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    expect(csv.startsWith('\uFEFF姓名,身份证号')).toBe(true);
    expect(csv).toContain(masked);
    expect(csv).not.toContain(ID_OBSERVED);
    await caseload.revealButton('王建华').click();
    await expect.poll(() => caseload.grid().getByText(ID_OBSERVED).count()).toBeGreaterThan(0);
    await screenshot(page, 'caseload-grid-revealed');
    await caseload.grid().getByText('居家观察').click();
    const drawer = page.getByRole('complementary', { name: '个案详情' });
    await expect.poll(() => drawer.getByText('登记居家观察个案').count()).toBe(1);
    expect(await drawer.textContent()).toContain('2020-02-16 至 2020-02-29（14 天）');
    const { facts, wrappedLabels } = await caseload.caseFacts(drawer);
    expect(facts).toMatchObject({ 来源地: '湖北省武汉市', 返程日期: '2020-02-15' });
    expect(wrappedLabels).toEqual([]);
    await screenshot(page, 'caseload-drawer');

    // His mother lives alone elsewhere and cannot look after herself: a care case from his record, visited daily.
    await drawer.getByRole('link', { name: '为王建华的家属登记照料个案' }).click();
    await page.getByRole('status').filter({ hasText: '为王建华（居家观察）的家属登记照料个案' }).waitFor();
    await caseload.registerHousehold({
      community: '幸福社区',
      grid: '第一网格',
      estate: '幸福小区',
      building: '7',
      unit: '1',
      room: '302',
      head: '王秀兰',
      phone: '13812345679',
    });
    await caseload.addResident({ name: '王秀兰', idNumber: ID_MOTHER, tags: ['独居老人', '生活不能自理'] });
    expect(await caseload.openCareCase({ resident: '王秀兰', category: '空巢（独居）老年人' })).toContain('王建华');
    await screenshot(page, 'caseload-care-origin-register');
    await caseload.tab('个案台账');
    const mother = await caseload.openCase('王秀兰');
    await expect.poll(() => mother.textContent()).toContain('照料缘由子女亲属王建华居家观察');
    expect(await mother.textContent()).toContain('（生活不能自理）每日走访');
    await screenshot(page, 'caseload-care-origin-drawer');
    await mother.getByRole('button', { name: '关闭' }).click();
    // Refiltering reloads rows in place: the row that showed her full number (the newest case, first) now shows his case, masked.
    await caseload.revealButton('王秀兰').click();
    await expect.poll(() => caseload.grid().getByText(ID_MOTHER).count()).toBe(1);
    await caseload.search('王建华');
    await expect.poll(() => caseload.total()).toBe('共 2 条');
    await expect.poll(() => caseload.grid().getByText('王秀兰', { exact: true }).count()).toBe(0);
    expect(await caseload.grid().getByText(ID_MOTHER).count()).toBe(0);
    expect(await caseload.grid().getByText(ID_OBSERVED).count()).toBe(0);
    await caseload.search('');

    // 03-01: the period ended on 02-29 and the case is still 观察中: it waits on 待解除观察 until released.
    await preview.setClock({ advanceDays: 10 });
    await page.reload();
    await new UnlockPage(page).unlock('admin', 'taizhang2020');
    await shell.open('今日随访');
    await expect.poll(() => today.section('待解除观察').getByText('王建华').count()).toBe(1);
    // His mother's care case was opened because of his observation: release asks about it too, keeping it by default.
    const releaseGroup = today.section('待解除观察').getByRole('group', { name: '王建华 解除观察' });
    expect(await releaseGroup.textContent()).toContain('王秀兰的照料个案');
    expect(await releaseGroup.getByLabel('王秀兰 照料个案').inputValue()).toBe('keep');
    await screenshot(page, 'caseload-today-release');
    // The ended window in the grid and the drawer: 观察期已满, its missed days the window's, not checks owed today (w50-import).
    await shell.open('人员台账');
    await caseload.search('王建华');
    const ended = caseload.grid().locator('.ag-row').filter({ hasText: '居家观察' }).first();
    await expect.poll(async () => (await ended.locator('.ag-cell[col-id="overdueDays"]').textContent())?.trim()).toMatch(/^\d+ 期满$/);
    await caseload.grid().getByText('居家观察').click();
    const endedDrawer = page.getByRole('complementary', { name: '个案详情' });
    await expect.poll(() => endedDrawer.getByText(/2020-02-16 至 2020-02-29（14 天），观察期已满/).count()).toBe(1);
    await screenshot(page, 'caseload-drawer-ended');
    await endedDrawer.getByRole('button', { name: '关闭' }).click();
    await caseload.search('');
    await shell.open('今日随访');
    await expect.poll(() => today.section('待走访照料').getByText('王秀兰').count()).toBe(1);
    await today.release('王建华', {
      reason: '区卫健委通知解除，漏查日已电话核实',
      care: { 王桂英: '继续照料' },
      careCases: { 王秀兰: '亲属已返家，随解除办结' },
    });
    await expect.poll(() => today.section('待解除观察').count()).toBe(0);
    await expect.poll(() => today.section('待走访照料').getByText('王秀兰').count()).toBe(0);
    await expect.poll(() => today.section('待走访照料').getByText('观察结束后继续照料').count()).toBe(1);

    await shell.lock();
    await new UnlockPage(page).unlock('viewer', 'taizhang2020');
    await new FirstPasswordPage(page).setOwn('taizhang2020', 'viewer-own-2020');
    await shell.open('人员台账');
    await expect.poll(() => caseload.grid().getByText(masked).count()).toBeGreaterThan(0);
    expect(await caseload.grid().getByRole('button', { name: /^显示/ }).count()).toBe(0);
    const cases = (await preview.rpc('cases.list', {})) as { rows: Array<{ residentId: number }> };
    await expect(preview.rpc('residents.reveal', { residentId: cases.rows[0]!.residentId, field: 'idNumber' })).rejects.toThrow(/FORBIDDEN/);
    await screenshot(page, 'caseload-grid-viewer');
  });
});
