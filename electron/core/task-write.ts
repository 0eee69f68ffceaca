/**
 * A task seals, binds and audits with the sealer its window had when it was dispatched (router.ts ctx.sealer), and
 * writes after its awaits. A rotation meanwhile (更换密钥, 停用, 改为只读查看, the due one) replaces the ledger's
 * sensitive key without ending that window, so its rows would be sealed under the retired key: the sixteenth attack
 * run's S30-A1, an import.commit raced with 更换密钥 sealed 20,000 of 20,000 rows under it (the office's key opening
 * none, a reveal answering LEDGER_DAMAGED; with 停用, the leaver's key opening them all). One rule for every task, at
 * its write (router.ts taskContext): a sealer that is no longer the ledger's writes nothing, CONFLICT naming the task.
 */
import { ACTIONS } from './audit/vocabulary';
import { AppError } from './errors';
import type { CoreServices, HandlerContext } from './handler-types';

/** What the task does, as a coordinator reads it (「导入了表格」 → 导入表格). */
const taskName = (channel: string): string => (ACTIONS[channel] ?? '操作').replace('了', '');

export function refuseRetiredSealer(services: CoreServices, ctx: Pick<HandlerContext, 'sealer' | 'channel' | 'session'>): void {
  if (ctx.sealer === null || !services.ledger.isOpen() || services.ledger.sealer() === ctx.sealer) return;
  // A window ended meanwhile (停用 rotates and ends the user's windows) is the task's own stop: import.commit writes
  // one row saying so and nothing else (io/import/jobs.ts windowEnded). Other tasks in an ended window: S30-A2, left.
  if (services.sessions.get(ctx.session.sessionId) !== ctx.session) return;
  const name = taskName(ctx.channel);
  throw new AppError('CONFLICT', `「${name}」进行期间统筹负责人更换了密钥（更换密钥、停用账号或改为只读查看时都会更换），台账没有任何改动。请重新${name}。`);
}
