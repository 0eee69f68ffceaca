/**
 * The big office's 自动排班 and the other windows (S43-A3): 600 staff × 40 posts × 5 per shift × 42 days. On the core's
 * thread the plan held every window for its whole length; now it plans on its own thread (rota/plan-rota.ts). Figures:
 * the plan on the calling thread (what a window waited before), and through the real core worker as the app runs it:
 * the run, and the longest another window's call waited while it planned and while it saved.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../../../electron/core/dates.shared';
import { previewShell } from '../../../electron/core/preview/preview-shell';
import { generateRota } from '../../../electron/core/rota/generator';
import { CoreHost } from '../../../electron/core/worker/host';
import { makeOffice, officeInstance } from '../../helpers/rota-office';
import type { BenchPart, BenchRow } from '../types';

const SIZE = { staff: 600, posts: 40, perShift: 5, days: 42 };
const LABEL = `${SIZE.staff} staff × ${SIZE.posts} posts × ${SIZE.perShift} per shift × ${SIZE.days} days`;

export const rotaThreadBench: BenchPart = {
  area: 'rota',
  async run(env) {
    const t0 = performance.now();
    const pure = generateRota(officeInstance(SIZE));
    const inThreadS = (performance.now() - t0) / 1000;
    env.log(`  rota (big): on the calling thread ${inThreadS.toFixed(1)} s, ${pure.filled}/${pure.required} filled`);

    const dir = mkdtempSync(join(env.scratch, 'rota-thread-'));
    // bench.cjs is built beside core-worker.cjs and rota-planner.cjs (scripts/build.mjs).
    const host = new CoreHost(join(__dirname, 'core-worker.cjs'), { dataDir: dir }, previewShell({ driveRoots: [tmpdir()] }));
    try {
      const call = async (channel: string, input: unknown): Promise<unknown> => {
        const r = await host.call('bench', channel as 'setup.status', input as never);
        if (r.ok !== true) throw new Error(`${channel}: ${JSON.stringify(r).slice(0, 300)}`);
        return r.value;
      };
      await call('setup.init', { office: { name: '东风街道办事处' }, admin: { username: 'admin', displayName: '王建国', password: 'correct-horse-1' } });
      await makeOffice(call, SIZE);
      const today = ((await call('today.list', { limit: 1 })) as { today: string }).today;
      const first = await measuredRun(host, call, today);
      // Run again on the same days: every assignment of the first run is replaced (deleted and inserted anew).
      const again = await measuredRun(host, call, today);
      for (const [name, r] of [
        ['first', first],
        ['again', again],
      ] as const)
        env.log(
          `  rota (big) ${name}: run ${r.runS.toFixed(1)} s, planning ${r.planS.toFixed(1)} s, save ${r.saveMs.toFixed(0)} ms, ${r.waits.all.length} calls answered meanwhile`,
        );
      env.log(
        `  rota (big): load ${loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')} (1/5/15 min) at the end`,
      );
      const max = (xs: number[]) => (xs.length ? Math.max(...xs) : 0);
      const rows: BenchRow[] = [
        { name: `generate ${LABEL} on the calling thread (pure; ${pure.filled}/${pure.required} filled)`, value: inThreadS, unit: 's', target: null },
        {
          name: `rota.generate ${LABEL} through the core worker (${first.report.filled}/${first.report.required} filled, incl. save + audit)`,
          value: first.runS,
          unit: 's',
          target: null,
        },
        {
          name: `longest wait of another window's call while that run planned (${first.waits.planning.length} calls; before: the whole plan)`,
          value: max(first.waits.planning),
          unit: 'ms',
          target: 100,
          baseline: { name: 'plan on the core thread', value: inThreadS * 1000 },
        },
        { name: `that run's save: one transaction, ${first.report.created} assignments and their audit`, value: first.saveMs, unit: 'ms', target: 1000 },
        { name: `longest wait of another window's call that met that save`, value: max(first.waits.saving), unit: 'ms', target: 1000 },
        {
          name: `the same run again (replaces all ${first.report.created}): its save, ${again.report.created} assignments in`,
          value: again.saveMs,
          unit: 'ms',
          target: 1000,
        },
        {
          name: `longest wait of another window's call during that whole second run (${again.waits.all.length} calls)`,
          value: max(again.waits.all),
          unit: 'ms',
          target: 1000,
        },
      ];
      return rows;
    } finally {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

type Call = (channel: string, input: unknown) => Promise<unknown>;

/** One 自动排班 of the big office's next SIZE.days days, with another window's small read every 50 ms meanwhile. */
async function measuredRun(host: CoreHost, call: Call, today: string) {
  // Set from events and the run's end (TypeScript cannot see those writes, hence the object).
  const at: { phase: 'before' | 'planning' | 'saving' | 'done' } = { phase: 'before' };
  let planStart = 0;
  let planEnd = 0;
  let saveEnd = 0;
  const off = host.onEvent((_s, e) => {
    if (e.type !== 'progress' || e.channel !== 'rota.generate') return;
    if (e.phase === '排班' && at.phase === 'before') [at.phase, planStart] = ['planning', performance.now()];
    if (e.phase === '保存' && e.done === 0) [at.phase, planEnd] = ['saving', performance.now()];
    if (e.phase === '保存' && e.done === 1) saveEnd = performance.now();
  });
  // A call that started while the run planned and was answered before it began saving waited on planning alone;
  // one that met the save (started during it, or planning and answered after) waited on the one transaction.
  const waits = { planning: [] as number[], saving: [] as number[], all: [] as number[] };
  const t1 = performance.now();
  const run = call('rota.generate', { from: today, to: addDays(today, SIZE.days - 1) }).finally(() => (at.phase = 'done'));
  while (at.phase !== 'done') {
    const was = at.phase;
    const s = performance.now();
    await call('rota.rules.get', {});
    const now = at.phase;
    waits.all.push(performance.now() - s);
    if (was === 'planning' && now === 'planning') waits.planning.push(performance.now() - s);
    else if (was === 'saving' || (was === 'planning' && now !== 'planning')) waits.saving.push(performance.now() - s);
    await new Promise((r) => setTimeout(r, 50));
  }
  const report = (await run) as { filled: number; required: number; created: number };
  const runS = (performance.now() - t1) / 1000;
  off();
  return { report, runS, waits, saveMs: saveEnd - planEnd, planS: (planEnd - planStart) / 1000 };
}
