/**
 * 作废登记 in the case drawer at the office window (1366×678): a case registered twice (the same person from two
 * communities' sheets) is voided with its reason, leaves the grid (and every figure: tests/integration/figures/
 * void-recount.test.ts), is found again with 显示已作废, marked 已作废, read-only, and a coordinator restores it.
 * Screenshots: test-output/void-case-*.png.
 */
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/core/people/id-number';
import { SetupWizardPage, ShellPage } from './pages/auth-pages';
import { CaseloadPage } from './pages/caseload-page';
import { screenshot } from './support/preview';
import { appForEachAttempt, step } from './support/attempt';
import { expectInOfficeWindow, OFFICE_WINDOW } from './support/office-window';

describe('作废登记 in the case drawer', () => {
  const app = appForEachAttempt();

  it('voids a duplicate with its reason, shows it only with 显示已作废, marked, and a coordinator restores it', async () => {
    const { page, preview } = app;
    await page.setViewportSize(OFFICE_WINDOW);
    await page.goto(preview.url);
    const wizard = new SetupWizardPage(page);
    await wizard.createLedger({ office: '东风街道办事处', name: '王建国', username: 'admin', password: 'taizhang2020' });
    await wizard.continue();
    const rpc = async <T>(channel: string, input: unknown) => (await preview.rpc(channel, input)) as T;
    // The office's day, from the app (never the machine's clock).
    const today = (await rpc<{ today: string }>('today.list', { limit: 1 })).today;
    const xingfu = (await rpc<{ id: number }>('org.communities.save', { name: '幸福社区' })).id;
    const grid = (await rpc<{ id: number }>('org.grids.save', { communityId: xingfu, name: '第一网格' })).id;
    const h = (await rpc<{ id: number }>('households.save', { communityId: xingfu, gridId: grid, addressText: '幸福路1号' })).id;
    for (const [n, name] of ['张伟', '李娜'].entries()) {
      const r = (await rpc<{ id: number }>('residents.save', { householdId: h, name, idNumber: makeIdNumber('410102', '1980-01-01', n + 1) })).id;
      await rpc('cases.open', { residentId: r, category: 'returnee', openedOn: today });
    }

    const shell = new ShellPage(page);
    await shell.open('人员台账');
    const caseload = new CaseloadPage(page);
    await expect.poll(() => caseload.total()).toBe('共 2 条');

    step('李娜的返程登记是重复的：作废登记，说明原因');
    const drawer = await caseload.openCase('李娜');
    const { form, confirm } = await caseload.voidForm(drawer, { kind: '重复登记', words: '与和平社区报表重复' });
    expect(await form.textContent()).toContain('作废后这条登记不计入任何统计和上报表，记录保留可查');
    await expectInOfficeWindow(page, confirm, '确认作废');
    await screenshot(page, 'void-case-form');
    await confirm.click();
    const note = drawer.getByRole('region', { name: '已作废' });
    await expect.poll(() => note.textContent()).toContain('已作废：重复登记：与和平社区报表重复（王建国，');
    // Its 状态 says so too, with what it was before (kept for a restore), as the grid reads it.
    expect((await caseload.caseFacts(drawer)).facts['状态']).toBe('已作废（作废前：已登记）');
    // Read-only now: no 办理, no second 作废.
    expect(await drawer.getByRole('heading', { name: '办理', exact: true }).count()).toBe(0);
    expect(await drawer.getByRole('button', { name: '作废登记…' }).count()).toBe(0);
    await screenshot(page, 'void-case-voided');

    step('名单里不再有她；勾选「显示已作废」才看得到，状态写着已作废');
    await drawer.getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => caseload.total()).toBe('共 1 条');
    await caseload.showVoided(true);
    await expect.poll(() => caseload.total()).toBe('共 2 条');
    const row = caseload.grid().getByRole('row').filter({ hasText: '李娜' });
    await expect.poll(() => row.textContent()).toContain('已作废');
    await screenshot(page, 'void-case-grid');
    // The filters stay on one line with 查询 (a fourth tick box among them pushed it onto a second line), so the grid's
    // foot is inside the office window.
    const search = await page.getByRole('textbox', { name: '搜索' }).boundingBox();
    const query = await page.getByRole('button', { name: '查询' }).boundingBox();
    expect(Math.abs(query!.y + query!.height - (search!.y + search!.height))).toBeLessThan(4);
    const gridBox = await caseload.grid().boundingBox();
    expect(gridBox!.y + gridBox!.height).toBeLessThanOrEqual(OFFICE_WINDOW.height);

    step('统筹负责人撤销作废，写明原因');
    const again = await caseload.openCase('李娜');
    await caseload.restore(again, '不是重复，和平社区的是另一人');
    await again.getByRole('heading', { name: '办理', exact: true }).waitFor();
    await again.getByRole('button', { name: '关闭' }).click();
    await caseload.showVoided(false);
    await expect.poll(() => caseload.total()).toBe('共 2 条');
  });
});
