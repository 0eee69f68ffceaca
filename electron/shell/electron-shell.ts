/**
 * The app's ShellImpl: native dialogs, printing to PDF, removable drives.
 * One of the few files allowed to import 'electron'.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { ShellImpl } from '../core/shell/shell-impl';
import { listLinuxRemovableDrives, listWindowsRemovableDrives } from './drives';

export function electronShell(getWindow: () => BrowserWindow | null, appUrl: (route: string) => string): ShellImpl {
  return {
    'shell.openFile': async (i) => {
      const win = getWindow();
      const r = win
        ? await dialog.showOpenDialog(win, { title: i.title ?? '选择文件', properties: ['openFile'], filters: i.extensions ? [{ name: '表格', extensions: i.extensions }] : [] })
        : { canceled: true, filePaths: [] };
      return { path: r.canceled ? null : (r.filePaths[0] ?? null) };
    },
    'shell.saveFile': async (i) => {
      const win = getWindow();
      const r = win ? await dialog.showSaveDialog(win, { title: i.title ?? '保存', defaultPath: i.suggestedName }) : { canceled: true, filePath: '' };
      return { path: r.canceled ? null : (r.filePath ?? null) };
    },
    'shell.chooseFolder': async (i) => {
      const win = getWindow();
      const r = win ? await dialog.showOpenDialog(win, { title: i.title ?? '选择文件夹', properties: ['openDirectory', 'createDirectory'] }) : { canceled: true, filePaths: [] };
      return { path: r.canceled ? null : (r.filePaths[0] ?? null) };
    },
    'app.quit': async () => {
      setImmediate(() => app.quit());
      return { quitting: true };
    },
    'shell.listDrives': async () => (process.platform === 'win32' ? listWindowsRemovableDrives() : listLinuxRemovableDrives()),
    'shell.printToPdf': async (i) => {
      // Render the print route in a hidden window with the same security settings, then save its PDF.
      const printWin = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, partition: 'taizhang', disableBlinkFeatures: 'Auxclick' } });
      try {
        await printWin.loadURL(appUrl(i.route));
        const pdf = await printWin.webContents.printToPDF({ pageSize: 'A4', landscape: i.landscape, printBackground: true });
        await writeFile(i.path, pdf);
        return { path: i.path };
      } finally {
        printWin.destroy();
      }
    },
  };
}
