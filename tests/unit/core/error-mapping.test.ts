import { describe, expect, it } from 'vitest';
import { AppError, toWireError } from '../../../electron/core/errors';

const withCode = (code: string) => Object.assign(new Error(`raw ${code} /secret/path`), { code });

describe('toWireError', () => {
  it('keeps typed errors as they are', () => {
    expect(toWireError(new AppError('CONFLICT', '已有同名社区'))).toEqual({ code: 'CONFLICT', message: '已有同名社区' });
  });

  it.each([
    ['SQLITE_FULL', '磁盘空间已满'],
    ['SQLITE_READONLY_DBMOVED', '只读'],
    ['SQLITE_CANTOPEN', '无法打开台账文件'],
    ['SQLITE_IOERR_WRITE', '读写磁盘出错'],
    ['ENOSPC', '磁盘空间已满'],
    ['EROFS', '没有权限写入'],
    ['ENOENT', '找不到文件'],
  ])('turns %s into IO_FAILED with a Chinese message and no path', (code, words) => {
    const w = toWireError(withCode(code));
    expect(w.code).toBe('IO_FAILED');
    expect(w.message).toContain(words);
    expect(w.message).not.toContain('/secret/path');
  });

  it('turns anything else into INTERNAL without its text, and logs the original', () => {
    const logged: unknown[] = [];
    const w = toWireError(new TypeError('cannot read x of undefined at foo.ts:12'), (e) => logged.push(e));
    expect(w).toEqual({ code: 'INTERNAL', message: expect.stringContaining('程序内部出错') });
    expect(logged).toHaveLength(1);
  });
});
