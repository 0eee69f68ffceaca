/**
 * "Meanwhile" for 自动排班 off the core thread: the core's first 排班 progress event means the plan is under way on its
 * planner thread, so what a test hands to `meanwhile` runs then, while it plans (rota/plan-rota.ts). Pass `emit` to
 * openTestLedger's core options.
 */
import type { CoreEvent } from '../../electron/core/api';

export function planningMeanwhile(): {
  emit: (sessionId: string | null, e: CoreEvent) => void;
  meanwhile: <T>(fn: () => Promise<T>) => Promise<T>;
} {
  let onPlanning: (() => void) | null = null;
  return {
    emit: (_s, e) => {
      if (e.type !== 'progress' || e.phase !== '排班' || !onPlanning) return;
      const run = onPlanning;
      onPlanning = null;
      run();
    },
    meanwhile: <T>(fn: () => Promise<T>) => new Promise<T>((done, fail) => (onPlanning = () => void fn().then(done, fail))),
  };
}
