/**
 * The app's ShellImpl: native dialogs, printing to PDF, removable drives.
 * One of the few files allowed to import 'electron'.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { writeFile } from 'node:fs/promises';
import { AppError } from '../core/errors';
import type { ShellImpl } from '../core/shell/shell-impl';
import { listLinuxRemovableDrives, listWindowsRemovableDrives } from './drives';

export function electronShell(getWindow: () => BrowserWindow | null, appUrl: (route: string) => string): ShellImpl {
  return async (channel, input) => {
    const win = getWindow();
    const i = input as { title?: string; extensions?: string[]; suggestedName?: string; route?: string; path?: string; landscape?: boolean };
    switch (channel) {
      case 'shell.openFile': {
        const r = win
          ? await dialog.showOpenDialog(win, { title: i.title ?? '选择文件', properties: ['openFile'], filters: i.extensions ? [{ name: '表格', extensions: i.extensions }] : [] })
          : { canceled: true, filePaths: [] };
        return { path: r.canceled ? null : (r.filePaths[0] ?? null) };
      }
      case 'shell.saveFile': {
        const r = win ? await dialog.showSaveDialog(win, { title: i.title ?? '保存', defaultPath: i.suggestedName ?? '' }) : { canceled: true, filePath: '' };
        return { path: r.canceled ? null : (r.filePath ?? null) };
      }
      case 'shell.chooseFolder': {
        const r = win ? await dialog.showOpenDialog(win, { title: i.title ?? '选择文件夹', properties: ['openDirectory', 'createDirectory'] }) : { canceled: true, filePaths: [] };
        return { path: r.canceled ? null : (r.filePaths[0] ?? null) };
      }
      case 'app.quit':
        setImmediate(() => app.quit());
        return { quitting: true };
      case 'shell.listDrives':
        return process.platform === 'win32' ? listWindowsRemovableDrives() : listLinuxRemovableDrives();
      case 'shell.printToPdf': {
        // Render the print route in a hidden window with the same security settings, then save its PDF.
        const printWin = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, partition: 'taizhang', disableBlinkFeatures: 'Auxclick' } });
        try {
          await printWin.loadURL(appUrl(i.route ?? '/print'));
          const pdf = await printWin.webContents.printToPDF({ pageSize: 'A4', landscape: Boolean(i.landscape), printBackground: true });
          await writeFile(i.path!, pdf);
          return { path: i.path! };
        } finally {
          printWin.destroy();
        }
      }
      default:
        throw new AppError('NOT_FOUND', `不支持的操作：${channel}`);
    }
  };
}
