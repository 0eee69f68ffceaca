/**
 * Runs the pure generator off the core's thread (S43-A3): a big office's plan takes seconds to tens of seconds, and the
 * core thread answers every window, so it must stay free meanwhile. The planner thread (planner-thread.ts, built as
 * rota-planner.cjs beside core-worker.cjs) gets the plain input by structured clone (Maps included), sends progress,
 * and is terminated when the run is cancelled. Without a planner path (unit tests, tools) it plans on the calling
 * thread, the same function on the same input.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';
import { generateRota, type GenerateInput, type GenerateOutput } from './generator';

export type PlanInput = Omit<GenerateInput, 'onProgress'>;

export type PlannerMessage = { type: 'progress'; done: number; total: number } | { type: 'done'; output: GenerateOutput };

export interface PlanOptions {
  /** rota-planner.cjs (CoreOptions.rotaPlannerPath); null: plan on this thread. */
  plannerPath: string | null;
  signal: AbortSignal;
  onProgress: (done: number, total: number) => void;
}

export const cancelledRun = (): AppError => new AppError('CANCELLED', '已取消自动排班，什么也没有改动。');

export function planRota(input: PlanInput, opts: PlanOptions): Promise<GenerateOutput> {
  if (opts.signal.aborted) return Promise.reject(cancelledRun());
  if (!opts.plannerPath) return Promise.resolve(generateRota({ ...input, onProgress: opts.onProgress }));
  const plannerPath = opts.plannerPath;
  return new Promise<GenerateOutput>((resolve, reject) => {
    const worker = new Worker(plannerPath, { workerData: input });
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      opts.signal.removeEventListener('abort', onAbort);
      fn();
    };
    // 取消 (or the window ended): the planning thread is stopped where it is; nothing was written.
    const onAbort = (): void => settle(() => (void worker.terminate(), reject(cancelledRun())));
    opts.signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: PlannerMessage) => {
      if (m.type === 'progress') {
        if (!settled) opts.onProgress(m.done, m.total);
      } else settle(() => (void worker.terminate(), resolve(m.output)));
    });
    worker.on('error', (e) => settle(() => reject(plannerFailed(e))));
    worker.on('exit', (code) => settle(() => reject(plannerFailed(new Error(`rota planner exited with code ${code}`)))));
  });
}

function plannerFailed(cause: unknown): AppError {
  console.error('[rota planner]', cause);
  return new AppError('INTERNAL', '自动排班的计算意外停止，什么也没有改动。请再点一次「自动排班」。');
}
