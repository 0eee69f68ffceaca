/**
 * A coordinator's task caught mid-await while their window is ended from another (停用, 改为只读查看) or by their own
 * 锁定; and a task's last write failing at its commit. Ordering, not timing: the task is held at its workbook's
 * writeBuffer (every export's last long await) until the test releases it.
 */
import ExcelJS from 'exceljs';
import { expect, vi } from 'vitest';
import { getUserByName } from '../../electron/core/auth/user-queries';
import type { Database } from '../../electron/core/db/types';
import type { DispatchResult } from '../../electron/core/router';
import { rotating, type TestLedger } from './ledger';
import { lastAuditId } from './office-packages';

export { lastAuditId };

type Writes = (...a: unknown[]) => Promise<unknown>;

/**
 * Holds the next workbook written (exceljs: a whole one's writeBuffer, or a streamed one's commit) until `release`;
 * `reached` resolves once it is held. Workbooks written after it pass.
 */
export function holdNextWorkbook(): { reached: Promise<void>; release: () => void } {
  let arrive = (): void => undefined;
  let open = (): void => undefined;
  const reached = new Promise<void>((r) => (arrive = r));
  const gate = new Promise<void>((r) => (open = r));
  let taken = false;
  const hold = (proto: object, name: string): void => {
    const real = (proto as Record<string, Writes>)[name]!;
    vi.spyOn(proto as Record<string, Writes>, name).mockImplementation(async function (this: unknown, ...args: unknown[]) {
      if (!taken) {
        taken = true;
        arrive();
        await gate;
      }
      return real.apply(this, args);
    });
  };
  hold(Object.getPrototypeOf(new ExcelJS.Workbook().xlsx) as object, 'writeBuffer');
  hold(ExcelJS.stream.xlsx.WorkbookWriter.prototype, 'commit');
  return { reached, release: () => open() };
}

/** Holds the next turn of the event loop asked for (setImmediate: a task's breath between steps) until `release`. */
export function holdNextTurn(): { release: () => void } {
  const real = globalThis.setImmediate;
  let held: (() => void) | null = null;
  let released = false;
  vi.spyOn(globalThis, 'setImmediate').mockImplementationOnce(((cb: (...a: unknown[]) => void, ...args: unknown[]) => {
    const go = () => void real(cb, ...args);
    if (released) go();
    else held = go;
    return undefined as unknown as NodeJS.Immediate;
  }) as unknown as typeof setImmediate);
  return {
    release: () => {
      released = true;
      held?.();
    },
  };
}

/** The next transaction runs its statements (and whatever else its function does), then fails as a full disk's commit would. */
export function failNextCommit(db: Database): void {
  const real = db.transaction.bind(db);
  vi.spyOn(db, 'transaction').mockImplementationOnce(((fn: (...a: unknown[]) => unknown) =>
    real((...args: unknown[]) => {
      fn(...args);
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    })) as Database['transaction']);
}

export type WindowEnder = '停用' | '改为只读查看' | '锁定';
export const ENDERS: WindowEnder[] = ['停用', '改为只读查看', '锁定'];

/** Ends `username`'s window as the admin (停用, 改为只读查看: both rotate the key) or as they would themselves (锁定). */
export async function endWindow(t: TestLedger, username: string, how: WindowEnder): Promise<void> {
  const id = getUserByName(t.core.services.ledger.handle(), username)!.id;
  const r =
    how === '停用'
      ? await t.raw('users.disable', { id, ...rotating() })
      : how === '改为只读查看'
        ? await t.raw('users.update', { id, role: 'viewer', ...rotating() })
        : await t.raw('auth.lock', {}, username);
  if (r.ok !== true) throw new Error(`${how}: ${JSON.stringify(r)}`);
  if (t.core.services.sessions.get(username)) throw new Error(`${how} left ${username}'s window open`);
}

/**
 * `channel` dispatched in `username`'s window and held at its workbook's write while the window is ended `how`; then
 * let go. Its answer, and the rows written under that user or by that channel after the ending.
 */
export async function endedWhileWorkbookHeld(
  t: TestLedger,
  channel: string,
  input: unknown,
  username: string,
  how: WindowEnder,
): Promise<{ result: DispatchResult; rowsAfter: number }> {
  const held = holdNextWorkbook();
  const task = t.raw(channel, input, username);
  await held.reached;
  await endWindow(t, username, how);
  const mark = lastAuditId(t);
  held.release();
  const result = await task;
  return { result, rowsAfter: rowsAfter(t, mark, username, channel) };
}

/** What a task answers when its window was ended meanwhile (task-write.ts refuseEndedWindow). */
export const WINDOW_ENDED = { ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('进行期间这个窗口已退出登录') } };

/** Rows written after `mark` under `username` or by `channel`. */
export const rowsAfter = (t: TestLedger, mark: number, username: string, channel: string): number =>
  t.core.services.ledger
    .handle()
    .prepare(`SELECT count(*) FROM audit_log WHERE id > @mark AND (username = @username OR channel = @channel)`)
    .pluck()
    .get({ mark, username, channel }) as number;
