/**
 * A clerk's (录入员) and a viewer's (只读查看) first hour at 1366×768, after the coordinator
 * sets up the office and adds them: the first unlock (said when slow), their own password,
 * a community's sheet imported (what 退回 means, and the rows saved again later), a pasted
 * 接龙 (its leftover text can be mapped), a screening recorded in the row, an imported resident
 * found by the last digits of an ID number (居民查询), a case opened for him and his health
 * check; the viewer told plainly what the role does not show or do. Screenshots: test-output/clerk-viewer-*.png.
 */
import iconv from 'iconv-lite';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/core/people/id-number';
import { FirstPasswordPage, SetupWizardPage, ShellPage, UnlockPage } from './pages/auth-pages';
import { CaseloadPage, TodayPage } from './pages/caseload-page';
import { ImportPage } from './pages/import-page';
import { SettingsPage } from './pages/settings-page';
import { launchBrowser, newPage, screenshot, startPreview } from './support/preview';
import { appForEachAttempt, step } from './support/attempt';

const SCREEN = { width: 1366, height: 768 };
const ID_ZHANG = makeIdNumber('410105', '1985-03-12', 123);
const ID_SUN = makeIdNumber('410102', '1960-05-20', 402);

/** A community's residents sheet as WPS saves it: GBK, the community only in the title, one ID number Excel ruined, 户主 only as 与户主关系. */
function residentsSheet(dir: string): string {
  const rows = [
    ['李娜', makeIdNumber('410105', '1990-07-15', 246), '13803711002', '青松里小区', '3', '2', '101', '妻'],
    ['张伟', ID_ZHANG, '13803711001', '青松里小区', '3', '2', '101', '户主'],
    ['赵敏', '4.10102E+17', '13803711004', '青松里小区', '5', '1', '302', '本人'],
  ];
  const text = ['青松里社区居民花名册', '姓名,身份证号,联系电话,小区,楼栋,单元,室,与户主关系', ...rows.map((r) => r.join(','))].join('\r\n');
  const path = join(dir, '青松里社区居民花名册.csv');
  writeFileSync(path, iconv.encode(`${text}\r\n`, 'gbk'));
  return path;
}

describe('a clerk’s and a viewer’s first hour at 1366×768', () => {
  let dir: string;
  const app = appForEachAttempt(
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'taizhang-e2e-clerk-viewer-'));
      const preview = await startPreview();
      const browser = await launchBrowser();
      return { preview, browser, page: await newPage(browser, { viewport: SCREEN }), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
    ({ preview }) => preview.setClock({ instant: '2020-02-17T01:30:00.000Z' }), // Monday 09:30 in 郑州
  );

  it('each is led through their day and told what their role cannot do', async () => {
    const { page, preview } = app;
    const shell = new ShellPage(page);
    const settings = new SettingsPage(page);
    const unlock = new UnlockPage(page);

    step('建立台账：用户名的说明');
    await page.goto(preview.url);
    const wizard = new SetupWizardPage(page);
    await page.getByRole('heading', { name: '首次使用：建立本街道的台账' }).waitFor();
    const usernameBox = page.getByLabel('登录用户名');
    const note = await page.locator(`#${await usernameBox.getAttribute('aria-describedby')}`).textContent();
    expect(note).toContain('每次解锁台账时填写');
    expect(note).toContain('建议用姓名拼音');
    expect(note).toContain('不能修改');
    await screenshot(page, 'clerk-viewer-wizard');
    await wizard.createLedger({ office: '东风街道办事处', name: '王建国', username: 'wangjg', password: 'taizhang2020' });
    await wizard.continue();
    await page.getByText('王建国（统筹负责人）').waitFor();

    step('统筹负责人：社区、网格和两个账号');
    await shell.open('设置');
    await settings.addCommunity('青松里社区');
    await settings.addGrid('青松里社区', '第一网格');
    await settings.tab('用户');
    const said = await settings.addUser({ name: '刘晓燕', username: 'liuxy', role: '录入员', password: 'qingsong2020' });
    expect(said).toContain('第一次解锁时台账会先请他设置只有自己知道的新密码');
    await settings.addUser({ name: '陈志强', username: 'chenzq', role: '只读查看', password: 'qingsong2020' });
    await shell.lock();

    step('录入员第一次解锁：慢时说明在升级台账');
    // The unlock is held until the screen has said why it waits (an update's migrations run inside the first unlock).
    await page.route('**/rpc/auth.unlock', async (route) => {
      await page.getByRole('status').filter({ hasText: '正在升级台账，请稍候（只在更新后第一次打开时需要）' }).waitFor();
      await screenshot(page, 'clerk-viewer-unlock-slow');
      await route.continue();
    });
    await unlock.unlock('liuxy', 'qingsong2020');
    const first = new FirstPasswordPage(page);
    expect(await first.why()).toContain('这是统筹负责人为您设置的初始密码，请设置只有您自己知道的新密码');
    await page.unroute('**/rpc/auth.unlock');
    expect(await page.getByText('正在升级台账').count()).toBe(0);

    step('录入员第一次解锁：先设置只有自己知道的密码，才能进入台账');
    expect(await page.getByRole('navigation', { name: '导航' }).count()).toBe(0);
    await first.setOwn('qingsong2020', 'liuxy-first-2020', 'liuxy-first-2021');
    await page.getByRole('alert').filter({ hasText: '两次输入的新密码不一致' }).waitFor();
    await screenshot(page, 'clerk-viewer-first-password');
    await first.setOwn('qingsong2020', 'liuxy-first-2020');
    await page.getByText('刘晓燕（录入员）').waitFor();

    step('录入员：改成自己的密码');
    await shell.open('设置');
    await settings.tab('我的账号');
    expect(await page.getByLabel('我的权限').textContent()).toContain('不能上报');
    await settings.changeOwnPassword('liuxy-first-2020', 'liuxy-own-2020');
    await screenshot(page, 'clerk-viewer-account');

    step('录入员：粘贴的接龙，其他内容可以对应');
    await shell.open('导入');
    const imp = new ImportPage(page);
    await imp.paste('居民（按户）', `1. 孙强 ${ID_SUN} 13803711005 青松里小区5栋1单元301\n2. 周芳 13803711006 青松里小区5栋1单元302`);
    const leftover = page.getByRole('note', { name: '其他内容的说明' });
    expect(await leftover.textContent()).toContain('在右边选「住址」');
    expect(await imp.mappedTo('其他内容')).toBe('（不导入）');
    await leftover.scrollIntoViewIfNeeded();
    await screenshot(page, 'clerk-viewer-paste');
    await imp.mapColumn('其他内容', '住址');
    expect(await leftover.count()).toBe(0);
    await page.getByRole('button', { name: '重新选择文件' }).click();

    step('录入员：导入社区的居民表，退回的行说清楚');
    await imp.openFile('居民（按户）', residentsSheet(dir));
    await imp.adopt('青松里社区');
    await imp.preview();
    expect(await imp.count('预览结果', 'rejected')).toBe(1);
    const why = (await page.getByRole('note', { name: '退回的行怎么办' }).textContent()) ?? '';
    expect(why).toContain('这 1 行不会写入台账');
    expect(why).toContain('保存退回表格');
    expect(why).toContain('导入记录');
    await screenshot(page, 'clerk-viewer-preview');
    await imp.commit();
    expect(await page.getByRole('note', { name: '退回的行怎么办' }).textContent()).toContain('没有写入台账');
    // Later, from 导入记录: the rows sent back are saved again, with their reason.
    await imp.history();
    await page.getByRole('button', { name: '保存青松里社区居民花名册.csv的退回表格' }).click();
    const again = page.getByRole('region', { name: '保存退回表格' });
    const out = join(dir, '退回_再次保存.xlsx');
    // The link was the click that asked: the typed-path dialog is open at once.
    const where = again.getByRole('dialog', { name: '保存退回表格' });
    await where.getByLabel('退回表格保存到').fill(out);
    await where.getByRole('button', { name: '保存', exact: true }).click();
    await again.getByRole('status').filter({ hasText: '已保存退回表格（1 行）' }).waitFor();
    expect(existsSync(out)).toBe(true);
    await screenshot(page, 'clerk-viewer-history');

    step('录入员：在住户的行里登记入户排查');
    await shell.open('人员台账');
    const caseload = new CaseloadPage(page);
    await caseload.tab('入户排查');
    expect(await page.getByLabel('怎样登记入户排查').textContent()).toContain('双击「排查状态」');
    const row = page.getByRole('region', { name: '住户列表' }).getByRole('row').filter({ hasText: '青松里小区3栋2单元101室' });
    await row.locator('[col-id="screeningStatus"]').dblclick();
    // The cell's editor opens its list of 未排查 / 已排查 / 不在家 / 拒绝.
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').getByRole('option', { name: '已排查' }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    await expect.poll(() => row.locator('[col-id="screeningStatus"]').textContent()).toBe('已排查');
    // The result chosen without a date is dated the office's today; the date is picked, not typed as free text.
    const today = (await preview.officeClock()).today;
    await expect.poll(() => row.locator('[col-id="screenedOn"]').textContent()).toBe(today);
    await row.locator('[col-id="screenedOn"]').dblclick();
    const dateBox = row.locator('[col-id="screenedOn"] input[type="date"]');
    expect(await dateBox.getAttribute('max')).toBe(today);
    await dateBox.fill('2020-02-16');
    await page.keyboard.press('Enter');
    await expect.poll(() => row.locator('[col-id="screenedOn"]').textContent()).toBe('2020-02-16');
    await screenshot(page, 'clerk-viewer-screening');
    // A revisit today finds nobody home: chosen in the same cell, it is today's visit; the 16th's 已排查 stays.
    await row.locator('[col-id="screeningStatus"]').dblclick();
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').getByRole('option', { name: '不在家' }).click();
    await page.getByRole('status').filter({ hasText: '已登记今天的走访（2020-02-16 的记录保留）' }).waitFor();
    await expect.poll(() => row.locator('[col-id="screenedOn"]').textContent()).toBe(today);
    // It still counts as screened (排查覆盖 and the 已排查 filter count it), and the row says so: 曾排查, the day on hover.
    const status = row.locator('[col-id="screeningStatus"]');
    await expect.poll(() => status.textContent()).toBe('不在家曾排查');
    await status.hover();
    await expect.poll(() => page.locator('.ag-tooltip').textContent(), { timeout: 5000 }).toBe('不在家（2020-02-16 已排查）');

    step('录入员：这一户住着谁（户主由「与户主关系」认出）');
    expect(await row.locator('[col-id="headName"]').textContent()).toBe('张伟');
    const home = await caseload.householdMembers({ address: '青松里小区3栋2单元101室' });
    expect(home.members).toHaveLength(2);
    expect(home.members.find((m) => m.startsWith('张伟'))).toContain('户主');
    expect(home.members.find((m) => m.startsWith('李娜'))).not.toContain('户主');
    // 与户主关系 as the sheet wrote it, 妻 stored as 配偶.
    expect(home.members.find((m) => m.startsWith('李娜'))).toContain('配偶');
    expect(await home.panel.textContent()).toContain(`排查状态：不在家（${today}），2020-02-16 已排查，计入覆盖`);
    // Its visits, the latest first: 已排查 dated today when chosen, then moved to the 16th, is one visit on the 16th;
    // today's 不在家 is a second visit beside it, not a rewrite of the 16th's.
    const visits = home.panel.getByRole('table', { name: '入户排查记录' }).getByRole('row');
    expect((await visits.allTextContents()).slice(1)).toEqual([`${today}不在家人员台账`, '2020-02-16已排查人员台账']);
    await screenshot(page, 'clerk-viewer-household-members');
    await home.panel.getByRole('button', { name: '关闭' }).click();

    step('录入员：按身份证号后几位找到导入的居民，为他登记居家观察');
    await caseload.tab('居民查询');
    const residents = page.getByRole('region', { name: '居民列表' });
    await page.getByLabel('搜索').fill(ID_ZHANG.slice(-6));
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('共 1 人').waitFor();
    expect(await residents.getByRole('row').filter({ hasText: '张伟' }).textContent()).toContain(`**${ID_ZHANG.slice(-4)}`);
    await screenshot(page, 'clerk-viewer-search');
    await residents.getByRole('button', { name: '为张伟登记个案' }).click();
    const openCase = page.getByRole('form', { name: '登记个案' });
    expect(await openCase.getByLabel('居民').locator('option:checked').textContent()).toBe('张伟');
    await openCase.getByLabel('个案类别').selectOption({ label: '居家观察' });
    await openCase.getByLabel('观察开始日期').fill('2020-02-17');
    await openCase.getByLabel('来源地').fill('湖北省武汉市');
    await openCase.getByRole('button', { name: '登记个案' }).click();
    await page.getByRole('status').filter({ hasText: '已登记居家观察个案' }).waitFor();

    step('录入员：登记今天的健康监测');
    await shell.open('今日随访');
    await new TodayPage(page).recordCheck('今日待监测', '张伟', { temperature: '36.5' });
    await shell.open('人员台账');
    await caseload.search(ID_ZHANG.slice(-4));
    await caseload.grid().getByText('张伟', { exact: true }).waitFor();
    expect(await caseload.total()).toBe('共 1 条');

    step('录入员：统筹负责人的设置，看得到，并说明谁能改');
    await shell.open('排班');
    await page.getByRole('tab', { name: '岗位与班次' }).click();
    expect(await page.getByRole('note', { name: '谁能修改' }).textContent()).toContain('只有统筹负责人可以添加或修改岗位和班次');
    expect(await page.getByRole('button', { name: /保存|添加/ }).count()).toBe(0);
    await screenshot(page, 'clerk-viewer-clerk-posts');

    step('录入员：物资没有「到货分配」，缺口预警上说明由谁分配、自己登记什么');
    await shell.open('物资');
    expect(await page.getByRole('tab', { name: '到货分配' }).count()).toBe(0);
    const allocNote = (await page.getByRole('note', { name: '到货分配由谁办理' }).textContent()) ?? '';
    expect(allocNote).toContain('由统筹负责人办理');
    expect(allocNote).toContain('您可以在「出入库」登记');
    await screenshot(page, 'clerk-viewer-clerk-supplies');
    await shell.lock();

    step('只读查看：看得到什么，看不到什么，为什么');
    await unlock.unlock('chenzq', 'qingsong2020');
    await first.setOwn('qingsong2020', 'chenzq-own-2020');
    await page.getByText('陈志强（只读查看）').waitFor();
    const nav = page.getByRole('navigation', { name: '导航' });
    expect(await nav.getByRole('link', { name: '导入', exact: true }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: '上报', exact: true }).count()).toBe(0);
    await shell.open('人员台账');
    await caseload.grid().getByText('张伟', { exact: true }).waitFor();
    expect(await page.getByRole('note', { name: '打码说明' }).textContent()).toContain('只读账号看不到完整证件号');
    expect(
      await caseload
        .grid()
        .getByRole('button', { name: /^显示.*的完整/ })
        .count(),
    ).toBe(0);
    // The search box says what a viewer can search by, read whole at 1366 px.
    expect(await caseload.searchHint()).toEqual({ text: '按姓名搜索', whole: true });
    await screenshot(page, 'clerk-viewer-viewer-cases');
    // A search by digits is said to be a clerk's before it is tried; by name it finds the person, masked.
    await caseload.tab('居民查询');
    await page.getByLabel('搜索').fill(ID_ZHANG.slice(-4));
    await page.getByRole('button', { name: '查询' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('只读账号只能按姓名搜索');
    await page.getByLabel('搜索').fill('张');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('共 1 人').waitFor();
    expect(
      await page
        .getByRole('region', { name: '居民列表' })
        .getByRole('button', { name: /登记个案|^显示/ })
        .count(),
    ).toBe(0);
    await screenshot(page, 'clerk-viewer-viewer-residents');
    // From the person to their household: who else lives there, masked for a viewer.
    const together = await caseload.householdMembers({ person: '张伟' });
    expect(together.members).toHaveLength(2);
    expect(together.members.join()).not.toContain(ID_ZHANG);
    expect(together.members.find((m) => m.startsWith('张伟'))).toContain(`**${ID_ZHANG.slice(-4)}`);
    expect(together.members.find((m) => m.startsWith('李娜'))).toContain('1990年');
    expect(together.members.find((m) => m.startsWith('李娜'))).toContain('配偶');
    await screenshot(page, 'clerk-viewer-viewer-household');
    await caseload.tab('入户排查');
    expect(await page.getByLabel('怎样登记入户排查').count()).toBe(0);
    await shell.open('物资');
    expect(await page.getByRole('note', { name: '到货分配由谁办理' }).textContent()).not.toContain('出入库');
    await shell.open('设置');
    expect(await page.getByRole('note', { name: '谁能修改' }).textContent()).toContain('只有统筹负责人可以添加或修改社区、网格和户数');
    await settings.tab('我的账号');
    expect(await page.getByLabel('我的权限').textContent()).toContain('只读账号看不到完整证件号');
    await screenshot(page, 'clerk-viewer-viewer-account');
    await shell.lock();

    step('统筹负责人：录入员忘了密码，重设一个初始密码；她下次解锁先改成自己的');
    await unlock.unlock('wangjg', 'taizhang2020');
    await page.getByText('王建国（统筹负责人）').waitFor();
    await shell.open('设置');
    await settings.tab('用户');
    await expect.poll(() => settings.grid('用户列表').getByRole('row').filter({ hasText: '陈志强' }).textContent()).not.toContain('待本人设置密码');
    expect(await settings.resetPassword('刘晓燕', 'qingsong-again-1')).toContain('下次解锁时会先设置只有自己知道的新密码');
    await expect.poll(() => settings.grid('用户列表').getByRole('row').filter({ hasText: '刘晓燕' }).textContent()).toContain('待本人设置密码');
    await screenshot(page, 'clerk-viewer-reset-password');
    await shell.lock();
    await unlock.unlock('liuxy', 'qingsong-again-1');
    expect(await first.why()).toContain('这是统筹负责人为您设置的初始密码');
    await first.setOwn('qingsong-again-1', 'liuxy-own-2021');
    await page.getByText('刘晓燕（录入员）').waitFor();
  });
});
