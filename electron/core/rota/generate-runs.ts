/**
 * 自动排班's runs under way and their 取消 (rota.generate.cancel). The screen names a run (`rota-<Date.now() base 36>`,
 * guessable), so a name is no authority: a run belongs to the window that started it (its session: the user and the
 * window), and another window naming it is refused in words naming who runs it (session 46; before, any coordinator's
 * window could stop another's run). What a run's planner is doing after its window ended (locked, signed out, 停用…)
 * is stopped by generate.ts: nothing it planned could be written then (task-write.ts).
 */
import { AppError } from '../errors';
import type { Session } from '../session';

interface Run {
  stop: AbortController;
  owner: string;
  who: string;
}

/** Runs under way by the name their screen gave them. */
const runs = new Map<string, Run>();

/**
 * Names cancelled before their run reached the core (the preview's calls may overtake each other), each with its
 * window: the newest few over all windows. One list, not one per window, so windows that come and go (every unlock is
 * a new one) leave nothing behind; an early 取消 waits for its run only milliseconds, so a few are plenty.
 */
const cancelledEarly: string[] = [];
const EARLY_KEPT = 50;
const earlyKey = (owner: string, jobId: string): string => `${owner}\n${jobId}`;

/** The user and the window: a window locked and unlocked by someone else is another owner. */
const ownerOf = (s: Session): string => `${s.sessionId}|${s.userId}`;

/** Registers a run under its name, stopped at once if its own window cancelled that name first; returns its end. */
export function startRun(jobId: string | undefined, session: Session, stop: AbortController): () => void {
  if (!jobId) return () => undefined;
  const run: Run = { stop, owner: ownerOf(session), who: session.displayName || session.username };
  runs.set(jobId, run);
  const at = cancelledEarly.indexOf(earlyKey(run.owner, jobId));
  if (at >= 0) {
    cancelledEarly.splice(at, 1);
    stop.abort();
  }
  return () => {
    if (runs.get(jobId) === run) runs.delete(jobId);
  };
}

/** 取消 on the screen: stops this window's run of that name (CANCELLED, nothing written), or its run of that name still to come. */
export function cancelRun(jobId: string, session: Session): boolean {
  const run = runs.get(jobId);
  if (run && run.owner !== ownerOf(session))
    throw new AppError('FORBIDDEN', `这次自动排班是${run.who}在另一个窗口开始的，只能在那个窗口点「取消」。它仍在进行，没有取消。`);
  if (run) return (run.stop.abort(), true);
  cancelledEarly.push(earlyKey(ownerOf(session), jobId));
  if (cancelledEarly.length > EARLY_KEPT) cancelledEarly.shift();
  return false;
}
