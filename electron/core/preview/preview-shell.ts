/**
 * The preview's stand-in for electron/shell: where the app would show a
 * native dialog, the page sends the path the user typed; the core checks it
 * exactly as it checks a dialog's answer before issuing a handle.
 */
import { existsSync, readdirSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors';
import type { Drive, GrantRequest } from '../shell/contract';
import { grantKindFor, type ShellImpl } from '../shell/shell-impl';

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

/** The typed path a preview page sends where the app would show a dialog. */
function typed(input: unknown): string | null {
  const p = (input as { path?: string }).path;
  return typeof p === 'string' && p.trim() ? p.trim() : null;
}

export function previewShell(opts: PreviewShellOptions): ShellImpl {
  return async (channel, input) => {
    const i = input as { use?: 'read' | 'write'; drive?: string; replace?: boolean; kind?: GrantRequest['kind']; path?: string };
    const kind = grantKindFor(channel, i);
    if (kind) {
      if (channel === 'shell.chooseFolder' && i.drive !== undefined) {
        // Only a drive this transport listed: a made-up "drive" is a path in disguise.
        if (!listDrivesUnder(opts.driveRoots).some((d) => d.path === i.drive)) throw new AppError('NOT_FOUND', '这个 U 盘已不在列表中（可能已拔出），请点「刷新」后重新选择。');
        return { grant: { kind, path: i.drive } };
      }
      const path = typed(input);
      return { grant: path === null ? null : { kind, path, ...(i.replace ? { replace: true } : {}) } };
    }
    switch (channel) {
      case 'shell.checkPath':
        return { check: { kind: i.kind ?? 'open', path: i.path ?? '', ...(i.replace ? { replace: true } : {}) } };
      case 'shell.listDrives':
        return { value: listDrivesUnder(opts.driveRoots) };
      case 'app.quit':
        // The preview has no window to close; the browser tab is the user's to close.
        return { value: { quitting: true } };
      case 'shell.printToPdf':
        throw new AppError('CONFLICT', '预览模式下请使用浏览器的“打印 → 另存为 PDF”。');
      default:
        throw new AppError('NOT_FOUND', `预览模式不支持 ${channel}。`);
    }
  };
}
