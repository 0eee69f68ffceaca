/** Page objects for the first-run wizard and the unlock screen, by the labels a user reads. */
import type { Locator, Page } from 'playwright-core';

export class SetupWizardPage {
  constructor(private readonly page: Page) {}
  async createLedger(o: { office: string; name: string; username: string; password: string }): Promise<string> {
    const p = this.page;
    await p.getByRole('heading', { name: '首次使用：建立本街道的台账' }).waitFor();
    await p.getByLabel('街道办事处名称').fill(o.office);
    await p.getByLabel('您的姓名').fill(o.name);
    await p.getByLabel('登录用户名').fill(o.username);
    await p.getByLabel('密码（至少 8 位）').fill(o.password);
    await p.getByLabel('再输一次密码').fill(o.password);
    await p.getByRole('button', { name: '建立台账' }).click();
    await p.getByRole('heading', { name: '请保存恢复密钥' }).waitFor();
    await p.getByRole('button', { name: '打印恢复密钥' }).waitFor();
    return this.recoveryKey();
  }
  /** The key as the user reads it: its groups, in order, joined by dashes. */
  async recoveryKey(): Promise<string> {
    return (await this.page.getByLabel('恢复密钥').locator('.recovery-chars').allTextContents()).join('-');
  }
  /**
   * Types the last group back, as the screen asks, and goes on: 「我已妥善保存，进入台账」 at setup and at a sign-in,
   * 「我已妥善保存，回到用户列表」 after a rotation on 设置 › 用户.
   */
  async continue(lastGroup?: string): Promise<void> {
    const last = lastGroup ?? (await this.recoveryKey()).split('-').pop()!;
    await this.page.getByLabel(/最后 4 位/).fill(last);
    await this.page.getByRole('button', { name: /^我已妥善保存，(进入台账|回到用户列表)$/ }).click();
  }
}

export class UnlockPage {
  constructor(private readonly page: Page) {}
  async unlock(username: string, password: string): Promise<void> {
    const p = this.page;
    await p.getByRole('heading', { name: '解锁台账' }).waitFor();
    await p.getByLabel('用户名').fill(username);
    await p.getByLabel('密码').fill(password);
    await p.getByRole('button', { name: '解锁' }).click();
  }
  async error(): Promise<string> {
    const alert = this.page.getByRole('alert');
    await alert.waitFor();
    return (await alert.textContent()) ?? '';
  }
  /** One account's key slot that cannot be opened (ACCOUNT_KEY_DAMAGED): what the unlock form says about it. */
  async accountKeyDamaged(): Promise<string> {
    const box = this.page.getByRole('alert', { name: '这个账号的密钥无法打开' });
    await box.waitFor();
    return (await box.textContent()) ?? '';
  }
  /** No key left for the account (ACCOUNT_KEY_DAMAGED's 'backup' way): its button to the screen where a backup is opened. */
  async toBackup(): Promise<void> {
    await this.page.getByRole('alert', { name: '这个账号的密钥无法打开' }).getByRole('button', { name: '从备份打开台账' }).click();
    await this.page.getByRole('heading', { name: '统筹负责人的账号打不开：用备份' }).waitFor();
  }
  /** 「忘记密码？用恢复密钥」: the recovery form, and what it says about the recovery key of before a rotation. */
  async openRecovery(): Promise<string> {
    await this.page.getByRole('button', { name: '忘记密码？用恢复密钥' }).click();
    await this.page.getByRole('heading', { name: '用恢复密钥重设密码' }).waitFor();
    return (await this.page.getByRole('note', { name: '旧的恢复密钥' }).textContent()) ?? '';
  }
  async recover(username: string, recoveryKey: string, newPassword: string): Promise<void> {
    const p = this.page;
    await p.getByLabel('用户名').fill(username);
    await p.getByLabel('恢复密钥', { exact: true }).fill(recoveryKey);
    await p.getByLabel('新密码（至少 8 位）').fill(newPassword);
    await p.getByRole('button', { name: '重设密码并解锁' }).click();
  }
}

/** 台账无法打开, or one account's key with none left to reset it (统筹负责人的账号打不开：用备份): the ways out. */
export class LedgerProblemPage {
  constructor(private readonly page: Page) {}
  /**
   * Where each button the screen offers sits in the window as it opens, unscrolled (page coordinates: the window is not
   * scrolled first), by its name: 打开这个台账, 返回解锁 (when the refusal came at the password), 退出程序.
   */
  async buttons(): Promise<Array<{ name: string; right: number; bottom: number }>> {
    const main = this.page.getByRole('main');
    await main.getByRole('button', { name: '退出程序' }).waitFor();
    return main.getByRole('button').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { name: (el.textContent ?? '').trim(), right: Math.ceil(r.right + window.scrollX), bottom: Math.ceil(r.bottom + window.scrollY) };
      }),
    );
  }
}

/** The first unlock of an account a coordinator made: the user sets a password only they know before anything else. */
export class FirstPasswordPage {
  constructor(private readonly page: Page) {}
  /** Why the screen asks, as the user reads it. */
  async why(): Promise<string> {
    const note = this.page.getByRole('note', { name: '为什么要改密码' });
    await note.waitFor();
    return (await note.textContent()) ?? '';
  }
  async setOwn(initial: string, own: string, again = own): Promise<void> {
    const form = this.page.getByRole('main', { name: '设置新密码' }).getByRole('form', { name: '修改密码' });
    await form.getByLabel(/初始密码/).fill(initial);
    await form.getByLabel('新密码（至少 8 位）').fill(own);
    await form.getByLabel('再输一次新密码').fill(again);
    await form.getByRole('button', { name: '设置新密码并进入台账' }).click();
  }
}

export class ShellPage {
  constructor(private readonly page: Page) {}
  async open(screen: string): Promise<void> {
    await this.page.getByRole('navigation', { name: '导航' }).getByRole('link', { name: screen, exact: true }).click();
  }
  async lock(): Promise<void> {
    await this.page.getByRole('button', { name: '锁定' }).click();
    await this.page.getByRole('heading', { name: '解锁台账' }).waitFor();
  }
  /** Above every screen: why this sign-in has no sensitive key (a clerk or coordinator working as 只读查看). */
  keyNotice(): Locator {
    return this.page.getByRole('status', { name: '敏感信息密钥' });
  }
  /** Above every screen, for a coordinator: the audit anchor's finding at sign-in. */
  anchorFinding(): Locator {
    return this.page.getByRole('alert', { name: '操作日志锚点' });
  }
}

/** Above every screen, two or more sign-in notices: one line saying how many, then the notices numbered, foldable. */
export class SignInNoticesPage {
  constructor(private readonly page: Page) {}
  private region(): Locator {
    return this.page.getByRole('region', { name: '登录时发现的事' });
  }
  /** The line above them: how many, and where to start. */
  async lead(): Promise<string> {
    const line = this.region().locator('p').first();
    await line.waitFor();
    return (await line.textContent()) ?? '';
  }
  /** The notices' names (what each is about), in the order shown. */
  async order(): Promise<string[]> {
    const items = this.region().getByRole('listitem');
    await items.first().waitFor();
    return items.evaluateAll((li) => li.map((x) => x.querySelector('[aria-label]')?.getAttribute('aria-label') ?? ''));
  }
  /** How many notices are shown (0 when folded). */
  async count(): Promise<number> {
    return this.region().getByRole('listitem').count();
  }
  async fold(): Promise<void> {
    await this.region().getByRole('button', { name: '收起' }).click();
  }
  async unfold(): Promise<void> {
    await this.region().getByRole('button', { name: '展开' }).click();
  }
}

export const COORDINATOR = { office: '东风街道办事处', name: '王建国', username: 'admin', password: 'taizhang2020' } as const;

/** First run as the coordinator 王建国 (admin / taizhang2020), through the wizard, into the app. */
export async function firstRunAsCoordinator(page: Page): Promise<void> {
  const wizard = new SetupWizardPage(page);
  await wizard.createLedger(COORDINATOR);
  await wizard.continue();
  await page.getByText('王建国（统筹负责人）').waitFor();
}

/**
 * A ledger upgraded from a version without the coordinator key (issue 19, CR1-U): the table 统筹负责人's notice and
 * its recovery-key form, and 设置 › 用户's list of coordinators still to confirm.
 */
export class CoordinatorConfirmPage {
  constructor(private readonly page: Page) {}
  /** Above every screen: a table 统筹负责人 working as 录入员, and why. */
  notice(): Locator {
    return this.page.getByRole('status', { name: '统筹负责人身份' });
  }
  async confirm(recoveryKey: string, password: string): Promise<void> {
    const form = this.page.getByRole('form', { name: '确认统筹负责人身份' });
    await form.getByLabel('恢复密钥').fill(recoveryKey);
    await form.getByLabel('您的密码').fill(password);
    await form.getByRole('button', { name: '确认统筹负责人身份' }).click();
  }
  async refusal(): Promise<string> {
    const alert = this.page.getByRole('form', { name: '确认统筹负责人身份' }).getByRole('alert');
    await alert.waitFor();
    return (await alert.textContent()) ?? '';
  }
  /** Above every screen, for a confirmed coordinator: those still to confirm, with the way to 设置 › 用户. */
  pendingAtSignIn(): Locator {
    return this.page.getByRole('status', { name: '统筹负责人待确认' });
  }
  /** 设置 › 用户: the coordinators of before the upgrade, each with 确认 and 改为录入员. */
  pending(): Locator {
    return this.page.getByRole('region', { name: '待确认的统筹负责人' });
  }
  async answer(name: string, button: '确认' | '改为录入员'): Promise<void> {
    await this.pending().getByRole('listitem').filter({ hasText: name }).getByRole('button', { name: button, exact: true }).click();
  }
  /** 确认, then the new initial password their slot is made anew with. */
  async confirmWith(name: string, initialPassword: string): Promise<void> {
    await this.answer(name, '确认');
    const form = this.pending().getByRole('form', { name: '确认为统筹负责人' });
    await form.getByLabel('新的初始密码（至少 8 位）').fill(initialPassword);
    await form.getByRole('button', { name: '确认为统筹负责人' }).click();
  }
}

/** A coordinator confirmed on 设置 › 用户 by someone else (CR1-U2): the notice, 用恢复密钥核对 and 我已看过. */
export class ConfirmedByPage {
  constructor(private readonly page: Page) {}
  notice(): Locator {
    return this.page.getByRole('region', { name: '统筹负责人确认提示' });
  }
  /** Checks the sheet (under the notice, or in `where`: 设置 › 用户 › 密钥) and returns the result's words once they start with `outcome`. */
  async check(recoveryKey: string, outcome: '核对通过' | '核对没有通过', where: Locator = this.notice()): Promise<string> {
    const form = where.getByRole('form', { name: '用恢复密钥核对' });
    await form.getByLabel('恢复密钥').fill(recoveryKey);
    await form.getByRole('button', { name: '用恢复密钥核对' }).click();
    const result = where.getByLabel('核对结果').filter({ hasText: outcome });
    await result.waitFor();
    return (await result.textContent()) ?? '';
  }
  /** A sheet typed too short: the words the form shows under it (nothing is checked). */
  async checkTooShort(recoveryKey: string, where: Locator = this.notice()): Promise<string> {
    const form = where.getByRole('form', { name: '用恢复密钥核对' });
    await form.getByLabel('恢复密钥').fill(recoveryKey);
    await form.getByRole('button', { name: '用恢复密钥核对' }).click();
    const said = where.getByRole('alert').filter({ hasText: '不完整' });
    await said.waitFor();
    return (await said.textContent()) ?? '';
  }
  async seen(): Promise<void> {
    await this.notice().getByRole('button', { name: '我已看过' }).click();
    await this.notice().waitFor({ state: 'detached' });
  }
}
