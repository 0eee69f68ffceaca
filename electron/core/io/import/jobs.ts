/**
 * Cancelling an import from the screen: the renderer names its job, and
 * `import.cancel` trips it. The pipeline yields to the event loop between
 * chunks of rows, so the cancel call is heard while a file is being read.
 */
import { AppError } from '../../errors';

const running = new Map<string, AbortController>();

export function startJob(jobId: string | undefined, outer: AbortSignal): { signal: AbortSignal; end: () => void } {
  const own = new AbortController();
  if (jobId) running.set(jobId, own);
  return {
    signal: AbortSignal.any([outer, own.signal]),
    end: () => {
      if (jobId && running.get(jobId) === own) running.delete(jobId);
    },
  };
}

export function cancelJob(jobId: string): boolean {
  const job = running.get(jobId);
  job?.abort();
  return job !== undefined;
}

export const cancelled = (): AppError => new AppError('CANCELLED', '导入已取消，台账没有任何改动。');

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw cancelled();
}

/**
 * Whether the window that started the job was ended while it awaited (one rule for every task: task-write.ts). Its
 * import then stops as a cancelled one does, before anything is written: nothing more happens under a window that is
 * gone (PH2-W1, fourteenth attack run: 4,000 rows and 17 audit rows written under the clerk after 重设密码 had ended
 * their window).
 */
export { windowEnded } from '../../task-write';

export const windowGone = (): AppError =>
  new AppError('UNAUTHENTICATED', '导入期间这个窗口已退出登录（已锁定，或密码被重设、账号被停用），导入已停止，台账没有任何改动。请重新登录后再导入。');

/** Lets other messages (cancel, progress) through between chunks of work. */
export const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs work written as a generator that yields (nothing) between its steps (a paste's lines, a CSV's bytes decoded),
 * giving the thread back between them; its result.
 */
export async function inSteps<T>(steps: Generator<void, T>): Promise<T> {
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await breathe();
  }
}
