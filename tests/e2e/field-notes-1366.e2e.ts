/**
 * A box's note in a row of fields (kit/Field's `note`: 监测标准's 可填…, 修改岗位类型's 岗位地点, 人员's 不在岗日期) at
 * 1366×678: it hangs under its box, wraps within the box's column, stays inside the window and the form, and the row
 * keeps room for it, so it covers nothing below. Each is tried with its own words and then with the longest note the
 * app writes under a box (the setup wizard's 登录用户名 note), as a longer note later would be.
 * Screenshots: test-output/field-notes-<form>[-long].png.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ADMIN } from '../helpers/ledger';
import { UnlockPage } from './pages/auth-pages';
import { RotaPage, StaffRegisterPage } from './pages/rota-page';
import { SettingsPage } from './pages/settings-page';
import { WalkPage } from './pages/walk-page';
import { step } from './support/attempt';
import { OFFICE_WINDOW } from './support/office-window';
import { screenshot } from './support/preview';
import { preparedLedgerForEachAttempt } from './support/prepared-ledger';

/** The longest note the app writes under a box (SetupWizard's 登录用户名). */
const LONGEST_NOTE =
  '每次解锁台账时填写，操作日志按它记下每一步是谁做的；建议用姓名拼音，如 wangjg（2–32 个字母、数字或汉字，不分大小写），建好后不能修改。录入员和只读查看的账号以后在「设置 › 用户」里另建。';

/** Every shown note in a row of fields under `form`, one line for each that leaves its column, the window or its row. */
async function notesOutOfPlace(form: Locator): Promise<string[]> {
  return form.evaluate((root) => {
    const out: string[] = [];
    for (const note of Array.from(root.querySelectorAll<HTMLElement>('.toolbar > .field > .field-note'))) {
      const n = note.getBoundingClientRect();
      if (n.height === 0) continue;
      const field = note.parentElement!;
      const row = field.parentElement!;
      const box = field.querySelector('input, select, textarea')!.getBoundingClientRect();
      const f = field.getBoundingClientRect();
      const r = row.getBoundingClientRect();
      const name = field.querySelector('label')?.textContent ?? '';
      if (n.left < f.left - 0.5 || n.right > f.right + 0.5) out.push(`「${name}」's note runs out of its column: ${n.left}–${n.right} vs ${f.left}–${f.right}`);
      if (n.right > window.innerWidth) out.push(`「${name}」's note runs past the window's right edge (${n.right} > ${window.innerWidth})`);
      if (n.top < box.bottom) out.push(`「${name}」's note is not under its box`);
      if (n.bottom > r.bottom + 0.5) out.push(`「${name}」's note hangs below its row of fields (${n.bottom} > ${r.bottom})`);
      // Nothing in the row beside or under it is covered (a field or button of the next line).
      for (const other of Array.from(row.children)) {
        if (other === field) continue;
        const o = other.getBoundingClientRect();
        if (o.height > 0 && o.left < n.right && o.right > n.left && o.top < n.bottom && o.bottom > n.top)
          out.push(`「${name}」's note covers 「${(other.textContent ?? '').trim().slice(0, 20)}」`);
      }
    }
    return out;
  });
}

/** The form as it is, then with every note in it as long as LONGEST_NOTE: both in place, both screenshot. */
async function expectNotesInPlace(page: Page, form: Locator, name: string): Promise<void> {
  await expect.poll(() => form.locator('.field-note').count()).toBeGreaterThan(0);
  await form.scrollIntoViewIfNeeded();
  expect(await notesOutOfPlace(form), name).toEqual([]);
  await screenshot(page, `field-notes-${name}`);
  // The form may be the row itself (监测标准's form.toolbar): asked of the form, not of a locator inside it.
  const lengthened = await form.evaluate((root, text) => {
    const notes = Array.from(root.querySelectorAll('.toolbar > .field > .field-note'));
    notes.forEach((n) => (n.textContent = text));
    return notes.length;
  }, LONGEST_NOTE);
  expect(lengthened, name).toBeGreaterThan(0);
  // The row makes room as the note grows (a ResizeObserver's answer, a frame or two later).
  await expect.poll(() => notesOutOfPlace(form), { message: `${name} with the longest note` }).toEqual([]);
  await form.scrollIntoViewIfNeeded();
  await screenshot(page, `field-notes-${name}-long`);
}

describe('a box’s note in a row of fields, at 1366×678', () => {
  const app = preparedLedgerForEachAttempt({
    withLedger: async (t) => {
      const community = await t.call('org.communities.save', { name: '幸福社区' });
      const shifts = await t.call('rota.shifts.list', {});
      await t.call('rota.posts.save', {
        communityId: community.id,
        name: '入户排查组',
        kind: 'screening',
        requirements: [{ shiftId: shifts[0]!.id, headcount: 1 }],
      });
      await t.call('rota.staff.save', { name: '李强', kind: 'community_worker', communityId: community.id });
    },
  });

  it('hangs under its box within the box’s column, its row keeping room for it, with its words and with the longest', async () => {
    const { page, preview } = app;
    await page.setViewportSize(OFFICE_WINDOW);
    await preview.setClock({ instant: '2020-02-17T02:00:00.000Z' });
    await page.goto(preview.url);
    await new UnlockPage(page).unlock(ADMIN.username, ADMIN.password);
    await page.getByText(`${ADMIN.displayName}（统筹负责人）`).waitFor();

    step('设置 › 监测标准：两个框下的「可填…」');
    await new WalkPage(page).openScreen('设置');
    await new SettingsPage(page).tab('监测标准');
    await expectNotesInPlace(page, page.getByRole('form', { name: '监测标准' }), 'health');

    step('排班 › 岗位与班次 › 修改岗位类型：改为卡点值守时岗位地点下的说明');
    await new WalkPage(page).openScreen('排班');
    await new RotaPage(page).tab('岗位与班次');
    const kind = page.getByRole('form', { name: '修改岗位类型' });
    await kind.getByLabel('岗位', { exact: true }).selectOption({ label: '幸福社区 入户排查组（入户排查）' });
    await kind.getByLabel('改为').selectOption({ label: '卡点值守' });
    await expectNotesInPlace(page, kind, 'post-kind');

    step('人员 › 修改人员信息：不在岗日期下的说明');
    const staff = new StaffRegisterPage(page);
    await staff.open('李强');
    await staff.setOffDuty();
    await expectNotesInPlace(page, page.getByRole('form', { name: '修改人员信息' }), 'staff-off-duty');
  });
});
