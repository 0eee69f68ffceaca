import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { lateNote } from '../../../electron/core/caseload/today-types.shared';
import { memorialFields, moveClock } from './helpers';

describe('memorial deadlines on 今日随访', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  it('shows an overdue report to coordinators only, with the recipients still missing, until all are in', async () => {
    // Died 2020-02-16 06:20 UTC; it is now 2020-02-17 09:00 UTC: 26 h 40 min later.
    t = await openTestLedger({ now: '2020-02-17T09:00:00.000Z' });
    const clerk = await t.sessionAs('clerk');
    const m = await t.call('honours.memorials.save', memorialFields());
    await t.call('honours.reports.add', { memorialId: m.id, recipient: '党委', reportedAt: '2020-02-16T08:00:00.000Z', via: '电话', reportedBy: '王建国' });
    const list = await t.call('today.list', {});
    const item = list.items.find((i) => i.kind === 'external' && i.key === `memorial-report-${m.id}`);
    expect(item).toMatchObject({ title: '牺牲人员情况报告逾期：孙海燕', link: `#/honours?memorial=${m.id}` });
    // Read as a person says it: the day of the death (Beijing 14:20 on the 16th), the time since, who is still owed the
    // report; and no 「（应于 2020-02-16）」 after it, as if a report had been due on some day rather than at once.
    expect(item!.detail).toBe('2月16日牺牲，已过 1 天 2 小时，尚未报告：政府、上级民政部门、上级卫生健康部门');
    expect(lateNote(item!, list.today)).toBeNull();
    expect((await t.call('today.list', {}, clerk)).items.filter((i) => i.kind === 'external')).toEqual([]);
    for (const recipient of ['政府', '上级民政部门', '上级卫生健康部门'] as const) {
      await t.call('honours.reports.add', { memorialId: m.id, recipient, reportedAt: '2020-02-17T08:00:00.000Z', via: '书面', reportedBy: '王建国' });
    }
    expect((await t.call('today.list', {})).items.filter((i) => i.key.startsWith('memorial-report-'))).toEqual([]);
  });

  it('names the day the office learned of a death when the limit runs from then', async () => {
    t = await openTestLedger({ now: '2020-02-19T09:00:00.000Z' });
    const m = await t.call('honours.memorials.save', memorialFields({ learnedAt: '2020-02-17T02:00:00.000Z' }));
    const item = (await t.call('today.list', {})).items.find((i) => i.key === `memorial-report-${m.id}`);
    expect(item).toMatchObject({ dueOn: '2020-02-17', detail: '2月17日得知其牺牲，已过 2 天 7 小时，尚未报告：党委、政府、上级民政部门、上级卫生健康部门' });
    expect(lateNote(item!, '2020-02-19')).toBeNull();
  });

  it('says when a family follow-up was due and how late it is', async () => {
    t = await openTestLedger({ now: '2020-02-17T09:00:00.000Z' });
    const m = await t.call('honours.memorials.save', memorialFields());
    await moveClock(t, '2020-03-02T02:00:00.000Z');
    const item = (await t.call('today.list', {})).items.find((i) => i.key.startsWith(`memorial-followup-${m.id}-`))!;
    expect(`${item.detail}${lateNote(item, '2020-03-02') ?? ''}`).toMatch(/^尚未登记对孙海燕同志家属的慰问（应于 \d+月\d+日，已逾期 \d+ 天）$/);
  });
});
