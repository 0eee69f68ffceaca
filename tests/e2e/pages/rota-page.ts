import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { App } from '../support/preview';
import { firstRunAsCoordinator } from './auth-pages';

/** A new ledger at `instant`, its coordinator signed in, with 幸福社区 and one 专职社区工作者 in it (made through the core). */
export async function officeWithWorker(app: App, instant: string, worker: { name: string; phone?: string }): Promise<{ xingfu: number; staffId: number }> {
  const { page, preview } = app;
  await preview.setClock({ instant });
  await page.goto(preview.url);
  await firstRunAsCoordinator(page);
  const xingfu = ((await preview.rpc('org.communities.save', { name: '幸福社区' })) as { id: number }).id;
  const staffId = ((await preview.rpc('rota.staff.save', { ...worker, kind: 'community_worker', communityId: xingfu })) as { id: number }).id;
  return { xingfu, staffId };
}

/**
 * 张伟 of 幸福社区 who moves to 和平社区 on Wednesday 19 February (the office's clock at 18:00 that day): he stands
 * 幸福北门值守 on `before`'s days, moves, stands 和平南门值守 on `after`'s, and every one of those days is confirmed.
 */
export async function workerMovedOn19th(app: App, days: { before: string[]; after: string[] }, beforeWork?: () => Promise<unknown>) {
  const { preview } = app;
  const { xingfu, staffId: zhang } = await officeWithWorker(app, '2020-02-19T10:00:00.000Z', { name: '张伟' });
  const heping = ((await preview.rpc('org.communities.save', { name: '和平社区' })) as { id: number }).id;
  const post = async (communityId: number, name: string) =>
    ((await preview.rpc('rota.posts.save', { communityId, name, kind: 'duty', requirements: [{ shiftId: 1, headcount: 1 }] })) as { id: number }).id;
  const north = await post(xingfu, '幸福北门值守');
  const south = await post(heping, '和平南门值守');
  await beforeWork?.();
  for (const day of days.before) await preview.rpc('rota.assign', { day, postId: north, shiftId: 1, staffId: zhang });
  await preview.rpc('rota.staff.save', { id: zhang, name: '张伟', kind: 'community_worker', communityId: heping });
  for (const day of days.after) await preview.rpc('rota.assign', { day, postId: south, shiftId: 1, staffId: zhang });
  for (const day of [...days.before, ...days.after]) await preview.rpc('rota.attendance.confirmDay', { day });
  return { xingfu, heping, zhang };
}

/** The warning a save gets when it would put medical staff on a checkpoint they are planned on, with its answers. */
function medicalWarning(page: Page) {
  return page.getByRole('alert').filter({ has: page.getByRole('button', { name: '先保存，稍后调换' }) });
}

/** The medical warning's text, once it is up with its answers inside a window `height` tall (the office's 768). */
export async function medicalWarningInSight(page: Page, height = 768): Promise<string> {
  const warning = medicalWarning(page);
  await warning.waitFor();
  const later = warning.getByRole('button', { name: '先保存，稍后调换' });
  await expect
    .poll(async () => {
      const box = await later.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= height;
    })
    .toBe(true);
  return (await warning.textContent()) ?? '';
}

/** 排班 and 人员, by the labels a coordinator reads. */
export class RotaPage {
  constructor(private readonly page: Page) {}
  async tab(name: '排班日历' | '出勤确认' | '岗位与班次' | '排班规则' | '补助'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }
  async addPost(o: { community: string; name: string; kind: string; location: string; shifts: string[] }): Promise<void> {
    const form = this.page.getByRole('form', { name: '新增岗位' });
    await form.getByLabel('岗位所属社区').selectOption({ label: o.community });
    await form.getByLabel('岗位名称').fill(o.name);
    await form.getByLabel('岗位类型').selectOption({ label: o.kind });
    await form.getByLabel('地点').fill(o.location);
    for (const s of o.shifts) await form.getByLabel(s).check();
    await form.getByRole('button', { name: '保存岗位' }).click();
    await this.page
      .getByRole('status')
      .filter({ hasText: `已保存岗位「${o.name}」` })
      .waitFor();
  }
  /** 岗位与班次 › 修改岗位类型: the post as the list names it (「幸福社区 入户排查组（入户排查）」). */
  async changePostKind(o: { post: string; kind: string; location?: string }): Promise<void> {
    const form = this.page.getByRole('form', { name: '修改岗位类型' });
    await form.getByLabel('岗位', { exact: true }).selectOption({ label: o.post });
    await form.getByLabel('改为').selectOption({ label: o.kind });
    if (o.location !== undefined) await form.getByLabel('岗位地点').fill(o.location);
    await form.getByRole('button', { name: '保存类型' }).click();
  }
  medicalWarning() {
    return medicalWarning(this.page);
  }
  async chooseCommunity(name: string): Promise<void> {
    await this.page.getByLabel('社区', { exact: true }).selectOption({ label: name });
  }
  /** 打印轮班表 for the calendar's week and community; full phones only with the box ticked (the print is audited). */
  async printRoster(o: { fullPhones: boolean }): Promise<void> {
    await this.page.getByLabel('印完整电话（记入日志）').setChecked(o.fullPhones);
    await this.page.getByRole('link', { name: '打印轮班表' }).click();
  }
  /**
   * 排班日历's layout as drawn: for each row of controls above the calendar (a `.toolbar`), its label and how many
   * lines its controls take; and the tallest name chip in the calendar (one line is about 22 px).
   */
  async calendarLayout(): Promise<{ toolbars: Array<{ label: string; lines: number }>; tallestChip: number }> {
    return this.page.locator('main.content').evaluate((main) => {
      const toolbars = Array.from(main.querySelectorAll<HTMLElement>('.toolbar'))
        .filter((t) => t.getBoundingClientRect().height > 0)
        .map((t) => ({
          label: t.getAttribute('aria-label') ?? '',
          lines: new Set(Array.from(t.children).map((c) => Math.round(c.getBoundingClientRect().bottom))).size,
        }));
      const chips = Array.from(main.querySelectorAll<HTMLElement>('.rota-chip')).map((c) => c.getBoundingClientRect().height);
      return { toolbars, tallestChip: Math.max(0, ...chips) };
    });
  }
  /**
   * Each drawn row of 排班日历: its height, and the room left below the lowest chip or 「缺 N 人」 in
   * it (negative: that content is cut by the row's foot). Rows with nothing in their days are left out.
   */
  async rowRoom(): Promise<Array<{ row: string; height: number; below: number }>> {
    return this.page.locator('main.content .ag-row').evaluateAll((rows) =>
      rows
        .map((r) => {
          const box = r.getBoundingClientRect();
          const parts = Array.from(r.querySelectorAll<HTMLElement>('.rota-chip, .rota-open, .rota-away')).map((c) => c.getBoundingClientRect().bottom);
          return {
            row: r.getAttribute('row-id') ?? '',
            height: Math.round(box.height),
            below: parts.length ? Math.round(box.bottom - Math.max(...parts)) : NaN,
          };
        })
        .filter((x) => !Number.isNaN(x.below)),
    );
  }
  async generate(): Promise<string> {
    await this.page.getByRole('button', { name: '自动排班' }).click();
    const s = this.page.getByRole('status').filter({ hasText: '自动排班完成' });
    await s.waitFor({ timeout: 30_000 });
    return (await s.textContent()) ?? '';
  }
  async assign(o: { day: string; post: string; shift: string; staff: string; reason?: string }): Promise<void> {
    const form = this.page.getByRole('form', { name: '安排值守' });
    await form.getByLabel('日期').selectOption(o.day);
    await form.getByLabel('安排到岗位').selectOption({ label: o.post });
    await form.getByLabel('班次').selectOption({ label: o.shift });
    await form.getByLabel('人员').selectOption({ label: o.staff });
    await form.getByLabel('破例安排的理由').fill(o.reason ?? '');
    await form.getByRole('button', { name: '安排' }).click();
  }
  async message(kind: 'alert' | 'status', text: string): Promise<string> {
    const m = this.page.getByRole(kind).filter({ hasText: text });
    await m.waitFor();
    return (await m.textContent()) ?? '';
  }
  calendar() {
    return this.page.getByRole('region', { name: '排班日历' });
  }
  /** 岗位与班次 → 新增班次 (times as HH:MM). */
  async addShift(o: { name: string; start: string; end: string }): Promise<void> {
    const form = this.page.getByRole('form', { name: '新增班次' });
    await form.getByLabel('班次名称').fill(o.name);
    await form.getByLabel('开始时间').fill(o.start);
    await form.getByLabel('结束时间').fill(o.end);
    await form.getByRole('button', { name: '新增班次' }).click();
    await this.message('status', `已保存班次「${o.name}」`);
  }
  /** 排班规则: fills only the rules given, then saves. */
  async saveRules(o: { restDaysPer7?: number; maxConsecutiveDays?: number; minRestHours?: number }): Promise<void> {
    const form = this.page.getByRole('form', { name: '本街道的排班设置' });
    if (o.restDaysPer7 !== undefined) await form.getByLabel('每 7 天至少轮休（天）').fill(String(o.restDaysPer7));
    if (o.maxConsecutiveDays !== undefined) await form.getByLabel('最多连续工作（天）').fill(String(o.maxConsecutiveDays));
    if (o.minRestHours !== undefined) await form.getByLabel('两班最短间隔（小时）').fill(String(o.minRestHours));
    await form.getByRole('button', { name: '保存规则' }).click();
    await this.message('status', '已保存排班规则');
  }
  async allowancePeriod(from: string, to: string): Promise<void> {
    await this.page.getByLabel('补助开始日期').fill(from);
    await this.page.getByLabel('补助结束日期').fill(to);
  }
  async allowanceTotal(): Promise<string> {
    return ((await this.page.getByLabel('补助合计').textContent()) ?? '').trim();
  }
  /** 补助 → 修改补助标准 (amount in yuan; from: 执行日期, else the form's own default). */
  async saveRate(o: { kind: string; label: string; basis: '按出勤天数' | '按班次'; yuan: string; from?: string }): Promise<void> {
    const form = this.page.getByRole('form', { name: '修改补助标准' });
    await form.getByLabel('人员类别').selectOption({ label: o.kind });
    await form.getByLabel('补助项目').fill(o.label);
    await form.getByLabel('计发方式').selectOption({ label: o.basis });
    await form.getByLabel('补助标准（元）').fill(o.yuan);
    if (o.from !== undefined) await form.getByLabel('执行日期').fill(o.from);
    await form.getByRole('button', { name: '保存补助标准' }).click();
    await this.message('status', '已保存补助标准');
  }
  /** 出勤确认: the day shown. */
  async attendanceDay(day: string): Promise<void> {
    await this.page.getByRole('region', { name: '出勤确认' }).waitFor();
    await this.page.getByLabel('日期', { exact: true }).fill(day);
  }
  /** 出勤确认 → 确认当天全部出勤; returns the message. */
  async confirmWholeDay(): Promise<string> {
    await this.page.getByRole('button', { name: '确认当天全部出勤' }).click();
    return this.message('status', '已确认');
  }
  /** 出勤确认: one person's shift as 已出勤 or 缺勤. */
  async markAttendance(who: string, status: '已出勤' | '缺勤'): Promise<void> {
    await this.page
      .getByRole('button', { name: new RegExp(`^${who} .* ${status}$`) })
      .first()
      .click();
    await this.message('status', `已确认：${who}`);
  }
  /** 补助 → 补助调整 (negative yuan deducts). */
  async adjust(o: { staff: string; day: string; yuan: string; reason: string }): Promise<void> {
    const form = this.page.getByRole('form', { name: '补助调整' });
    await form.getByLabel('调整人员').selectOption({ label: o.staff });
    await form.getByLabel('调整日期').fill(o.day);
    await form.getByLabel('调整金额（元）').fill(o.yuan);
    await form.getByLabel('调整原因').fill(o.reason);
    await form.getByRole('button', { name: '登记调整' }).click();
  }
}

/** 人员: one person's record, by the labels a coordinator reads. */
export class StaffRegisterPage {
  constructor(private readonly page: Page) {}
  async open(name: string): Promise<void> {
    await this.page.evaluate(() => (window.location.hash = '#/staff'));
    await this.page.getByRole('region', { name: '人员列表' }).getByText(name, { exact: true }).click();
  }
  private edit() {
    return this.page.getByRole('form', { name: '修改人员信息' });
  }
  /** Sets 状态 to 不在岗; returns the 不在岗日期 the form offers before anything is typed. */
  async setOffDuty(): Promise<string> {
    await this.edit().getByLabel('状态', { exact: true }).selectOption({ label: '不在岗' });
    return this.edit().getByLabel('不在岗日期').inputValue();
  }
  async offDutyFrom(day: string): Promise<void> {
    await this.edit().getByLabel('不在岗日期').fill(day);
  }
  async save(): Promise<void> {
    await this.edit().getByRole('button', { name: '保存修改' }).click();
  }
  async setKind(label: string): Promise<void> {
    await this.edit().getByLabel('人员类别', { exact: true }).selectOption({ label });
  }
  medicalWarning() {
    return medicalWarning(this.page);
  }
  async keepWithReason(reason: string): Promise<void> {
    await this.medicalWarning().getByLabel('破例安排的理由').fill(reason);
    await this.medicalWarning().getByRole('button', { name: '写明理由并保存' }).click();
  }
  /** What 人员列表 shows (its rows' cells, as text). */
  async listText(): Promise<string> {
    return (await this.page.getByRole('region', { name: '人员列表' }).textContent()) ?? '';
  }
}
