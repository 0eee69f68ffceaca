/**
 * The app's ShellImpl: native dialogs, printing to PDF, removable drives.
 * One of the few files allowed to import 'electron'. A dialog's answer goes
 * back to the core as a grant request (the core checks it and issues the
 * handle the page gets); a path the page typed itself is refused.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { existsSync } from 'node:fs';
import { AppError } from '../core/errors';
import { writeChosenFile } from '../core/fs-atomic';
import type { Drive } from '../core/shell/contract';
import { grantKindFor, type ShellImpl } from '../core/shell/shell-impl';
import { listLinuxRemovableDrives, listWindowsRemovableDrives } from './drives';

const listDrives = (): Promise<Drive[]> => (process.platform === 'win32' ? listWindowsRemovableDrives() : Promise.resolve(listLinuxRemovableDrives()));

export function electronShell(getWindow: () => BrowserWindow | null, appUrl: (route: string) => string): ShellImpl {
  return async (channel, input) => {
    const win = getWindow();
    const i = input as { title?: string; extensions?: string[]; suggestedName?: string; route?: string; path?: string; replace?: boolean; landscape?: boolean; use?: 'read' | 'write'; drive?: string };
    const kind = grantKindFor(channel, i);
    if (kind && i.path !== undefined) throw new AppError('BAD_INPUT', '请在弹出的窗口中选择文件或文件夹（不接受直接填写的路径）。');
    switch (channel) {
      case 'shell.openFile': {
        const r = win
          ? await dialog.showOpenDialog(win, { title: i.title ?? '选择文件', properties: ['openFile'], filters: i.extensions ? [{ name: '表格', extensions: i.extensions }] : [] })
          : { canceled: true, filePaths: [] };
        const path = r.canceled ? null : (r.filePaths[0] ?? null);
        return { grant: path ? { kind: 'open', path } : null };
      }
      case 'shell.saveFile': {
        // The dialog itself asks before replacing a file (showOverwriteConfirmation on Linux; always on Windows and macOS).
        const r = win
          ? await dialog.showSaveDialog(win, { title: i.title ?? '保存', defaultPath: i.suggestedName ?? '', properties: ['showOverwriteConfirmation', 'createDirectory'] })
          : { canceled: true, filePath: '' };
        const path = r.canceled || !r.filePath ? null : r.filePath;
        return { grant: path ? { kind: 'save', path, replace: existsSync(path) } : null };
      }
      case 'shell.chooseFolder':
      case 'shell.chooseLedgerFolder': {
        if (i.drive !== undefined) {
          // Only a drive main itself lists now: a made-up "drive" would be a free path.
          if (!(await listDrives()).some((d) => d.path === i.drive)) throw new AppError('NOT_FOUND', '这个 U 盘已不在列表中（可能已拔出），请点「刷新」后重新选择。');
          return { grant: { kind: kind!, path: i.drive } };
        }
        const r = win ? await dialog.showOpenDialog(win, { title: i.title ?? '选择文件夹', properties: ['openDirectory', 'createDirectory'] }) : { canceled: true, filePaths: [] };
        const path = r.canceled ? null : (r.filePaths[0] ?? null);
        return { grant: path ? { kind: kind!, path } : null };
      }
      case 'shell.checkPath':
        throw new AppError('FORBIDDEN', '程序中请在弹出的窗口中选择文件。');
      case 'app.quit':
        setImmediate(() => app.quit());
        return { value: { quitting: true } };
      case 'shell.listDrives':
        return { value: await listDrives() };
      case 'shell.printToPdf': {
        // The core resolved the page's handle to a checked path (never the ledger folder, never an unconfirmed replace).
        const target = input as { route: string; path: string; replace: boolean; landscape?: boolean };
        const printWin = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, partition: 'taizhang', disableBlinkFeatures: 'Auxclick' } });
        try {
          await printWin.loadURL(appUrl(target.route ?? '/print'));
          const pdf = await printWin.webContents.printToPDF({ pageSize: 'A4', landscape: Boolean(target.landscape), printBackground: true });
          writeChosenFile(target.path, Buffer.from(pdf), target.replace);
          return { value: { path: target.path } };
        } finally {
          printWin.destroy();
        }
      }
      default:
        throw new AppError('NOT_FOUND', `不支持的操作：${channel}`);
    }
  };
}
