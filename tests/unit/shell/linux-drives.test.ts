import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listLinuxRemovableDrives } from '../../../electron/shell/drives';

describe('Linux removable drives', () => {
  it('lists mount points one or two levels down and skips plain folders', () => {
    // /dev/shm is a separate file system on Linux: a folder there stands in for a mounted stick.
    const root = mkdtempSync(join(tmpdir(), 'media-'));
    mkdirSync(join(root, 'zhangwei'));
    expect(listLinuxRemovableDrives([root])).toEqual([]);
    expect(listLinuxRemovableDrives(['/nonexistent-root'])).toEqual([]);
    const shmUser = '/dev/shm';
    const drives = listLinuxRemovableDrives(['/']).map((d) => d.path);
    expect(drives).toContain('/proc');
    expect(listLinuxRemovableDrives(['/dev']).map((d) => d.path)).toContain(shmUser);
    rmSync(root, { recursive: true, force: true });
  });
});
