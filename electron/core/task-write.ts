/**
 * The rules of a task's write (router.ts taskContext), after its awaits. One place for them, for every task.
 *
 * A task seals, binds and audits with the sealer its window had when it was dispatched (ctx.sealer). A rotation
 * meanwhile (更换密钥, 停用, 改为只读查看, the due one) replaces the ledger's sensitive key without ending every window,
 * so its rows would be sealed under the retired key: the sixteenth attack run's S30-A1, an import.commit raced with
 * 更换密钥 sealed 20,000 of 20,000 rows under it. A sealer that is no longer the ledger's writes nothing, CONFLICT.
 *
 * A window ended meanwhile (停用, 改为只读查看, 重设密码, 用恢复密钥 end the user's windows, auth/user-handlers.ts
 * endSessionsOf; a lock ends one, router.ts lockSession) has no authority left to write with: its task writes nothing
 * and places no file, UNAUTHENTICATED naming the task (S30-A2's class: a coordinator's export finishing after their
 * 停用 still placed its file and wrote its row). import.commit's stop row is the one write an ended window makes
 * (ctx.writeStop).
 *
 * A task's file (an export, a backup) is written aside and placed inside the transaction of its audit row
 * (placeAudited): refused, or failing at the rename or the commit, it leaves neither the file nor the row (S30-A3).
 */
import { ACTIONS } from './audit/vocabulary';
import { AppError } from './errors';
import type { FileAside } from './fs-atomic';
import type { AuditInput, CoreServices, HandlerContext, TaskContext } from './handler-types';
import type { WriteDb } from './db/types';

/** What the task does, as a coordinator reads it (「导入了表格」 → 导入表格). */
const taskName = (channel: string): string => (ACTIONS[channel] ?? '操作').replace('了', '');

/** Whether the window that dispatched the task was ended (or the ledger closed by the last lock) while it awaited. */
export const windowEnded = (ctx: Pick<HandlerContext, 'services' | 'session'>): boolean =>
  ctx.services.sessions.get(ctx.session.sessionId) !== ctx.session || !ctx.services.ledger.isOpen();

export function refuseEndedWindow(ctx: Pick<HandlerContext, 'services' | 'session' | 'channel'>): void {
  if (!windowEnded(ctx)) return;
  const name = taskName(ctx.channel);
  throw new AppError(
    'UNAUTHENTICATED',
    `「${name}」进行期间这个窗口已退出登录（已锁定，或密码被重设、账号被停用、改为只读查看），没有完成：台账没有改动，也没有留下文件。请重新登录后再${name}。`,
  );
}

export function refuseRetiredSealer(services: CoreServices, ctx: Pick<HandlerContext, 'sealer' | 'channel' | 'session'>): void {
  if (ctx.sealer === null || !services.ledger.isOpen() || services.ledger.sealer() === ctx.sealer) return;
  const name = taskName(ctx.channel);
  throw new AppError('CONFLICT', `「${name}」进行期间统筹负责人更换了密钥（更换密钥、停用账号或改为只读查看时都会更换），台账没有任何改动。请重新${name}。`);
}

/**
 * `fn`'s rows and the file in one step: the rows first, the file placed last inside their transaction, so a write
 * refused (the rules above, or a chosen folder that now leads into the ledger's: S32-A2) or a failing rename places
 * nothing, and a commit failing after the rename removes it (putting back a file it replaced: fs-atomic.ts asideAt).
 * The temporary file is removed whatever happens.
 */
export function placeAudited<T>(ctx: TaskContext, file: FileAside, fn: (db: WriteDb, audit: (e: AuditInput) => void) => T): T {
  let placed = false;
  try {
    return ctx.write((db, audit) => {
      const value = fn(db, audit);
      ctx.services.grants.requireStillOutside(file.path);
      file.place();
      placed = true;
      return value;
    });
  } catch (e) {
    if (placed) file.unplace();
    throw e;
  } finally {
    file.discard();
  }
}
