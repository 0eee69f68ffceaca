/**
 * The upgrade to coordinator keys confirmed with the recovery key (issue 19, CR1-U; auth/coordinator-upgrade.ts), at
 * 1366×768: a ledger made by the version before coordinator keys; its coordinator signs in and works as 录入员 under
 * the notice 「台账已升级：请用恢复密钥确认一次统筹负责人身份……」; a wrong recovery key is refused in the form; the
 * right one makes them 统筹负责人 at once. The second coordinator of before the upgrade signs in as 录入员 with the
 * 'unvouched' notice naming who is listed, until the first confirms them on 设置 › 用户 with a new initial password; at
 * their first sign-in they are told who confirmed them and who first (CR1-U2) and check the recovery sheet. Screenshots
 * test-output/coordinator-upgrade-*.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettableClock } from '../../electron/core/clock';
import { Core } from '../../electron/core/core';
import { clearMustChangePassword, getUserByName } from '../../electron/core/auth/user-queries';
import { asWriteDb } from '../../electron/core/db/types';
import { ConfirmedByPage, CoordinatorConfirmPage, FirstPasswordPage, ShellPage, UnlockPage } from './pages/auth-pages';
import { SettingsPage } from './pages/settings-page';
import { appForEachAttempt, step } from './support/attempt';
import { openApp, screenshot } from './support/preview';

const INSTANT = '2020-02-17T02:00:00.000Z';
const ADMIN = { username: 'admin', displayName: '王建国', password: 'taizhang2020' };
const DEPUTY = { username: 'deputy', displayName: '李卫东', role: 'coordinator', password: 'taizhang2020' } as const;
const CLERK = { username: 'clerk', displayName: '刘晓燕', role: 'clerk', password: 'taizhang2020' } as const;

/** A ledger as the version before coordinator keys made it: two coordinators and a clerk. Returns its folder and recovery key. */
async function olderLedger(): Promise<{ dataDir: string; recoveryKey: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'taizhang-e2e-upgrade-'));
  const clock = new SettableClock();
  clock.set(INSTANT);
  // As the version before coordinator keys made it (db/keyslot-coordinator.ts).
  const core = new Core({ dataDir, clock, coordinatorKeys: { make: false, rolesAsFound: false } });
  const sid = 'builder';
  const init = await core.call(sid, 'setup.init', { office: { name: '东风街道办事处' }, admin: ADMIN });
  if (init.ok !== true) throw new Error('setup failed');
  for (const u of [DEPUTY, CLERK]) if ((await core.call(sid, 'users.create', { ...u })).ok !== true) throw new Error(`creating ${u.username} failed`);
  const db = asWriteDb(core.services.ledger.handle());
  for (const u of [DEPUTY, CLERK]) clearMustChangePassword(db, getUserByName(db, u.username)!.id, clock.nowIso());
  core.close();
  return { dataDir, recoveryKey: (init.value as { recoveryKey: string }).recoveryKey };
}

describe('a ledger from before coordinator keys: the coordinator confirms once with the recovery key', () => {
  let recoveryKey = '';
  const app = appForEachAttempt(
    async () => {
      const made = await olderLedger();
      recoveryKey = made.recoveryKey;
      return { ...(await openApp({ dataDir: made.dataDir })), cleanup: () => rmSync(made.dataDir, { recursive: true, force: true }) };
    },
    async ({ preview, page }) => {
      await page.setViewportSize({ width: 1366, height: 768 });
      await preview.setClock({ instant: INSTANT });
      await page.goto(preview.url);
    },
  );

  it('notice and form as 录入员; a wrong key refused; the right one makes 统筹负责人; the second coordinator waits, then is confirmed', async () => {
    const { page } = app;
    const unlock = new UnlockPage(page);
    const shell = new ShellPage(page);
    const confirm = new CoordinatorConfirmPage(page);
    const settings = new SettingsPage(page);

    step('王建国登录：暂按录入员，上方说明台账已升级，请用恢复密钥确认');
    await unlock.unlock(ADMIN.username, ADMIN.password);
    await page.getByText(`${ADMIN.displayName}（统筹负责人，暂按录入员）`).waitFor();
    expect(await confirm.notice().textContent()).toContain('台账已升级：请用恢复密钥确认一次统筹负责人身份');
    expect(await confirm.notice().textContent()).toContain('找不到恢复密钥时');
    await screenshot(page, 'coordinator-upgrade-notice');

    step('输错恢复密钥：表单里说「恢复密钥不正确」，身份不变');
    await confirm.confirm('ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-ABCD-EFGH', ADMIN.password);
    expect(await confirm.refusal()).toContain('恢复密钥不正确');
    await screenshot(page, 'coordinator-upgrade-wrong-key');
    expect(await page.getByText(`${ADMIN.displayName}（统筹负责人，暂按录入员）`).count()).toBe(1);

    step('李卫东（升级前也是统筹负责人）先登录看看：录入员，说明名单上是谁、请谁确认');
    await shell.lock();
    await unlock.unlock(DEPUTY.username, DEPUTY.password);
    await page.getByText(`${DEPUTY.displayName}（统筹负责人，暂按录入员）`).waitFor();
    expect(await confirm.notice().textContent()).toContain('台账已升级：请用恢复密钥确认');
    await shell.lock();

    step('王建国输入正确的恢复密钥：当场成为统筹负责人，提示消失');
    await unlock.unlock(ADMIN.username, ADMIN.password);
    await confirm.confirm(recoveryKey, ADMIN.password);
    await page.getByText(`${ADMIN.displayName}（统筹负责人）`).waitFor();
    expect(await confirm.notice().count()).toBe(0);
    await shell.lock();

    step('李卫东再登录：仍按录入员，提示写明名单上现在是王建国（这是以前没人看过的 unvouched 提示）');
    await unlock.unlock(DEPUTY.username, DEPUTY.password);
    await page.getByText(`${DEPUTY.displayName}（统筹负责人，暂按录入员）`).waitFor();
    const waiting = (await confirm.notice().textContent()) ?? '';
    expect(waiting).toContain(`名单上现在的统筹负责人是：${ADMIN.displayName}`);
    expect(waiting).toContain('「设置 › 用户」确认一次');
    await screenshot(page, 'coordinator-upgrade-unvouched');
    await shell.lock();

    step('王建国在 设置 › 用户 看到待确认的李卫东，点「确认」');
    await unlock.unlock(ADMIN.username, ADMIN.password);
    await page.getByText(`${ADMIN.displayName}（统筹负责人）`).waitFor();
    // Said at sign-in too (before, only on 设置 › 用户), with the way there.
    const atSignIn = confirm.pendingAtSignIn();
    expect(await atSignIn.textContent()).toContain(`${DEPUTY.displayName} 在升级前是统筹负责人`);
    await screenshot(page, 'coordinator-upgrade-pending-at-sign-in');
    await atSignIn.getByRole('link', { name: /设置 → 用户/ }).click();
    await confirm.pending().waitFor();
    expect(await confirm.pending().textContent()).toContain('以下账号在升级前是统筹负责人');
    expect(await confirm.pending().textContent()).toContain(DEPUTY.displayName);
    expect(await settings.keys().textContent()).toContain(`台账升级后，第一位统筹负责人是${ADMIN.displayName}（账号 ${ADMIN.username}）`);
    await screenshot(page, 'coordinator-upgrade-pending');
    await confirm.answer(DEPUTY.displayName, '确认');
    await screenshot(page, 'coordinator-upgrade-confirming');
    await confirm.confirmWith(DEPUTY.displayName, 'deputy-init-2020');
    await page.getByText(`已确认「${DEPUTY.displayName}」是统筹负责人`).waitFor();
    await expect.poll(() => confirm.pendingAtSignIn().count()).toBe(0);
    await screenshot(page, 'coordinator-upgrade-confirmed');
    await shell.lock();

    step('李卫东用新的初始密码登录：设密码的页面上说明是王建国确认的、第一位是谁、名单上有谁，请他用恢复密钥核对');
    const confirmedBy = new ConfirmedByPage(page);
    await unlock.unlock(DEPUTY.username, 'deputy-init-2020');
    await confirmedBy.notice().waitFor();
    const told = (await confirmedBy.notice().textContent()) ?? '';
    expect(told).toContain(`${ADMIN.displayName}（账号 ${ADMIN.username}）于 2020-02-17 10:00 在「设置 › 用户」确认您为统筹负责人`);
    expect(told).toContain(`本台账第一位确认的统筹负责人是${ADMIN.displayName}（账号 ${ADMIN.username}）`);
    expect(told).toContain(`现在名单上的统筹负责人：${ADMIN.displayName}、${DEPUTY.displayName}。`);
    expect(told).toContain('初始密码也是对方设的');
    expect(told).not.toContain('他设');
    // Five characters: the field named once (it read 「恢复密钥」恢复密钥不完整).
    expect(await confirmedBy.checkTooShort('ABCDE')).toBe('输入有误：「恢复密钥」不完整，请对照打印或抄写的那张纸全部输入。');
    await screenshot(page, 'coordinator-upgrade-sheet-too-short');
    expect(await confirmedBy.check('ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-ABCD-EFGH', '核对没有通过')).toContain('有人用另一张恢复密钥把自己确认成了统筹负责人');
    await screenshot(page, 'coordinator-upgrade-sheet-refused');
    // Notice, refused check and the password form on one 1366×768 screen: nothing to scroll to (was 826 px tall).
    expect(await page.evaluate(() => document.documentElement.scrollHeight), '设置密码页需要滚动').toBeLessThanOrEqual(768);
    expect(await confirmedBy.check(recoveryKey, '核对通过')).toContain('统筹负责人的身份是用它确认或建立的');
    await screenshot(page, 'coordinator-upgrade-confirmed-by');

    step('李卫东设好自己的密码：是统筹负责人，提示留在上方，点「我已看过」后消失，再登录也不再出现');
    await new FirstPasswordPage(page).setOwn('deputy-init-2020', 'deputy-own-2020');
    await page.getByText(`${DEPUTY.displayName}（统筹负责人）`).waitFor();
    expect(await confirm.notice().count()).toBe(0);
    await confirmedBy.notice().waitFor();
    await screenshot(page, 'coordinator-upgrade-confirmed-by-shell');
    await confirmedBy.seen();
    await shell.lock();
    await unlock.unlock(DEPUTY.username, 'deputy-own-2020');
    await page.getByText(`${DEPUTY.displayName}（统筹负责人）`).waitFor();
    expect(await confirmedBy.notice().count()).toBe(0);

    step('设置 › 用户 › 密钥：写明第一位是谁，随时可以用恢复密钥核对');
    await shell.open('设置');
    await settings.tab('用户');
    const keys = settings.keys();
    expect(await confirmedBy.check(recoveryKey, '核对通过', keys)).toContain('统筹负责人的身份是用它确认或建立的');
    await keys.getByLabel('核对结果').scrollIntoViewIfNeeded();
    await screenshot(page, 'coordinator-upgrade-keys-check');
  });
});
