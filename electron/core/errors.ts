/**
 * Typed errors that cross the contract (their wire shape, WireError, is in
 * contract.ts). Every failure a clerk can see is one of those codes with a
 * zh-CN message that says what to do next; nothing else (no stack, no SQL)
 * ever leaves the core.
 */
import type { ErrorCode, WireError } from './contract';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toWire(): WireError {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export const badInput = (message: string, details?: Record<string, unknown>): AppError => new AppError('BAD_INPUT', message, details);
export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `找不到${what}，可能已被删除，请刷新后再试。`);
/** A channel name that is not in the contract (an old renderer, a typo, a probe). */
export const noSuchChannel = (name: string): AppError => new AppError('NOT_FOUND', `没有这个功能（${name.slice(0, 60)}）。`);
export const conflict = (message: string, details?: Record<string, unknown>): AppError => new AppError('CONFLICT', message, details);

/** Turns anything thrown into a wire error; unknown errors become INTERNAL with a generic message. */
export function toWireError(err: unknown, log: (e: unknown) => void = () => undefined): WireError {
  if (err instanceof AppError) return err.toWire();
  const sqliteCode = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (sqliteCode === 'SQLITE_FULL') return { code: 'IO_FAILED', message: '磁盘空间已满，本次操作没有保存。请清理磁盘后重试。' };
  if (sqliteCode.startsWith('SQLITE_READONLY'))
    return { code: 'IO_FAILED', message: '台账所在文件夹是只读的（或 U 盘被写保护），本次操作没有保存。请把台账放到可写的文件夹。' };
  if (sqliteCode.startsWith('SQLITE_CANTOPEN'))
    return { code: 'IO_FAILED', message: '无法打开台账文件：文件夹可能是只读的、已被移走，或 U 盘已拔出。台账没有被改动。' };
  if (sqliteCode.startsWith('SQLITE_IOERR'))
    return { code: 'IO_FAILED', message: '读写磁盘出错（磁盘或 U 盘可能有故障），本次操作没有保存。请检查磁盘后重试。' };
  const fsCode = sqliteCode;
  if (fsCode === 'ENOSPC') return { code: 'IO_FAILED', message: '磁盘空间已满，本次操作没有保存。请清理磁盘后重试。' };
  if (fsCode === 'EACCES' || fsCode === 'EPERM' || fsCode === 'EROFS')
    return { code: 'IO_FAILED', message: '没有权限写入这个位置（可能是只读文件夹或写保护的 U 盘），本次操作没有保存。' };
  if (fsCode === 'ENOENT') return { code: 'IO_FAILED', message: '找不到文件或文件夹（可能已被移走，或 U 盘已拔出）。' };
  if (sqliteCode.startsWith('SQLITE_CONSTRAINT')) return { code: 'CONFLICT', message: '与已有记录冲突（可能重复），本次操作没有保存。' };
  log(err);
  return { code: 'INTERNAL', message: '程序内部出错，本次操作没有保存。请重试；如果反复出现，请联系技术支持。' };
}
