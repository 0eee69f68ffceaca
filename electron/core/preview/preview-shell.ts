/**
 * The preview's stand-in for electron/shell: where the app would show a
 * native dialog, the page sends the path the user typed; the core checks it
 * exactly as it checks a dialog's answer before issuing a handle.
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
  // Only a drive this transport lists: a made-up "drive" is a path in disguise.
  const listedDrive = (drive: string): string => {
    if (!listDrivesUnder(opts.driveRoots).some((d) => d.path === drive))
      throw new AppError('NOT_FOUND', '这个 U 盘已不在列表中（可能已拔出），请点「刷新」后重新选择。');
    return drive;
  };
  return {
    'shell.openFile': (i, _s, core) => core.choose(i.path ? { kind: 'open', path: i.path } : null),
    'shell.saveFile': (i, _s, core) => core.choose(i.path ? { kind: 'save', path: i.path, ...(i.replace ? { replace: true } : {}) } : null),
    'shell.chooseFolder': async (i, _s, core) => {
      const kind = i.use === 'read' ? 'openFolder' : 'folder';
      const path = i.drive !== undefined ? listedDrive(i.drive) : i.path;
      return core.choose(path ? { kind, path } : null);
    },
    'shell.chooseLedgerFolder': (i, _s, core) => core.choose(i.path ? { kind: 'openFolder', path: i.path } : null),
    'shell.checkPath': (i, _s, core) => core.check({ kind: i.kind, path: i.path, ...(i.replace ? { replace: true } : {}) }),
    'shell.listDrives': async () => listDrivesUnder(opts.driveRoots),
    // The preview has no window to close; the browser tab is the user's to close.
    'app.quit': async () => ({ quitting: true }),
    'shell.printToPdf': async () => {
      throw new AppError('CONFLICT', '预览模式下请使用浏览器的“打印 → 另存为 PDF”。');
    },
  };
}
