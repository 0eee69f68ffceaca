import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncrypted } from '../../electron/core/db/open';
import { ADMIN, ADMIN_NEXT, rotating } from '../helpers/ledger';
import { screenshot } from './support/preview';
import { step } from './support/attempt';
import { preparedLedgerForEachAttempt } from './support/prepared-ledger';
import { ShellPage, UnlockPage } from './pages/auth-pages';
import { SettingsPage } from './pages/settings-page';

/**
 * S34-A5: the key history junked offline after a rotation. The coordinator is told at sign-in, on 设置 › 用户 › 密钥
 * and by 操作日志's check, and 更换密钥 starts the history afresh only once they tick that they accept it.
 */
describe('a junked key history is said, and 更换密钥 asks before starting it afresh', () => {
  let dbKey: Buffer;
  const app = preparedLedgerForEachAttempt({
    withLedger: async (t) => {
      const { id: communityId } = await t.call('org.communities.save', { name: '东风社区' });
      const { id: householdId } = await t.call('households.save', { communityId, addressText: '路1号' });
      await t.call('residents.save', { householdId, name: '王大明', phone: '13803711001', idNumber: '110101199003074514' });
      await t.call('users.rotateKeys', rotating());
      dbKey = Buffer.from(t.core.services.ledger.currentKey());
    },
    // Someone with the database key alone, offline: the retired keys' list overwritten.
    thenClosed: ({ dataDir }) => {
      const db = openEncrypted(join(dataDir, 'taizhang.db'), dbKey);
      db.prepare(`UPDATE meta SET value = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE key = 'sensitive_key_history'`).run();
      db.close();
    },
  });

  it('tells the coordinator at sign-in, on 密钥 and by the log check; the rotation asks, then says what it gave up', async () => {
    const { page, preview } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    await new UnlockPage(page).unlock(ADMIN.username, ADMIN_NEXT);

    step('登录时：上方说明旧密钥记录已损坏、哪些记录看不了、怎么办');
    const atSignIn = page.getByRole('alert', { name: '旧密钥记录' });
    const said = (await atSignIn.textContent()) ?? '';
    expect(said).toContain('旧密钥记录');
    expect(said).toContain('已损坏');
    expect(said).toMatch(/上次更换密钥之前的 \d+ 条操作日志记录/);
    expect(said).toContain('备份恢复回来');
    await screenshot(page, 'key-history-sign-in');

    step('设置 → 用户 → 密钥：同样的说明');
    await new ShellPage(page).open('设置');
    const settings = new SettingsPage(page);
    await settings.tab('用户');
    const onKeys = settings.keys().getByRole('alert', { name: '旧密钥记录' });
    expect(await onKeys.textContent()).toContain('已损坏');
    await onKeys.scrollIntoViewIfNeeded();
    await screenshot(page, 'key-history-keys-panel');

    step('操作日志：校验日志完整性时一并说明');
    await settings.tab('操作日志');
    await settings.verifyAudit();
    expect(await page.getByRole('alert', { name: '日志校验：旧密钥记录' }).textContent()).toContain('无法查看');
    // The unlock that found it is in the log, in words (once).
    expect(await page.getByText(/解锁时发现：台账里保存的旧密钥记录已损坏/).count()).toBe(1);
    await screenshot(page, 'key-history-audit-check');

    step('更换密钥：不勾选就不更换；勾选「确认重新开始记录旧密钥」后更换，结果里说明');
    await settings.tab('用户');
    await settings.keys().getByRole('button', { name: '更换密钥' }).click();
    const dialog = page.getByRole('dialog', { name: '确认更换密钥' });
    expect(await dialog.getByRole('alert', { name: '旧密钥记录' }).textContent()).toContain('从此再也无法查看');
    await settings.fillRotationPasswords(dialog, ADMIN_NEXT, 'correct-horse-3');
    await dialog.getByRole('button', { name: '确认更换密钥' }).click();
    await dialog.getByRole('alert').filter({ hasText: '请勾选「确认重新开始记录旧密钥」' }).waitFor();
    await screenshot(page, 'key-history-rotation-asks');
    await dialog.getByLabel('确认重新开始记录旧密钥').check();
    await dialog.getByRole('button', { name: '确认更换密钥' }).click();
    const result = settings.rotationResult();
    await result.waitFor();
    expect(await result.getByRole('status', { name: '旧密钥记录' }).textContent()).toContain('重新开始记录');
    await screenshot(page, 'key-history-rotated');
  });
});
