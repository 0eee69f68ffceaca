/** Removable drives on Windows (drive type 2), read with PowerShell; no native module needed. */
import { execFile } from 'node:child_process';
import { readdirSync, statfsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Drive } from '../core/shell/contract';

export function listWindowsRemovableDrives(): Promise<Drive[]> {
  return new Promise((resolve) => {
    execFile(
      'powershell.exe',
      ['-NoProfile', '-Command', 'Get-CimInstance Win32_LogicalDisk -Filter "DriveType=2" | Select-Object DeviceID,VolumeName,FreeSpace,Size | ConvertTo-Json'],
      { timeout: 8000, windowsHide: true },
      (err, stdout) => {
        if (err || !stdout.trim()) return resolve([]);
        const parsed = JSON.parse(stdout) as unknown;
        const list = (Array.isArray(parsed) ? parsed : [parsed]) as Array<{
          DeviceID: string;
          VolumeName: string | null;
          FreeSpace: number | null;
          Size: number | null;
        }>;
        resolve(list.map((d) => ({ path: `${d.DeviceID}\\`, label: d.VolumeName || d.DeviceID, freeBytes: d.FreeSpace ?? 0, totalBytes: d.Size ?? 0 })));
      },
    );
  });
}

/**
 * Linux desktops (UOS, Kylin, Debian) mount sticks at /media/<user>/<label>
 * or /run/media/<user>/<label>, sometimes /media/<label>. A mount point is a
 * folder whose device differs from its parent's.
 */
export function listLinuxRemovableDrives(roots = ['/media', '/run/media']): Drive[] {
  const drives: Drive[] = [];
  const children = (dir: string): string[] => {
    try {
      return readdirSync(dir).map((n) => join(dir, n));
    } catch {
      return [];
    }
  };
  const mountedUnder = (parent: string, dir: string): boolean => {
    try {
      return statSync(dir).isDirectory() && statSync(dir).dev !== statSync(parent).dev;
    } catch {
      return false;
    }
  };
  const add = (path: string): void => {
    try {
      const fs = statfsSync(path);
      drives.push({ path, label: basename(path), freeBytes: fs.bavail * fs.bsize, totalBytes: fs.blocks * fs.bsize });
    } catch {
      // pulled out while listing
    }
  };
  for (const root of roots) {
    for (const child of children(root)) {
      if (mountedUnder(root, child)) add(child);
      else for (const grandchild of children(child)) if (mountedUnder(child, grandchild)) add(grandchild);
    }
  }
  return drives;
}
