/**
 * What a click opens, at 1366×768 on the demo ledger, as the coordinator and as
 * the viewer: a case's drawer, a household, a staff member, a memorial record,
 * a commendation, the confirmations in 用户 and 密钥, and the forms opened by a
 * button. Each is checked by auditScreen and must open on the screen (its top
 * in view without scrolling); screenshots go to test-output/dialog-<role>-<slug>.png.
 * The walk (walk.e2e.ts) covers the screens and tabs these open from.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEMO_USERS } from '../../electron/core/demo/build-demo';
import { ShellPage, UnlockPage } from './pages/auth-pages';
import { WalkPage } from './pages/walk-page';
import { demoLedgerForEachAttempt } from './support/demo-ledger';
import { auditScreen } from './support/screen-audit';
import { screenshot } from './support/preview';
import { step } from './support/attempt';
import { OFFICE_WINDOW, openedProblems } from './support/office-window';
import { CaseloadPage } from './pages/caseload-page';
import { OPENERS, type Opener } from './pages/openers';
import { writeButtonsShown } from './support/viewer-buttons';
import type { Page as ListPage } from '../../electron/core/contract';
import type { CaseDetail, CaseListRow } from '../../electron/core/caseload/list-types.shared';

const NOW = '2020-02-17T02:00:00.000Z';
const SCREEN = { width: 1366, height: 768 };

type Role = 'coordinator' | 'clerk' | 'viewer';
const reaches = (role: Role, o: Opener) => role === 'coordinator' || o.viewer || (role === 'clerk' && o.clerk === true);

/**
 * Opens each opener `role` reaches from a freshly opened screen; returns every problem `check` finds in what opened,
 * each prefixed with the opener's slug. Screenshots: test-output/dialog-<shot>-<slug>.png.
 */
async function openEach(page: Page, role: Role, shot: string, check: (opened: Locator) => Promise<string[]>): Promise<string[]> {
  const walk = new WalkPage(page);
  const problems: string[] = [];
  for (const o of OPENERS.filter((x) => reaches(role, x))) {
    // Another screen first, so the opener's screen starts as a user finds it.
    await walk.openScreen(o.nav === '工作台' ? '今日随访' : '工作台');
    await walk.openScreen(o.nav);
    if (o.tab) await walk.openTab(o.tab);
    const opened = await o.open(page);
    await opened.waitFor();
    await walk.settle();
    for (const p of [...(await check(opened)), ...(await auditScreen(page))]) problems.push(`${o.slug}: ${p}`);
    await screenshot(page, `dialog-${shot}-${o.slug}`);
  }
  return problems;
}

/** At 1366×768: wholly on the screen, or, taller than it, filling it from the top: its buttons are not below the fold. */
async function onTheScreen(opened: Locator): Promise<string[]> {
  const box = await opened.boundingBox();
  const onScreen = box !== null && box.y >= 0 && (box.y + box.height <= SCREEN.height + 1 || box.y <= 100);
  return onScreen ? [] : [`not wholly on the screen as it opens (${box ? `${Math.round(box.y)}–${Math.round(box.y + box.height)} px` : 'no box'})`];
}

describe('what a click opens, at 1366×768 on the demo ledger', () => {
  const app = demoLedgerForEachAttempt(NOW, 500, SCREEN);

  it('as the coordinator and as the viewer: each opens on the screen, nothing cut, no English', async () => {
    const { page } = app;
    const [coordinator, , viewer] = DEMO_USERS;
    await new UnlockPage(page).unlock(coordinator.username, coordinator.password);
    await page.getByText(`${coordinator.displayName}（统筹负责人）`).waitFor();
    expect(await openEach(page, 'coordinator', 'coordinator', onTheScreen)).toEqual([]);

    await new ShellPage(page).lock();
    await new UnlockPage(page).unlock(viewer.username, viewer.password);
    await page.getByText(`${viewer.displayName}（只读查看）`).waitFor();
    expect(await openEach(page, 'viewer', 'viewer', onTheScreen)).toEqual([]);
    // 入户登记 is not the viewer's: the tab says where to look instead.
    const walk = new WalkPage(page);
    await walk.openScreen('人员台账');
    await walk.openTab('入户登记');
    expect(await page.locator('main.content').textContent()).toContain('查看已登记的住户请到「入户排查」，查找居民请到「居民查询」');
  });
});

/**
 * A long case on the test's own copy of the demo: its observation case with the most daily checks, given a returnee's
 * details as a community writes them in full, a long note, and a care case of its own (a care task under it).
 */
async function makeLongCase(rpc: (channel: string, input: unknown) => Promise<unknown>): Promise<string> {
  const cases = (await rpc('cases.list', { filter: { active: true, category: 'home_observation' }, limit: 100 })) as ListPage<CaseListRow>;
  let best = { row: cases.rows[0]!, checks: -1 };
  for (const row of cases.rows) {
    const d = (await rpc('cases.get', { id: row.id })) as CaseDetail;
    if (d.checks.length > best.checks) best = { row, checks: d.checks.length };
  }
  await rpc('cases.update', {
    caseId: best.row.id,
    origin: '湖北省武汉市江汉区汉兴街道常青花园社区第十二小区',
    arrivedOn: '2020-02-04',
    transport: '火车',
    transportNo: 'G507 次 08 车 12F 座',
    teamGridWorker: '李秀英（花园社区第六网格）',
    teamDoctor: '张建华（金水区总医院社区卫生服务站）',
    teamPolice: '王海涛（花园路派出所）',
    notes: '1 月 22 日自武汉返郑，同行家属两人已另行登记。居家期间由社区每日送菜上门，垃圾由物业专人收取；家中有八十岁老人，需每周走访一次。'.repeat(2),
    changeReason: '补全返程信息',
  });
  // 独居老人: the care case's weekly visits show in the observation case too, under 生活照料.
  await rpc('cases.open', { residentId: best.row.residentId, category: 'solitary_elderly' });
  return best.row.name;
}

describe('what a click opens, in the office window (1366×678) on the demo ledger', () => {
  const app = demoLedgerForEachAttempt(NOW, 500, OFFICE_WINDOW);

  it('a long case’s drawer, and 排班’s 安排值守, 自动排班, 修改岗位类型 and a person’s 登记请假: in sight, nothing cut or sideways', async () => {
    const { page, preview } = app;
    const [coordinator] = DEMO_USERS;
    await new UnlockPage(page).unlock(coordinator.username, coordinator.password);
    await page.getByText(`${coordinator.displayName}（统筹负责人）`).waitFor();
    const walk = new WalkPage(page);
    const problems: string[] = [];
    const check = async (slug: string, opened: Locator, action?: Locator) => {
      for (const p of await openedProblems(opened, action)) problems.push(`${slug}: ${p}`);
      await screenshot(page, `dialog-office-${slug}`);
    };

    step('名单：一个内容最多的个案（返乡人员信息、每日监测、生活照料、办理记录）');
    const name = await makeLongCase((c, i) => preview.rpc(c, i));
    await walk.openScreen('人员台账');
    const caseload = new CaseloadPage(page);
    await caseload.search(name);
    // Two cases of hers now (居家观察 and 空巢老人): the observation one. Her name too: until the search's answer comes,
    // the grid still lists everyone, and the first 居家观察 row was someone else's (a drawer of 孔刚燕 opened, 30 s lost).
    await caseload.grid().locator('.ag-row').filter({ hasText: name }).filter({ hasText: '居家观察' }).locator('.ag-cell[col-id="name"]').first().click();
    const drawer = page.getByRole('complementary', { name: '个案详情' });
    await drawer.getByRole('heading', { name: `${name} · 居家观察` }).waitFor();
    await expect.poll(() => drawer.getByRole('heading', { name: '生活照料' }).count()).toBe(1);
    await walk.settle();
    await check('long-case', drawer, drawer.getByRole('button', { name: '关闭' }));
    // Scrolled within itself to its foot: the last section whole, nothing sideways.
    await drawer.evaluate((d) => (d.scrollTop = d.scrollHeight));
    await check('long-case-foot', drawer);

    step('排班日历：安排值守');
    await walk.openScreen('排班');
    const assign = page.getByRole('form', { name: '安排值守' });
    await check('rota-assign', assign, assign.getByRole('button', { name: '安排', exact: true }));
    step('排班日历：自动排班的结果');
    await page.getByRole('button', { name: '自动排班' }).click();
    const report = page.getByRole('region', { name: '排班结果' });
    await report.waitFor({ timeout: 30_000 });
    await walk.settle();
    await check('rota-generate', report);

    step('岗位与班次：修改岗位类型');
    await walk.openTab('岗位与班次');
    const kind = page.getByRole('form', { name: '修改岗位类型' });
    await kind.scrollIntoViewIfNeeded();
    await check('rota-post-kind', kind, kind.getByRole('button', { name: '保存类型' }));

    step('人员：一人的信息与登记请假');
    await walk.openScreen('人员');
    await page.getByRole('region', { name: '人员列表' }).locator('.ag-row[row-index="0"] .ag-cell[col-id="name"]').click();
    const detail = page.getByRole('heading', { name: /：基本信息、保险、请假与心理健康评估$/ });
    await detail.waitFor();
    await walk.settle();
    await check('staff-detail', detail.locator('xpath=ancestor::div[contains(@class, "panel")][1]'));
    const leave = page.getByRole('form', { name: '登记请假' });
    await leave.scrollIntoViewIfNeeded();
    await check('staff-leave', leave, leave.getByRole('button', { name: '登记请假' }));
    expect(problems).toEqual([]);
  });

  it('as each role: what each opens in sight, every button reachable; the viewer shown no button that writes', async () => {
    const { page } = app;
    const [coordinator, clerk, viewer] = DEMO_USERS;
    await new UnlockPage(page).unlock(coordinator.username, coordinator.password);
    await page.getByText(`${coordinator.displayName}（统筹负责人）`).waitFor();
    expect(await openEach(page, 'coordinator', 'office-coordinator', (opened) => openedProblems(opened))).toEqual([]);
    await new ShellPage(page).lock();

    await new UnlockPage(page).unlock(clerk.username, clerk.password);
    await page.getByText(`${clerk.displayName}（录入员）`).waitFor();
    expect(await openEach(page, 'clerk', 'office-clerk', (opened) => openedProblems(opened))).toEqual([]);
    // The check itself: a case's drawer, made taller than the window and its foot pushed 60 px under the window's, leaves
    // its last buttons where no scrolling brings them.
    await new WalkPage(page).openScreen('人员台账');
    await page.getByRole('region', { name: '个案列表' }).locator('.ag-row[row-index="0"] .ag-cell[col-id="status"]').click();
    const drawer = page.getByRole('complementary', { name: '个案详情' });
    await drawer.getByRole('button', { name: '关闭' }).waitFor();
    await drawer.evaluate((d: HTMLElement) => {
      d.prepend(Object.assign(document.createElement('div'), { style: 'height: 2000px' }));
      d.style.bottom = '-60px';
    });
    expect((await openedProblems(drawer)).join()).toContain('is in a scroll area reaching past the window');
    await new ShellPage(page).lock();

    await new UnlockPage(page).unlock(viewer.username, viewer.password);
    await page.getByText(`${viewer.displayName}（只读查看）`).waitFor();
    const viewerCheck = async (opened: Locator) => [...(await openedProblems(opened)), ...(await writeButtonsShown(opened))];
    expect(await openEach(page, 'viewer', 'office-viewer', viewerCheck)).toEqual([]);
  });
});
