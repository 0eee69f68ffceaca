/**
 * A 自动排班 run belongs to the window that started it (rota/generate-runs.ts, session 46): its 任务编号 is guessable
 * (`rota-<Date.now() base 36>`), so another coordinator's window naming it in rota.generate.cancel is refused in words
 * naming who runs it, and the run goes on and saves. Its window locked while it plans: the planner thread stops there
 * and then (before, it planned to its end and the write was refused), and another window may run at once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { planningMeanwhile } from '../../helpers/planning-meanwhile';
import { rotaFixture } from './fixture';

const PLANNER = resolve('dist-electron/rota-planner.cjs');
const WEEK = { from: '2020-02-17', to: '2020-02-23' };

let t: TestLedger;
const dirs: string[] = [];
const { emit, meanwhile } = planningMeanwhile();
afterEach(() => {
  t.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The ledger, the rota fixture and a second coordinator's window. */
async function start(plannerPath = PLANNER): Promise<string> {
  t = await openTestLedger({ core: { rotaPlannerPath: plannerPath, emit } });
  await rotaFixture(t);
  return t.sessionAs('coordinator', 'coord2');
}
const written = async () => (await t.call('rota.calendar', WEEK)).assignments.length;

describe('取消 and the window that started the run', () => {
  it('another coordinator’s window is refused, naming who runs it; the run goes on and saves; a name it cancels early stops no run of another window', async () => {
    const coord2 = await start();
    const refused = meanwhile(() => t.fail('rota.generate.cancel', { jobId: 'rota-screen-1' }, coord2));
    const report = await t.call('rota.generate', { ...WEEK, jobId: 'rota-screen-1' });
    expect(await refused).toEqual({
      code: 'FORBIDDEN',
      message: `这次自动排班是${ADMIN.displayName}在另一个窗口开始的，只能在那个窗口点「取消」。它仍在进行，没有取消。`,
    });
    expect(report.created).toBeGreaterThan(10);
    expect(await written()).toBe(report.created);
    // Before its run reached the core, another window's 取消 of the name: kept for that window only.
    expect(await t.call('rota.generate.cancel', { jobId: 'rota-screen-2' }, coord2)).toEqual({ cancelled: false });
    expect((await t.call('rota.generate', { ...WEEK, jobId: 'rota-screen-2', includePublished: true })).created).toBeGreaterThan(10);
  }, 60_000);

  it('its own window’s 取消 still stops it, under way or still to come', async () => {
    const coord2 = await start();
    const cancelling = meanwhile(() => t.call('rota.generate.cancel', { jobId: 'rota-c2-1' }, coord2));
    expect((await t.fail('rota.generate', { ...WEEK, jobId: 'rota-c2-1' }, coord2)).code).toBe('CANCELLED');
    expect(await cancelling).toEqual({ cancelled: true });
    expect(await t.call('rota.generate.cancel', { jobId: 'rota-c2-2' }, coord2)).toEqual({ cancelled: false });
    expect((await t.fail('rota.generate', { ...WEEK, jobId: 'rota-c2-2' }, coord2)).code).toBe('CANCELLED');
    expect(await written()).toBe(0);
  }, 60_000);

  it('its window locked while it plans: the planner stops (UNAUTHENTICATED, nothing written) and another window runs at once', async () => {
    // A planner of the test's own making that says it plans and never ends: only the lock can end this run.
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-planner-'));
    dirs.push(dir);
    const never = join(dir, 'rota-planner.cjs');
    writeFileSync(
      never,
      `const { parentPort } = require('node:worker_threads');
       parentPort.postMessage({ type: 'progress', done: 0, total: 10 });
       setInterval(() => undefined, 60_000);`,
    );
    const coord2 = await start(never);
    const locking = meanwhile(() => t.call('auth.lock', {}));
    const error = await t.fail('rota.generate', { ...WEEK, jobId: 'rota-screen-3' });
    await locking;
    expect(error).toEqual({ code: 'UNAUTHENTICATED', message: expect.stringContaining('「自动排班」进行期间这个窗口已退出登录') });
    // Not told a run is under way: coord2's starts (on the same planner) and its own 取消 stops it.
    const cancelling = meanwhile(() => t.call('rota.generate.cancel', { jobId: 'rota-c2-3' }, coord2));
    expect((await t.fail('rota.generate', { ...WEEK, jobId: 'rota-c2-3' }, coord2)).code).toBe('CANCELLED');
    expect(await cancelling).toEqual({ cancelled: true });
    expect((await t.call('rota.calendar', WEEK, coord2)).assignments).toEqual([]);
  }, 30_000);
});
