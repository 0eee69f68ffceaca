import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSlot, readKeyring, RECOVERY_SLOT, replaceSlot, writeKeyring } from '../../electron/core/db/keyring';
import type { KeySlotV2 } from '../../electron/core/db/keyslot';
import { RECOVERY_NOTICE_NAME } from '../../electron/core/auth/recovery-notice.shared';
import { ADMIN } from '../helpers/ledger';
import { screenshot } from './support/preview';
import { step } from './support/attempt';
import { expectInOfficeWindow } from './support/office-window';
import { preparedLedgerForEachAttempt } from './support/prepared-ledger';
import { UnlockPage } from './pages/auth-pages';

/**
 * The recovery slot changed in the keyring file outside the program (S40-A1): the coordinator's sign-in and
 * 设置 › 用户 › 密钥 say 「恢复密钥那一项可能被改动过」, and what to do next (用恢复密钥核对, 生成新的恢复密钥) is in a
 * 1366×678 window, the page an office PC's 1366×768 screen leaves the app.
 */
describe('a recovery slot changed outside the program, seen at the office window', () => {
  const app = preparedLedgerForEachAttempt({
    thenClosed: ({ dataDir }) => {
      const path = join(dataDir, 'taizhang.keyring.json');
      const keyring = readKeyring(path);
      const slot = findSlot(keyring, RECOVERY_SLOT) as KeySlotV2;
      const salt = (parseInt(slot.salt.slice(0, 2), 16) ^ 0xff).toString(16).padStart(2, '0') + slot.salt.slice(2);
      writeKeyring(path, replaceSlot(keyring, { ...slot, salt }));
    },
  });

  it('says so at the sign-in and on 密钥, the check and the new sheet in sight', async () => {
    const { page, preview } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    await new UnlockPage(page).unlock(ADMIN.username, ADMIN.password);

    step('登录：提示说恢复密钥那一项可能被改动过，去核对或生成的链接在窗口里');
    const notice = page.getByRole('alert', { name: RECOVERY_NOTICE_NAME.altered });
    await notice.waitFor();
    await screenshot(page, 'recovery-slot-altered-sign-in');
    const link = notice.getByRole('link');
    await expectInOfficeWindow(page, link, '到「设置 → 用户 → 密钥」核对或生成');

    step('点链接：密钥的提示、「用恢复密钥核对」和「生成新的恢复密钥」都在 1366×678 的窗口里');
    await link.click();
    const keys = page.getByRole('region', { name: '密钥' });
    await keys.getByRole('alert', { name: RECOVERY_NOTICE_NAME.altered }).waitFor();
    await screenshot(page, 'recovery-slot-altered-keys');
    // Before: the link opened 用户 at its top, 密钥 under the users' list, 「用恢复密钥核对」 at 1024 px of 678.
    await expectInOfficeWindow(page, keys.getByRole('heading', { name: '密钥' }), '密钥');
    await expectInOfficeWindow(page, keys.getByRole('button', { name: '用恢复密钥核对' }), '用恢复密钥核对');
    await expectInOfficeWindow(page, keys.getByRole('button', { name: '生成新的恢复密钥' }), '生成新的恢复密钥');
    expect(await preview.rpc('users.keyStatus', {})).toMatchObject({ recoverySlotAltered: true });
  });
});
