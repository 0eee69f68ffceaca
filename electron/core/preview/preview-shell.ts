/**
 * The preview's stand-in for electron/shell: where the app would show a
 * native dialog, the input carries the path the user would have picked.
 */
import { existsSync, readdirSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors';
import type { Drive } from '../shell/contract';
import type { ShellImpl } from '../shell/shell-impl';

export interface PreviewShellOptions {
  /** Folders that stand for removable drives (tests point this at temp folders). */
  driveRoots: string[];
}

export function listDrivesUnder(roots: string[]): Drive[] {
  const drives: Drive[] = [];
  for (const root of roots) {
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root)) {
      const path = join(root, name);
      try {
        if (!statSync(path).isDirectory()) continue;
        // /media/<user>/<label> on most desktops: look one level deeper when the name is a user.
        const fs = statfsSync(path);
        drives.push({ path, label: name, freeBytes: fs.bavail * fs.bsize, totalBytes: fs.blocks * fs.bsize });
      } catch {
        // a stick pulled out while listing: skip it
      }
    }
  }
  return drives;
}

export function previewShell(opts: PreviewShellOptions): ShellImpl {
  return {
    'shell.openFile': async (i) => {
      if (i.path !== undefined && !existsSync(i.path)) throw new AppError('NOT_FOUND', `找不到文件：${i.path}`);
      return { path: i.path ?? null };
    },
    'shell.saveFile': async (i) => ({ path: i.path ?? null }),
    'shell.chooseFolder': async (i) => ({ path: i.path ?? null }),
    'shell.listDrives': async () => listDrivesUnder(opts.driveRoots),
    // The preview has no window to close; the browser tab is the user's to close.
    'app.quit': async () => ({ quitting: true }),
    'shell.printToPdf': async () => {
      throw new AppError('CONFLICT', '预览模式下请使用浏览器的“打印 → 另存为 PDF”。');
    },
  };
}
