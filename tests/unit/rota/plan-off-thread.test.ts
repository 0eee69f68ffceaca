/**
 * 自动排班 plans off the core's thread (rota/plan-rota.ts; S43-A3: 600 staff × 40 posts × 5 per shift × 42 days held
 * the core 15–23 s, every window waiting). The planner thread gives what the in-thread generator gave; the core answers
 * other windows while it plans; 取消 stops it with nothing written; what changed meanwhile is refused in words.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateRota } from '../../../electron/core/rota/generator';
import { planRota } from '../../../electron/core/rota/plan-rota';
import { previewShell } from '../../../electron/core/preview/preview-shell';
import { CoreHost } from '../../../electron/core/worker/host';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { makeOffice, officeInstance } from '../../helpers/rota-office';
import { rotaFixture, type RotaFixture } from './fixture';
import { smallInstance } from './instances';
import { planningMeanwhile } from '../../helpers/planning-meanwhile';

const PLANNER = resolve('dist-electron/rota-planner.cjs');
const WEEK = { from: '2020-02-17', to: '2020-02-23' };
const idle = { signal: new AbortController().signal, onProgress: () => undefined };

describe('the planner thread plans what the in-thread generator plans', () => {
  it('the same output on seeded small instances and on a 120-person office with leave (Maps cross the thread)', async () => {
    const inputs = [...[1, 2, 3, 4, 5].map(smallInstance), officeInstance({ staff: 120, posts: 12, perShift: 2, days: 14 })];
    for (const input of inputs) {
      const { onProgress: _ignored, ...plain } = input;
      const offThread = await planRota(plain, { ...idle, plannerPath: PLANNER });
      expect(offThread).toEqual(generateRota(plain));
    }
    expect(inputs.at(-1)!.staff.some((s) => s.unavailable.size > 0)).toBe(true);
  });

  it('two ledgers made by the same steps, one planning on the thread and one off it: the same report and the same calendar', async () => {
    const planned = async (core: { rotaPlannerPath?: string }) => {
      const t = await openTestLedger({ core });
      try {
        const f = await rotaFixture(t);
        await t.call('rota.leave.add', { staffId: f.workers[1]!, from: '2020-02-18', to: '2020-02-19', reason: '事假' });
        const report = await t.call('rota.generate', { ...WEEK });
        return { report, calendar: (await t.call('rota.calendar', WEEK)).assignments };
      } finally {
        t.close();
      }
    };
    const offThread = await planned({ rotaPlannerPath: PLANNER });
    expect(offThread.calendar.length).toBeGreaterThan(10);
    expect(offThread).toEqual(await planned({}));
  });
});

describe('while the planner thread plans', () => {
  let t: TestLedger;
  let f: RotaFixture;
  // The first 排班 progress: the plan is under way on its thread. What the test does there happens meanwhile.
  const { emit, meanwhile } = planningMeanwhile();
  const start = async () => {
    t = await openTestLedger({
      core: {
        rotaPlannerPath: PLANNER,
        emit,
      },
    });
    f = await rotaFixture(t);
  };
  const written = async () => (await t.call('rota.calendar', WEEK)).assignments.length;
  afterEach(() => t.close());

  it('取消 stops the planner: CANCELLED, nothing written, and the next run plans the week', async () => {
    await start();
    const abort = new AbortController();
    const cancelling = meanwhile(async () => abort.abort());
    const r = await t.core.call('admin', 'rota.generate', { ...WEEK }, { signal: abort.signal });
    await cancelling;
    expect(r).toEqual({ ok: false, error: { code: 'CANCELLED', message: '已取消自动排班，什么也没有改动。' } });
    expect(await written()).toBe(0);
    expect((await t.call('rota.generate', { ...WEEK })).created).toBeGreaterThan(10);
  });

  it("取消 on the screen: rota.generate.cancel with the run's 任务编号 stops it while it plans; nothing written", async () => {
    await start();
    const cancelling = meanwhile(() => t.call('rota.generate.cancel', { jobId: 'rota-screen-1' }));
    const error = await t.fail('rota.generate', { ...WEEK, jobId: 'rota-screen-1' });
    expect(await cancelling).toEqual({ cancelled: true });
    expect(error).toEqual({ code: 'CANCELLED', message: '已取消自动排班，什么也没有改动。' });
    expect(await written()).toBe(0);
    // A 取消 that overtakes its run (two calls in flight over the preview's HTTP) still stops it.
    expect(await t.call('rota.generate.cancel', { jobId: 'rota-screen-2' })).toEqual({ cancelled: false });
    expect((await t.fail('rota.generate', { ...WEEK, jobId: 'rota-screen-2' })).code).toBe('CANCELLED');
    expect(await written()).toBe(0);
  });

  it('a person put on leave meanwhile: refused naming them, nothing saved; pressed again, they are off those days', async () => {
    await start();
    const leave = meanwhile(() => t.call('rota.leave.add', { staffId: f.workers[0]!, ...WEEK, reason: '病假' }));
    const error = await t.fail('rota.generate', { ...WEEK });
    await leave;
    expect(error).toEqual({
      code: 'CONFLICT',
      message:
        '自动排班期间，「张伟」在另一个窗口的请假、在岗状态、隔离观察、类别或所属社区有了变化，按变化前排出的班可能不合规则。本次什么也没有保存，请重新点「自动排班」。',
    });
    expect(await written()).toBe(0);
    await t.call('rota.generate', { ...WEEK });
    const cal = (await t.call('rota.calendar', WEEK)).assignments;
    expect(cal.length).toBeGreaterThan(10);
    expect(cal.some((a) => a.staffId === f.workers[0])).toBe(false);
  });

  it('a person set 不在岗 meanwhile, or a post changed: refused in words, nothing saved', async () => {
    await start();
    const off = meanwhile(() =>
      t.call('rota.staff.save', { id: f.workers[2]!, name: '刘洋', kind: 'community_worker', communityId: f.c1, status: 'inactive' }),
    );
    expect((await t.fail('rota.generate', { ...WEEK })).message).toMatch(/^自动排班期间，「刘洋」在另一个窗口的请假、在岗状态/);
    await off;
    const post = meanwhile(() =>
      t.call('rota.posts.save', {
        id: f.screening,
        communityId: f.c1,
        name: '入户排查组',
        kind: 'screening',
        requirements: [{ shiftId: f.shifts.day, headcount: 2 }],
      }),
    );
    expect((await t.fail('rota.generate', { ...WEEK })).message).toBe(
      '自动排班期间，岗位、班次或排班规则在另一个窗口被修改了，按修改前排出的班可能不合规则。本次什么也没有保存，请重新点「自动排班」。',
    );
    await post;
    expect(await written()).toBe(0);
  });

  it('a shift placed by hand meanwhile is kept: the run is refused, nothing of it saved, and the hand-placed shift stands', async () => {
    await start();
    const byHand = meanwhile(() => t.call('rota.assign', { day: '2020-02-20', postId: f.screening, shiftId: f.shifts.day, staffId: f.workers[3]! }));
    expect((await t.fail('rota.generate', { ...WEEK })).message).toMatch(/^自动排班期间，这段日期的排班在另一个窗口有了变化/);
    await byHand;
    expect((await t.call('rota.calendar', WEEK)).assignments.map((a) => [a.day, a.staffId, a.source])).toEqual([['2020-02-20', f.workers[3]!, 'manual']]);
  });

  it('a second 自动排班 while one plans is refused at once naming who runs; the first saves its plan', async () => {
    await start();
    const second = meanwhile(() => t.fail('rota.generate', { ...WEEK }));
    const first = await t.call('rota.generate', { ...WEEK });
    expect(await second).toEqual({
      code: 'CONFLICT',
      message: `${ADMIN.displayName}正在自动排班，请等那次排完（或在那个窗口点「取消」）后再试。本次什么也没有改动。`,
    });
    expect(await written()).toBe(first.created);
  });
});

describe('through the real core worker, as the app runs it', () => {
  it('another window is answered while a big plan is on its thread, before the plan ends (ordering, not time)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-planner-'));
    const host = new CoreHost(
      resolve('dist-electron/core-worker.cjs'),
      { dataDir: dir, testClock: true, testKdf: true, testNow: '2020-02-17T01:00:00.000Z' },
      previewShell({ driveRoots: [] }),
    );
    try {
      const call = async (channel: string, input: unknown): Promise<unknown> => {
        const r = await host.call('admin', channel as 'setup.status', input as never);
        if (r.ok !== true) throw new Error(JSON.stringify(r));
        return r.value;
      };
      await call('setup.init', { office: { name: '东风街道办事处' }, admin: ADMIN });
      await makeOffice(call, { staff: 120, posts: 12, perShift: 2 });
      // Every 排班 progress is sent from inside the plan. Planned on the core's thread, they all reach the transport
      // before the core can read another window's call; planned on its own thread, the answer comes between them.
      const seen: string[] = [];
      host.onEvent((_s, e) => {
        if (e.type !== 'progress' || e.channel !== 'rota.generate' || e.phase !== '排班') return;
        if (!seen.includes('planning')) void call('rota.rules.get', {}).then(() => seen.push('other window answered'));
        seen.push('planning');
      });
      const report = (await call('rota.generate', { from: '2020-02-17', to: '2020-03-15' })) as { created: number };
      expect(report.created).toBeGreaterThan(1000);
      expect(seen.length).toBeGreaterThan(10);
      expect(seen.at(-1)).toBe('planning');
      expect(seen.indexOf('other window answered')).toBeGreaterThan(0);
    } finally {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
