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

function pathOf(input: unknown): string | null {
  const p = (input as { path?: string }).path;
  return typeof p === 'string' ? p : null;
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
  return async (channel, input) => {
    switch (channel) {
      case 'shell.openFile': {
        const p = pathOf(input);
        if (p !== null && !existsSync(p)) throw new AppError('NOT_FOUND', `找不到文件：${p}`);
        return { path: p };
      }
      case 'shell.saveFile':
      case 'shell.chooseFolder':
        return { path: pathOf(input) };
      case 'shell.listDrives':
        return listDrivesUnder(opts.driveRoots);
      case 'app.quit':
        // The preview has no window to close; the browser tab is the user's to close.
        return { quitting: true };
      case 'shell.printToPdf':
        throw new AppError('CONFLICT', '预览模式下请使用浏览器的“打印 → 另存为 PDF”。');
      default:
        throw new AppError('NOT_FOUND', `预览模式不支持 ${channel}。`);
    }
  };
}
