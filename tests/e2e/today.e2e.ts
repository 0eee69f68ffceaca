/**
 * 今日随访 with more people due than one page shows: the count is the whole
 * count, every page comes from the core, and 「在人员台账中查看全部」 opens the
 * case grid with the matching filter. Nobody is left off a page that silently stops.
 */
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/core/people/id-number';
import { SetupWizardPage, ShellPage } from './pages/auth-pages';
import { CaseloadPage, TodayPage } from './pages/caseload-page';
import { screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';

const PEOPLE = 19; // three pages of eight

describe('今日随访: more people than a page', () => {
  const app = appForEachAttempt(undefined, ({ preview }) => preview.setClock({ instant: '2020-02-17T01:30:00.000Z' }));

  it('pages 逾期未监测 from the core and links to all of them in 人员台账', async () => {
    const { page, preview } = app;
    await page.goto(preview.url);
    const wizard = new SetupWizardPage(page);
    await wizard.createLedger({ office: '东风街道办事处', name: '王建国', username: 'admin', password: 'taizhang2020' });
    await wizard.continue();
    const rpc = async <T>(channel: string, input: unknown) => (await preview.rpc(channel, input)) as T;
    const xingfu = (await rpc<{ id: number }>('org.communities.save', { name: '幸福社区' })).id;
    const grid = (await rpc<{ id: number }>('org.grids.save', { communityId: xingfu, name: '第一网格' })).id;
    const h = (await rpc<{ id: number }>('households.save', { communityId: xingfu, gridId: grid, addressText: '幸福路1号' })).id;
    for (let n = 1; n <= PEOPLE; n++) {
      const r = (await rpc<{ id: number }>('residents.save', { householdId: h, name: `观察${n}`, idNumber: makeIdNumber('410102', '1980-01-01', n) })).id;
      await rpc('cases.open', { residentId: r, category: 'home_observation', obsStartOn: '2020-02-15', openedOn: '2020-02-15' });
    }

    const shell = new ShellPage(page);
    await shell.open('今日随访');
    const today = new TodayPage(page);
    const overdue = today.section('逾期未监测');
    await expect.poll(() => overdue.locator('.cl-count').textContent()).toBe(String(PEOPLE));
    const seen = await today.names('逾期未监测');
    expect(seen).toHaveLength(8);
    expect(await page.getByRole('navigation', { name: '逾期未监测分页' }).textContent()).toContain(`第 1 / 3 页（共 ${PEOPLE} 条，每页 8 条）`);
    await screenshot(page, 'today-paged-first');
    await today.nextPage('逾期未监测');
    seen.push(...(await today.names('逾期未监测')));
    await today.nextPage('逾期未监测');
    const last = await today.names('逾期未监测');
    expect(last).toHaveLength(PEOPLE - 16);
    seen.push(...last);
    await screenshot(page, 'today-paged-last');
    expect(new Set(seen).size).toBe(PEOPLE);
    expect([...seen].sort()).toEqual(Array.from({ length: PEOPLE }, (_, i) => `观察${i + 1}`).sort());
    // The other kind keeps its own page.
    expect(await today.names('今日待监测')).toHaveLength(8);

    await overdue.getByRole('link', { name: `在人员台账中查看全部 ${PEOPLE} 人` }).click();
    const caseload = new CaseloadPage(page);
    await expect.poll(() => caseload.total()).toBe(`共 ${PEOPLE} 条`);
    expect(await page.getByLabel('只看逾期未监测').isChecked()).toBe(true);
    await screenshot(page, 'today-whole-list');
  });
});
