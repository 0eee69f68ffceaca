/**
 * 重设密码 refused because the keyring's rotation records do not lead back to the key the colleague's account is pinned
 * to (auth/coordinator-key.ts refuseKeyNotFromPin; PH2-K1 and PH2-K2 of the thirteenth attack run's phase 2): the
 * words say what is known and what to do, on 设置 › 用户 at 1366×768. The folder is made in-process (the demo office, a
 * second coordinator, a rotation while they are away) and the records deleted from the file, as someone with the files
 * would. Screenshot: test-output/lineage-refusal.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettableClock } from '../../electron/core/clock';
import { Core } from '../../electron/core/core';
import { buildDemoLedger, DEMO_USERS } from '../../electron/core/demo/build-demo';
import { readKeyring, writeKeyring } from '../../electron/core/db/keyring';
import { ShellPage, UnlockPage } from './pages/auth-pages';
import { SettingsPage } from './pages/settings-page';
import { appForEachAttempt, step } from './support/attempt';
import { openApp, screenshot } from './support/preview';

const INSTANT = '2020-02-17T02:00:00.000Z';
const [COORDINATOR] = DEMO_USERS;
const ROTATED = 'taizhang2020-next';

async function folderWithAwayCoordinator(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'taizhang-e2e-lineage-'));
  const clock = new SettableClock();
  clock.set(INSTANT);
  const core = new Core({ dataDir, clock });
  try {
    await buildDemoLedger(core, { residents: 20 });
    const call = async (channel: string, input: unknown) => {
      const r = await core.call('setup', channel as never, input);
      if (r.ok !== true) throw new Error(`${channel}: ${JSON.stringify(r)}`);
    };
    await call('auth.unlock', { username: COORDINATOR.username, password: COORDINATOR.password });
    await call('users.create', { username: 'lifu', displayName: '李福', role: 'coordinator', password: 'qingsong2020' });
    await call('users.rotateKeys', { password: COORDINATOR.password, newPassword: ROTATED, newPasswordAgain: ROTATED });
  } finally {
    core.close();
  }
  const path = join(dataDir, 'taizhang.keyring.json');
  writeKeyring(path, { ...readKeyring(path), coordinatorLineage: [] });
  return dataDir;
}

describe('重设密码 refused for a colleague the rotation records no longer lead back to', () => {
  const app = appForEachAttempt(
    async () => {
      const dataDir = await folderWithAwayCoordinator();
      return { ...(await openApp({ dataDir })), cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
    },
    async ({ preview, page }) => {
      await page.setViewportSize({ width: 1366, height: 768 });
      await preview.setClock({ instant: INSTANT });
      await page.goto(preview.url);
    },
  );

  it('the refusal names the file, the two possible causes and what to do, not a culprit', async () => {
    const { page } = app;
    await new UnlockPage(page).unlock(COORDINATOR.username, ROTATED);
    await page.getByText(`${COORDINATOR.displayName}（统筹负责人）`).waitFor();
    await new ShellPage(page).open('设置');
    const settings = new SettingsPage(page);
    await settings.tab('用户');
    step('李福 was away during the rotation and its records were deleted from the file: 重设密码 is refused');
    await settings.grid('用户列表').getByRole('row').filter({ hasText: '李福' }).getByRole('button', { name: '重设密码' }).click();
    const form = page.getByRole('form', { name: '重设密码' });
    await form.getByLabel(/新的初始密码/).fill('lifu-init-2020');
    await form.getByRole('button', { name: '重设密码' }).click();
    const said = page.getByRole('alert').filter({ hasText: '更换密钥记录' });
    await said.waitFor();
    const words = (await said.textContent()) ?? '';
    expect(words).toContain('「李福」的账号固定在一把更早的统筹负责人密钥上');
    expect(words).toContain('密钥文件在本程序之外被改动过');
    expect(words).toContain('停用这个账号再新建一个');
    await screenshot(page, 'lineage-refusal');
  });
});
