import type { Locator, Page } from 'playwright-core';

/** 设置: communities, grids, users, audit log. */
export class SettingsPage {
  constructor(private readonly page: Page) {}
  async tab(name: '社区与网格' | '用户' | '我的账号' | '监测标准' | '自动锁定' | '日期与时区' | '操作日志'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }
  async addCommunity(name: string): Promise<void> {
    await this.page.getByLabel('社区名称').fill(name);
    await this.page.getByRole('button', { name: '添加社区' }).click();
    await this.page
      .getByRole('status')
      .filter({ hasText: `已添加社区「${name}」` })
      .waitFor();
  }
  async addGrid(community: string, name: string): Promise<void> {
    await this.page.getByLabel('所属社区').selectOption({ label: community });
    await this.page.getByLabel('网格名称').fill(name);
    await this.page.getByRole('button', { name: '添加网格' }).click();
    await this.page
      .getByRole('status')
      .filter({ hasText: `已添加网格「${name}」` })
      .waitFor();
  }
  /** 日期与时区: saves the office's time zone; returns the outcome line (saved, or the core's reason). */
  async setTimeZone(zone: string): Promise<string> {
    await this.tab('日期与时区');
    await this.page.getByLabel('办公时区').fill(zone);
    await this.page.getByRole('button', { name: '保存' }).click();
    const outcome = this.page
      .getByRole('status')
      .or(this.page.getByRole('alert'))
      .filter({ hasText: /时区|已保存/ });
    await outcome.first().waitFor();
    return (await outcome.first().textContent()) ?? '';
  }
  /** 日期与时区's question when a zone takes the office's day back: the core's words with 「仍然更改」 and 「不改了」 under them. */
  dayBackQuestion() {
    return this.page.getByRole('dialog', { name: '确认更改办公时区' });
  }
  /** 日期与时区, after the day-back question: 「不改了」; waits for the question to go. */
  async declineDayBack(): Promise<void> {
    await this.dayBackQuestion().getByRole('button', { name: '不改了' }).click();
    await this.dayBackQuestion().waitFor({ state: 'detached' });
  }
  /** 日期与时区, after the core asked about a zone that takes the office's day back: 「仍然更改」; returns the saved line. */
  async confirmDayBack(): Promise<string> {
    await this.page.getByRole('button', { name: '仍然更改' }).click();
    const saved = this.page.getByRole('status').filter({ hasText: '已保存' });
    await saved.waitFor();
    return (await saved.textContent()) ?? '';
  }
  /** 监测标准: saves the fever line and the usual observation length; returns the outcome line. */
  /** 监测标准's 「…按返程日期起算…」 box (the office's own rule for imported returnees), left to setHealthSettings to save. */
  async countFromArrival(on: boolean): Promise<void> {
    await this.tab('监测标准');
    await this.page.getByLabel(/按返程日期起算/).setChecked(on);
  }
  async setHealthSettings(feverThreshold: string, observationDays: string): Promise<string> {
    await this.tab('监测标准');
    await this.page.getByLabel('发热标准（°C，达到即记为发热）').fill(feverThreshold);
    await this.page.getByLabel('默认观察天数（天）').fill(observationDays);
    await this.page.getByRole('form', { name: '监测标准' }).getByRole('button', { name: '保存' }).click();
    const outcome = this.page
      .getByRole('status')
      .or(this.page.getByRole('alert'))
      .filter({ hasText: /已保存|应在|至少|最多/ });
    await outcome.first().waitFor();
    return (await outcome.first().textContent()) ?? '';
  }
  /** 用户: adds an account (the form above the list); returns what the screen says next. */
  async addUser(o: { name: string; username: string; role: '统筹负责人' | '录入员' | '只读查看'; password: string }): Promise<string> {
    await this.page.getByLabel('姓名', { exact: true }).fill(o.name);
    await this.page.getByLabel('用户名', { exact: true }).fill(o.username);
    await this.page.getByLabel('角色').selectOption({ label: o.role });
    await this.page.getByLabel('初始密码').fill(o.password);
    await this.page.getByRole('button', { name: '添加用户' }).click();
    const said = this.page.getByRole('status').filter({ hasText: `已添加${o.role}「${o.name}」` });
    await said.waitFor();
    return (await said.textContent()) ?? '';
  }
  /** 我的账号 → 修改密码, with the old one; waits for 「密码已修改」. */
  async changeOwnPassword(oldPassword: string, newPassword: string): Promise<void> {
    await this.submitOwnPassword(oldPassword, newPassword);
    await this.page.getByRole('status').filter({ hasText: '密码已修改' }).waitFor();
  }
  /** 我的账号 → 修改密码 that is refused: returns the refusal the form shows (containing `saying`). */
  async ownPasswordRefused(oldPassword: string, newPassword: string, saying: string): Promise<string> {
    await this.submitOwnPassword(oldPassword, newPassword);
    const refusal = this.page.getByRole('alert').filter({ hasText: saying });
    await refusal.waitFor();
    return (await refusal.textContent()) ?? '';
  }
  private async submitOwnPassword(oldPassword: string, newPassword: string): Promise<void> {
    const pw = this.page.getByRole('form', { name: '修改密码' });
    await pw.getByLabel('原密码').fill(oldPassword);
    await pw.getByLabel('新密码（至少 8 位）').fill(newPassword);
    await pw.getByLabel('再输一次新密码').fill(newPassword);
    await pw.getByRole('button', { name: '修改密码' }).click();
  }
  /** What every rotation's dialog asks: the coordinator's own password and a new one, twice (`again`: typed differently). */
  async fillRotationPasswords(dialog: Locator, ownPassword: string, newPassword: string, again = newPassword): Promise<void> {
    await dialog.getByLabel('您的密码', { exact: true }).fill(ownPassword);
    await dialog.getByLabel('新密码', { exact: true }).fill(newPassword);
    await dialog.getByLabel('再次输入新密码', { exact: true }).fill(again);
  }
  /**
   * 「停用」, then the coordinator's own password, a new one and 「确认停用」 in the explanation it opens (returned, so a
   * test can read it); waits for the outcome and the rotation's result (rotationResult reads it).
   */
  async disableUser(name: string, ownPassword: string, newPassword: string): Promise<string> {
    await this.grid('用户列表').getByRole('row').filter({ hasText: name }).getByRole('button', { name: '停用' }).click();
    const dialog = this.page.getByRole('dialog', { name: '确认停用' });
    const text = (await dialog.textContent()) ?? '';
    await this.fillRotationPasswords(dialog, ownPassword, newPassword);
    await dialog.getByRole('button', { name: '确认停用' }).click();
    await this.page
      .getByRole('status')
      .filter({ hasText: `已停用「${name}」` })
      .waitFor();
    await this.rotationResult().waitFor();
    return text;
  }
  /** What a rotation did: who needs a password reset, and the new recovery key (SetupWizardPage reads and confirms it). */
  rotationResult() {
    return this.page.getByRole('dialog', { name: '密钥已更换' });
  }
  /** A forgotten password: a new initial one for the user; returns what the screen then says. */
  async resetPassword(name: string, password: string): Promise<string> {
    await this.grid('用户列表').getByRole('row').filter({ hasText: name }).getByRole('button', { name: '重设密码' }).click();
    const form = this.page.getByRole('form', { name: '重设密码' });
    await form.getByLabel(/新的初始密码/).fill(password);
    await form.getByRole('button', { name: '重设密码' }).click();
    const said = this.page.getByRole('status').filter({ hasText: `已为「${name}」设了新的初始密码` });
    await said.waitFor();
    return (await said.textContent()) ?? '';
  }
  /**
   * 「改为录入员」/「改为统筹负责人」 on a 只读查看 account's row: the dialog (its text returned, so a test can read it) asks a
   * new initial password and the coordinator's own. `outcome`: wait for the success line, or for the refusal.
   */
  async promote(
    name: string,
    to: '录入员' | '统筹负责人',
    passwords: { initial: string; own: string },
    outcome: 'done' | 'refused' = 'done',
  ): Promise<{ explained: string; said: string }> {
    await this.grid('用户列表')
      .getByRole('row')
      .filter({ hasText: name })
      .getByRole('button', { name: `改为${to}` })
      .click();
    const dialog = this.promoteDialog(to);
    const explained = (await dialog.textContent()) ?? '';
    await dialog.getByLabel(/新的初始密码/).fill(passwords.initial);
    await dialog.getByLabel('您的密码').fill(passwords.own);
    await dialog.getByRole('button', { name: `确认改为${to}` }).click();
    const said = outcome === 'done' ? this.page.getByRole('status').filter({ hasText: `已把「${name}」改为${to}` }) : dialog.getByRole('alert');
    await said.waitFor();
    return { explained, said: (await said.textContent()) ?? '' };
  }
  promoteDialog(to: '录入员' | '统筹负责人') {
    return this.page.getByRole('dialog', { name: `改为${to}` });
  }
  /**
   * 「改为只读查看」 on a clerk's or coordinator's row: the dialog (its text returned) asks the coordinator's own password
   * and a new one twice (`again`: typed differently). `outcome`: wait for the rotation's result, or for the refusal said
   * inside the dialog (returned in `said`, with the box it marked in `marked`).
   */
  async demote(
    name: string,
    passwords: { own: string; newPassword: string; again?: string },
    outcome: 'done' | 'refused' = 'done',
  ): Promise<{ explained: string; said: string; marked: string | null }> {
    const dialog = this.demoteDialog();
    if (!(await dialog.isVisible()))
      await this.grid('用户列表').getByRole('row').filter({ hasText: name }).getByRole('button', { name: '改为只读查看' }).click();
    const explained = (await dialog.textContent()) ?? '';
    await this.fillRotationPasswords(dialog, passwords.own, passwords.newPassword, passwords.again);
    await dialog.getByRole('button', { name: '确认改为只读查看' }).click();
    if (outcome === 'done') {
      const said = this.page.getByRole('status').filter({ hasText: `已把「${name}」改为只读查看` });
      await said.waitFor();
      await this.rotationResult().waitFor();
      return { explained, said: (await said.textContent()) ?? '', marked: null };
    }
    const said = dialog.getByRole('alert');
    await said.waitFor();
    const marked = dialog.locator('input[aria-invalid="true"]');
    const label = (await marked.count()) === 1 ? await dialog.locator(`label[for="${await marked.getAttribute('id')}"]`).textContent() : null;
    return { explained, said: (await said.textContent()) ?? '', marked: label };
  }
  demoteDialog() {
    return this.page.getByRole('dialog', { name: '改为只读查看' });
  }
  keys() {
    return this.page.getByRole('region', { name: '密钥' });
  }
  /** The 密钥 panel's notices that start 「程序发现：」, as text. */
  async keyFindings(): Promise<string[]> {
    return this.keys()
      .getByRole('status')
      .filter({ hasText: /^程序发现：/ })
      .allTextContents();
  }
  /** 「更换密钥」: opens the explanation (returned, so a test can read it), then confirms with the own password and a new one and waits for the result. */
  async rotateKeys(ownPassword: string, newPassword: string): Promise<string> {
    await this.keys().getByRole('button', { name: '更换密钥' }).click();
    const dialog = this.page.getByRole('dialog', { name: '确认更换密钥' });
    const text = (await dialog.textContent()) ?? '';
    await this.fillRotationPasswords(dialog, ownPassword, newPassword);
    await dialog.getByRole('button', { name: '确认更换密钥' }).click();
    await this.rotationResult().waitFor();
    return text;
  }
  newRecoveryKeyDialog() {
    return this.page.getByRole('dialog', { name: '确认生成新的恢复密钥' });
  }
  /**
   * 「生成新的恢复密钥」, a door into 更换密钥's rotation: its dialog (opened here unless open already; its text returned)
   * asks the same passwords; confirms and waits for the rotation's result, the new sheet on it.
   */
  async newRecoveryKey(ownPassword: string, newPassword: string): Promise<string> {
    const dialog = this.newRecoveryKeyDialog();
    if (!(await dialog.isVisible())) await this.keys().getByRole('button', { name: '生成新的恢复密钥' }).click();
    const text = (await dialog.textContent()) ?? '';
    await this.fillRotationPasswords(dialog, ownPassword, newPassword);
    await dialog.getByRole('button', { name: '确认生成新的恢复密钥' }).click();
    await this.rotationResult().waitFor();
    await this.page.getByRole('heading', { name: '请保存恢复密钥' }).waitFor();
    return text;
  }
  grid(label: string) {
    return this.page.getByRole('region', { name: label });
  }
  async verifyAudit(): Promise<string> {
    await this.page.getByRole('button', { name: '校验日志完整性' }).click();
    const s = this.page.getByRole('status').filter({ hasText: '日志' });
    await s.waitFor();
    return (await s.textContent()) ?? '';
  }
  /** 操作日志: shows the stored details, opens the newest entry whose sentence holds `text` with 显示原号; returns the opened region. */
  async revealAuditEntry(text: string) {
    await this.tab('操作日志');
    await this.page.getByLabel('显示原始记录').check();
    await this.grid('操作日志').getByRole('row').filter({ hasText: text }).first().getByRole('button', { name: '显示原号' }).click();
    const opened = this.page.getByRole('region', { name: '操作日志原号' });
    await opened.getByRole('heading', { name: '改动后' }).waitFor();
    return opened;
  }
}
