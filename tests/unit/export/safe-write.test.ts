import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import { ioMessage, writeVerified, writeVerifiedAside } from '../../../electron/core/io/export/safe-write';

const dirs: string[] = [];
const scratch = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'taizhang-safe-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('writeVerified', () => {
  it('writes, reads back and returns the path; a name already there gets a number, never overwritten', async () => {
    const dir = scratch();
    const data = randomBytes(3 * 1024 * 1024 + 5);
    const a = await writeVerified(dir, '上报.zip', data, async () => undefined);
    const b = await writeVerified(dir, '上报.zip', data, async () => undefined);
    expect(a).toBe(join(dir, '上报.zip'));
    expect(b).toBe(join(dir, '上报(2).zip'));
    expect(readdirSync(dir).sort()).toEqual(['上报(2).zip', '上报.zip']);
  });

  it('a stick pulled out mid-write: a clear error and no file that looks complete', async () => {
    const root = scratch();
    const stick = join(root, 'U盘');
    mkdirSync(stick);
    const data = randomBytes(4 * 1024 * 1024);
    const err = await writeVerified(stick, '上报.zip', data, async () => undefined, {
      afterChunk: (n) => {
        if (n >= 1024 * 1024) rmSync(stick, { recursive: true, force: true });
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('IO_FAILED');
    expect((err as AppError).message).toMatch(/U 盘可能已拔出|没有留下不完整的文件/);
    expect(existsSync(join(stick, '上报.zip'))).toBe(false);
  });

  it('a file that does not verify after writing is removed, not left looking complete', async () => {
    const dir = scratch();
    const err = await writeVerified(dir, '上报.zip', randomBytes(1000), async () => {
      throw new Error('hash mismatch');
    }).catch((e: unknown) => e);
    expect((err as AppError).message).toContain('读回核对不一致');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('written aside, nothing lies at its name until placed; a file that appeared there meanwhile is not replaced', async () => {
    const dir = scratch();
    const data = randomBytes(2000);
    const file = await writeVerifiedAside(dir, '上报.zip', data, async () => undefined);
    expect(file.path).toBe(join(dir, '上报.zip'));
    expect(existsSync(file.path)).toBe(false);
    writeFileSync(file.path, 'theirs');
    const err = (() => {
      try {
        file.place();
      } catch (e) {
        return e;
      }
    })();
    file.discard();
    expect((err as AppError).code).toBe('CONFLICT');
    expect(readFileSync(file.path, 'utf8')).toBe('theirs');
    expect(readdirSync(dir)).toEqual(['上报.zip']);
  });

  it('explains a full disk and a read-only folder in Chinese', () => {
    expect(ioMessage({ code: 'ENOSPC' }, 'E:\\')).toContain('空间已满');
    expect(ioMessage({ code: 'EROFS' }, 'E:\\')).toContain('只读');
  });
});
