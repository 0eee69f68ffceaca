import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Core } from '../../electron/core/core';
import { openEncrypted } from '../../electron/core/db/open';
import { ADMIN, ADMIN_NEXT, TEST_KDF, callsOn, rotating } from '../helpers/ledger';
import { stopNextRotationAfterSwitch } from '../helpers/rotation-stop';
import { screenshot } from './support/preview';
import { appForEachAttempt, step } from './support/attempt';
import { preparedLedgerForEachAttempt } from './support/prepared-ledger';
import { COORDINATOR, FirstPasswordPage, SetupWizardPage, ShellPage, SignInNoticesPage, UnlockPage, firstRunAsCoordinator } from './pages/auth-pages';
import { SettingsPage } from './pages/settings-page';

/**
 * Several sign-in notices at once (SignInNotices): a stopped rotation's recovery key never shown, the key history and
 * the audit anchor damaged offline after it. One line says how many and where to start; they come numbered in the
 * order to act on them (what says the file was changed, whose way is a backup, before the new recovery key a restore
 * would replace), and fold to that line so the screen itself is in view at 1366×768.
 */
describe('several sign-in notices: counted, in the order to act on them, foldable', () => {
  const app = preparedLedgerForEachAttempt({
    withAppDir: true,
    withLedger: async (t) => {
      const { id: communityId } = await t.call('org.communities.save', { name: '东风社区' });
      const { id: householdId } = await t.call('households.save', { communityId, addressText: '路1号' });
      await t.call('residents.save', { householdId, name: '王大明', phone: '13803711001', idNumber: '110101199003074514' });
      // A rotation stopped right after its switch, settled by the next sign-in: its recovery key never shown.
      stopNextRotationAfterSwitch();
      expect((await t.raw('users.rotateKeys', rotating())).ok).toBe(false);
    },
    thenClosed: async ({ dataDir, appDir }) => {
      const next = new Core({ dataDir, appDir, kdf: TEST_KDF, failureDelayBaseMs: 5 });
      await callsOn(next).call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
      const dbKey = Buffer.from(next.services.ledger.currentKey());
      next.close();
      // Then, offline, someone with the database key junks the retired keys' list and removes the audit anchor.
      const db = openEncrypted(join(dataDir, 'taizhang.db'), dbKey);
      db.prepare(`UPDATE meta SET value = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE key = 'sensitive_key_history'`).run();
      db.close();
      rmSync(join(dataDir, 'taizhang.anchor.json'));
    },
  });

  it('says how many and where to start, lists them in that order, and folds so the screen is in view', async () => {
    const { page, preview } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    await new UnlockPage(page).unlock(ADMIN.username, ADMIN_NEXT);
    const notices = new SignInNoticesPage(page);

    step('登录：一行说明有几件、从哪件做起；按处理的先后编号：要从备份恢复的在前，生成新的恢复密钥在后');
    const lead = await notices.lead();
    expect(lead).toContain('登录时发现 3 件事');
    expect(lead).toContain('请从第 1 件做起');
    expect(lead).toContain('决定要从备份恢复的，先恢复再做后面的');
    // Before: the recovery key's notice came before the key history's (a restore would replace the sheet made first).
    expect(await notices.order()).toEqual(['操作日志锚点', '旧密钥记录', '恢复密钥已作废：请生成新的']);
    await screenshot(page, 'sign-in-notices-three');

    step('收起：只留一行，工作台本身在 1366×768 的窗口里；换一个界面仍是收起的；展开又都在');
    await notices.fold();
    expect(await notices.count()).toBe(0);
    expect(await notices.lead()).toContain('登录时发现 3 件事，已收起');
    const heading = page.getByRole('heading', { name: '工作台', exact: true });
    expect((await heading.boundingBox())!.y).toBeLessThan(200);
    await screenshot(page, 'sign-in-notices-folded');
    await new ShellPage(page).open('今日随访');
    expect(await notices.count()).toBe(0);
    await notices.unfold();
    expect(await notices.order()).toEqual(['操作日志锚点', '旧密钥记录', '恢复密钥已作废：请生成新的']);
  });
});

describe('a clerk added before a rotation, at their first sign-in after it', () => {
  const app = appForEachAttempt();

  it('the first-password screen says 录入员，暂按只读查看 and why, before the new password', async () => {
    const { page, preview } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
    await new ShellPage(page).open('设置');
    const settings = new SettingsPage(page);
    await settings.tab('用户');
    await settings.addUser({ name: '刘晓燕', username: 'liuxy', role: '录入员', password: 'password-1234' });
    await settings.rotateKeys(COORDINATOR.password, 'wangjg-new-2020');
    expect(await settings.rotationResult().getByRole('status', { name: '需重设密码' }).textContent()).toContain('刘晓燕的密码还打不开新密钥');
    await new SetupWizardPage(page).continue();
    await new ShellPage(page).lock();

    step('刘晓燕用初始密码登录：设密码的页面上写明她是录入员、暂按只读查看，以及为什么、怎么办');
    await new UnlockPage(page).unlock('liuxy', 'password-1234');
    const screen = page.getByRole('main', { name: '设置新密码' });
    // Before: 「刘晓燕（用户名 liuxy，只读查看）」 and nothing on why, until after the new password.
    expect(await screen.textContent()).toContain('刘晓燕（用户名 liuxy，录入员，暂按只读查看）');
    expect(await screen.getByRole('status', { name: '敏感信息密钥' }).textContent()).toContain('请统筹负责人在「设置 → 用户」里为您重设密码');
    await screenshot(page, 'first-password-after-rotation');
    await new FirstPasswordPage(page).setOwn('password-1234', 'liuxy-own-2020');
    await page.getByText('刘晓燕（录入员，暂按只读查看）').waitFor();
  });
});
