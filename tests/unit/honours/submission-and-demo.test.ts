import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SettableClock } from '../../../electron/core/clock';
import { Core } from '../../../electron/core/core';
import { buildDemoLedger } from '../../../electron/core/demo/build-demo';
import { honoursSubmission } from '../../../electron/core/honours/submission';
import { openTestLedger, TEST_KDF, type TestLedger } from '../../helpers/ledger';
import { memorialFields } from './helpers';

describe('牺牲人员及表彰情况表 rows for the submission package', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  it('lists deaths in the period by their China day, with reporting, commendation and care, and no ID numbers', async () => {
    t = await openTestLedger({ now: '2020-02-20T02:00:00.000Z' });
    // 2020-02-15 22:30 UTC is 2020-02-16 06:30 in China: it belongs to the 16th.
    const m = await t.call('honours.memorials.save', memorialFields({ diedAt: '2020-02-15T22:30:00.000Z', idNumber: '410102197803150026' }));
    await t.call('honours.memorials.save', memorialFields({ name: '韩志强', diedAt: '2020-02-10T02:00:00.000Z' }));
    for (const recipient of ['党委', '政府', '上级民政部门', '上级卫生健康部门'] as const) {
      await t.call('honours.reports.add', { memorialId: m.id, recipient, reportedAt: '2020-02-16T01:00:00.000Z', via: '电话报告', reportedBy: '王建国' });
    }
    await t.call('honours.visits.add', { memorialId: m.id, visitedOn: '2020-02-17', visitors: '街道党工委书记' });
    await t.call('honours.commendations.save', {
      subjectKind: 'clinic',
      subjectName: '建设社区卫生服务站',
      proposedTitle: '先进集体',
      deeds: '发热筛查分诊',
      proposer: '街道',
    });
    const out = honoursSubmission(
      t.core.services.ledger.handle(),
      t.core.services.ledger.sealer(),
      '2020-02-16',
      '2020-02-29',
      t.clock.nowIso(),
      t.clock.timeZone,
    );
    expect(out.memorials).toEqual([
      {
        姓名: '孙海燕',
        岗位职务: memorialFields().post,
        所在社区: '',
        牺牲日期: '2020-02-16',
        原因类别: '过度劳累',
        报告情况: '已按时全部报告',
        追授表彰: '未申请',
        慰问次数: 1,
        家属困难: '无',
        后续办理: '工伤认定：未办理；烈士评定：未办理；抚恤：未办理',
      },
    ]);
    expect(JSON.stringify(out)).not.toContain('410102');
    expect(out.commendations).toMatchObject([{ 表彰对象: '建设社区卫生服务站', 对象类别: '卫生服务机构', 办理状态: '拟稿' }]);
  });
});

describe('demo data', () => {
  it('holds a few carefully named memorial records, one of them overdue, and several commendations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'honours-demo-'));
    const clock = new SettableClock();
    clock.set('2020-03-01T02:00:00.000Z');
    const core = new Core({ dataDir: dir, clock, kdf: TEST_KDF, failureDelayBaseMs: 5 });
    try {
      await buildDemoLedger(core, { residents: 200 });
      const unlock = await core.call('check', 'auth.unlock', { username: 'admin', password: 'taizhang2020' });
      expect(unlock.ok).toBe(true);
      const list = await core.call('check', 'honours.memorials.list', {});
      if (list.ok !== true) throw new Error('list failed');
      const rows = list.value as Array<{ name: string; overdue: boolean; circumstances?: string }>;
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(rows.length).toBeLessThanOrEqual(3);
      expect(rows.filter((r) => r.overdue)).toHaveLength(1);
      for (const r of rows) expect(r.name).not.toMatch(/张三|李四|王五|测试|某某/);
      const living = await core.call('check', 'honours.commendations.list', {});
      expect(living.ok === true && (living.value as unknown[]).length).toBeGreaterThanOrEqual(4);
      const due = await core.call('check', 'honours.due', {});
      expect(due.ok === true && (due.value as { followUps: unknown[] }).followUps.length).toBeGreaterThan(0);
    } finally {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
