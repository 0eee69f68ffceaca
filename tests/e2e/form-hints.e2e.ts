/**
 * The app's Chinese hint for a field left wrong (kit/FormHints) at 1366×768: it names the field and lies over no other
 * field's label or box, nor a button, so the coordinator reads it and still sees what comes next. On the first run's
 * one-column form, and in the rows of fields of 人员 and 设置 (a row that wraps has fields below as well as beside).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { COORDINATOR, SetupWizardPage, ShellPage } from './pages/auth-pages';
import { WalkPage } from './pages/walk-page';
import { coveredByHint } from './support/screen-audit';
import { screenshot } from './support/preview';
import { appForEachAttempt, step } from './support/attempt';

const SCREEN = { width: 1366, height: 768 };

/** Presses `button` and returns what the hint says and what it covers. */
async function hintAfter(page: Page, button: string): Promise<{ says: string; covers: string[] }> {
  await page.getByRole('button', { name: button, exact: true }).click();
  const covers = await coveredByHint(page);
  return { says: (await page.locator('.form-hint').textContent()) ?? '', covers };
}

describe('the hint for a field left wrong covers no other field', () => {
  const app = appForEachAttempt(undefined, async ({ page, preview }) => {
    await page.setViewportSize(SCREEN);
    await page.goto(preview.url);
  });

  it('on the first run, and in the rows of fields of 人员 and 设置', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: '首次使用：建立本街道的台账' }).waitFor();

    step('首次使用: each empty field in turn');
    expect(await hintAfter(page, '建立台账')).toEqual({ says: '请填写「街道办事处名称」', covers: [] });
    await page.getByLabel('街道办事处名称').fill(COORDINATOR.office);
    expect(await hintAfter(page, '建立台账')).toEqual({ says: '请填写「您的姓名」', covers: [] });
    await screenshot(page, 'form-hints-first-run');
    await page.getByLabel('您的姓名').fill(COORDINATOR.name);
    expect((await hintAfter(page, '建立台账')).covers).toEqual([]);

    step('into the ledger');
    const wizard = new SetupWizardPage(page);
    await wizard.createLedger(COORDINATOR);
    await wizard.continue();
    await page.getByText('王建国（统筹负责人）').waitFor();

    step('人员: 姓名 has fields beside it and, in the wrapped row, below it');
    await new ShellPage(page).open('人员');
    expect(await hintAfter(page, '登记人员')).toEqual({ says: '请填写「姓名」', covers: [] });
    await screenshot(page, 'form-hints-staff');

    step('设置 › 社区与网格 and 设置 › 用户');
    const walk = new WalkPage(page);
    await walk.openScreen('设置');
    await walk.openTab('社区与网格');
    expect(await hintAfter(page, '添加社区')).toEqual({ says: '请填写「社区名称」', covers: [] });
    await walk.openTab('用户');
    expect(await hintAfter(page, '添加用户')).toEqual({ says: '请填写「姓名」', covers: [] });
    await screenshot(page, 'form-hints-users');
  });
});
