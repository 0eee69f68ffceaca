/** Removable drives on Windows (drive type 2), read with PowerShell; no native module needed. */
import { execFile } from 'node:child_process';
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
        const list = (Array.isArray(parsed) ? parsed : [parsed]) as Array<{ DeviceID: string; VolumeName: string | null; FreeSpace: number | null; Size: number | null }>;
        resolve(list.map((d) => ({ path: `${d.DeviceID}\\`, label: d.VolumeName || d.DeviceID, freeBytes: d.FreeSpace ?? 0, totalBytes: d.Size ?? 0 })));
      },
    );
  });
}
