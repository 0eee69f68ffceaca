import { cpSync, existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Core } from '../../electron/core/core';
import { openEncrypted } from '../../electron/core/db/open';
import { ADMIN, PASSWORD, openTestLedger } from '../helpers/ledger';
import { findSlot, readKeyring, RECOVERY_SLOT, replaceSlot, writeKeyring } from '../../electron/core/db/keyring';
import { launchBrowser, newPage, screenshot, startPreview } from './support/preview';
import { appForEachAttempt } from './support/attempt';
import { OFFICE_WINDOW } from './support/office-window';
import { preparedLedgerForEachAttempt } from './support/prepared-ledger';
import { LedgerProblemPage, ShellPage, UnlockPage } from './pages/auth-pages';

/**
 * An office PC's 1366×768 screen: the app's window has less than 768 (title bar, taskbar; a browser's bar in preview),
 * so every button of the problem screen must sit inside 1366×768 unscrolled, with that much to spare below. Before: the
 * one-account screen was 807 px tall, its buttons ending at 748 px, under a taskbar.
 */
async function expectButtonsInWindow(page: Page, names: string[]): Promise<void> {
  const buttons = await new LedgerProblemPage(page).buttons();
  expect(buttons.map((b) => b.name)).toEqual(names);
  for (const b of buttons) {
    expect(b.right, `「${b.name}」 past the right edge`).toBeLessThanOrEqual(OFFICE_WINDOW.width);
    expect(b.bottom, `「${b.name}」 below a 1366×768 screen less its window bars`).toBeLessThanOrEqual(OFFICE_WINDOW.height);
  }
}

describe('startup with a ledger that cannot be opened', () => {
  let broken: string;
  let good: string;
  const app = appForEachAttempt(async () => {
    broken = mkdtempSync(join(tmpdir(), 'taizhang-broken-'));
    good = mkdtempSync(join(tmpdir(), 'taizhang-good-'));
    // A plain, unencrypted SQLite file where the ledger should be, beside a keyring.
    const plain = new BetterSqlite3(join(broken, 'taizhang.db'));
    plain.exec('CREATE TABLE t (a)');
    plain.close();
    writeFileSync(join(broken, 'taizhang.keyring.json'), JSON.stringify({ format: 'taizhang-keyring', version: 1, ledgerId: 'x', dbSalt: '', slots: [] }));
    const core = new Core({ dataDir: good });
    await core.call('s', 'setup.init', { office: { name: '红旗街道办事处' }, admin: { username: 'admin', displayName: '赵敏', password: 'password-123' } });
    core.close();
    const preview = await startPreview({ dataDir: broken });
    const browser = await launchBrowser();
    const cleanup = () => {
      rmSync(broken, { recursive: true, force: true });
      rmSync(good, { recursive: true, force: true });
    };
    return { preview, browser, page: await newPage(browser), cleanup };
  });

  it('says what happened in Chinese, deletes nothing, and opens another ledger', async () => {
    const { page, preview } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    await page.getByRole('heading', { name: '台账无法打开' }).waitFor();
    // No way back to a sign-in that was never reached.
    expect(await page.getByRole('button', { name: '返回解锁' }).count()).toBe(0);
    expect(await page.getByRole('alert').textContent()).toContain('不是本程序的台账');
    await expectButtonsInWindow(page, ['打开这个台账', '退出程序']);
    await screenshot(page, 'damaged-ledger-startup');
    await page.getByLabel('台账文件夹路径').fill(good);
    await page.getByRole('button', { name: '打开这个台账' }).click();
    const unlock = new UnlockPage(page);
    await unlock.unlock('admin', 'password-123');
    await page.getByText('红旗街道办事处').waitFor();
  });
});

/** Where a backed-up ledger's folders are, for the attempt under way. */
interface BackedUp {
  dataDir: string;
  stick: string;
  backup: string;
}

/**
 * A ledger (with a clerk when `withClerk`) backed up to a stick, then changed offline by `damage` (given the database
 * key), in a fresh preview for every attempt.
 */
function backedUpThenDamaged(prefix: string, damage: (dataDir: string, dbKey: Buffer) => void, withClerk = false) {
  const at: BackedUp = { dataDir: '', stick: '', backup: '' };
  const app = appForEachAttempt(async () => {
    at.dataDir = mkdtempSync(join(tmpdir(), prefix));
    at.stick = mkdtempSync(join(tmpdir(), 'taizhang-stick-'));
    const t = await openTestLedger({ dir: at.dataDir, office: '红旗街道办事处' });
    if (withClerk) await t.sessionAs('clerk', 'clerk1');
    at.backup = (await t.call('backup.create', { folder: at.stick })).path;
    const dbKey = Buffer.from(t.core.services.ledger.currentKey());
    t.close();
    damage(at.dataDir, dbKey);
    const preview = await startPreview({ dataDir: at.dataDir });
    const browser = await launchBrowser();
    const cleanup = () => {
      rmSync(at.dataDir, { recursive: true, force: true });
      rmSync(at.stick, { recursive: true, force: true });
    };
    return { preview, browser, page: await newPage(browser), cleanup };
  });
  return { app, at };
}

/** As the problem screen says: the backup folder copied, the copy opened there, the coordinator signs in to it. */
async function openBackupCopy(page: Page, at: BackedUp): Promise<void> {
  const copy = join(at.stick, '恢复出的台账');
  cpSync(at.backup, copy, { recursive: true });
  await page.getByLabel('台账文件夹路径').fill(copy);
  await page.getByRole('button', { name: '打开这个台账' }).click();
  await new UnlockPage(page).unlock(ADMIN.username, ADMIN.password);
}

describe('a ledger refused at the password (a trigger the program did not make)', () => {
  // Someone with the database key alone puts a trigger in, offline (S33-A7): the password is right, the file refused.
  const { app, at } = backedUpThenDamaged('taizhang-e2e-trigger-', (dataDir, dbKey) => {
    const db = openEncrypted(join(dataDir, 'taizhang.db'), dbKey);
    db.exec(`CREATE TRIGGER keep_off BEFORE INSERT ON meta BEGIN SELECT 1; END`);
    db.close();
  });

  it('leads from the refusal to the ways out: back to the sign-in, or a copy of a backup opened', async () => {
    const { page, preview } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    const unlock = new UnlockPage(page);
    await unlock.unlock(ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { name: '台账无法打开' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('不是本程序建立的触发器（keep_off）');
    // Where the ledger is, and where a backup is and how to use it without a session.
    const screen = (await page.locator('main').textContent()) ?? '';
    expect(screen).toContain(at.dataDir);
    expect(screen).toContain('台账备份_');
    expect(screen).toContain('复制');
    await expectButtonsInWindow(page, ['打开这个台账', '返回解锁', '退出程序']);
    await screenshot(page, 'damaged-ledger-at-unlock');
    // Another account may still be fine (a damaged slot is one account's): the way back to the sign-in stays.
    await page.getByRole('button', { name: '返回解锁' }).click();
    await unlock.unlock(ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { name: '台账无法打开' }).waitFor();
    // The backup copied, as the screen says, and the copy opened: the backup itself stays as it was made.
    await openBackupCopy(page, at);
    await page.getByText('红旗街道办事处').waitFor();
    expect(existsSync(join(at.dataDir, 'taizhang.db'))).toBe(true);
    expect(existsSync(join(at.backup, 'taizhang.throttle.json'))).toBe(false);
  });
});

describe("one account's key slot damaged (the ledger itself sound)", () => {
  let recoveryKey: string;
  const app = preparedLedgerForEachAttempt({
    withLedger: async (t) => {
      recoveryKey = t.recoveryKey;
      await t.sessionAs('clerk', 'clerk1');
    },
    // A changed scrypt parameter in the only coordinator's slot, offline: that slot opens under no password.
    thenClosed: ({ dataDir }) => {
      const path = join(dataDir, 'taizhang.keyring.json');
      const keyring = readKeyring(path);
      const slot = findSlot(keyring, ADMIN.username)!;
      writeKeyring(path, replaceSlot(keyring, { ...slot, kdf: { ...slot.kdf, N: 1000 } }));
    },
  });

  it('says it is this account, not 台账无法打开; the recovery key is one click away and opens the ledger; others sign in', async () => {
    const { page, preview } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    const unlock = new UnlockPage(page);
    await unlock.unlock(ADMIN.username, ADMIN.password);
    const said = await unlock.accountKeyDamaged();
    // Before: the whole-ledger problem screen.
    expect(await page.getByRole('heading', { name: '台账无法打开' }).count()).toBe(0);
    expect(said).toContain(`「${ADMIN.username}」那一项已损坏`);
    expect(said).toContain('其他用户仍可正常解锁');
    expect(said).toContain('唯一的统筹负责人');
    await screenshot(page, 'account-key-damaged-1366');
    // Another account on the same form.
    await unlock.unlock('clerk1', PASSWORD);
    await page.getByText('红旗街道办事处').waitFor();
    await new ShellPage(page).lock();
    await unlock.unlock(ADMIN.username, ADMIN.password);
    await unlock.accountKeyDamaged();
    await page.getByRole('button', { name: '用恢复密钥重设密码' }).click();
    await page.getByRole('heading', { name: '用恢复密钥重设密码' }).waitFor();
    await unlock.recover(ADMIN.username, recoveryKey, 'after-recovery-1');
    await page.getByText('红旗街道办事处').waitFor();
  });
});

describe("the only coordinator's key and the recovery key's both damaged: a backup is the way", () => {
  // Both slots that could reset the coordinator's password, changed offline: no key is left for that account.
  const { app, at } = backedUpThenDamaged(
    'taizhang-e2e-noslot-',
    (dataDir) => {
      const path = join(dataDir, 'taizhang.keyring.json');
      let keyring = readKeyring(path);
      for (const name of [ADMIN.username, RECOVERY_SLOT]) {
        const slot = findSlot(keyring, name)!;
        keyring = replaceSlot(keyring, { ...slot, kdf: { ...slot.kdf, N: 1000 } });
      }
      writeKeyring(path, keyring);
    },
    true,
  );

  it('leads from the unlock form to where a copy of a backup is opened, and back; the copy opens', async () => {
    const { page, preview } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    const unlock = new UnlockPage(page);
    await unlock.unlock(ADMIN.username, ADMIN.password);
    const said = await unlock.accountKeyDamaged();
    expect(said).toContain('密钥文件里恢复密钥那一项也已损坏');
    // Before: the form said 请从备份恢复 and offered nothing; no recovery-key button, which could only fail.
    expect(await page.getByRole('button', { name: '用恢复密钥重设密码' }).count()).toBe(0);
    await screenshot(page, 'account-key-damaged-backup-way');
    await unlock.toBackup();
    // Not 台账无法打开 (the ledger is sound); where it is, how to use a backup without a session, the way back.
    expect(await page.getByRole('heading', { name: '台账无法打开' }).count()).toBe(0);
    const screen = (await page.locator('main').textContent()) ?? '';
    expect(screen).toContain(at.dataDir);
    expect(screen).toContain('台账备份_');
    expect(screen).toContain('录入员和只读查看的人仍可用自己的密码解锁');
    await expectButtonsInWindow(page, ['打开这个台账', '返回解锁', '退出程序']);
    await screenshot(page, 'account-key-damaged-backup-screen');
    await page.getByRole('button', { name: '返回解锁' }).click();
    await unlock.unlock('clerk1', PASSWORD);
    await page.getByText('红旗街道办事处').waitFor();
    await new ShellPage(page).lock();
    await unlock.unlock(ADMIN.username, ADMIN.password);
    await unlock.toBackup();
    await openBackupCopy(page, at);
    await page.getByText('王建国（统筹负责人）').waitFor();
  });
});
