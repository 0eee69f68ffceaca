import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { memorialFields } from './helpers';

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
    expect(item!.detail).toContain('已过 26 小时');
    expect(item!.detail).toContain('政府、上级民政部门、上级卫生健康部门');
    expect(item!.detail).not.toContain('党委');
    expect((await t.call('today.list', {}, clerk)).items.filter((i) => i.kind === 'external')).toEqual([]);
    for (const recipient of ['政府', '上级民政部门', '上级卫生健康部门'] as const) {
      await t.call('honours.reports.add', { memorialId: m.id, recipient, reportedAt: '2020-02-17T08:00:00.000Z', via: '书面', reportedBy: '王建国' });
    }
    expect((await t.call('today.list', {})).items.filter((i) => i.key.startsWith('memorial-report-'))).toEqual([]);
  });
});
