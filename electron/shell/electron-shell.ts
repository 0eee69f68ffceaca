/**
 * The app's ShellImpl: native dialogs, printing to PDF, removable drives.
 * One of the few files allowed to import 'electron'. A dialog's answer goes
 * to the core, which checks it and issues the handle the page gets; a path
 * the page typed itself is refused (only the preview takes typed paths).
 */
import { app, BrowserWindow, dialog } from 'electron';
import { existsSync } from 'node:fs';
import { AppError } from '../core/errors';
import { writeChosenFile } from '../core/fs-atomic';
import type { Drive } from '../core/shell/contract';
import type { ShellImpl } from '../core/shell/shell-impl';
import { listLinuxRemovableDrives, listWindowsRemovableDrives } from './drives';

const listDrives = (): Promise<Drive[]> => (process.platform === 'win32' ? listWindowsRemovableDrives() : Promise.resolve(listLinuxRemovableDrives()));

function noTypedPath(i: { path?: string | undefined }): void {
  if (i.path !== undefined) throw new AppError('BAD_INPUT', '请在弹出的窗口中选择文件或文件夹（不接受直接填写的路径）。');
}

/**
 * What the app's print asks Chromium for: the same as html-prints.e2e and forms-print.e2e print with (Playwright's
 * page.pdf, which reaches the same Chromium print-to-PDF): the print CSS's own @page size and margins win
 * (preferCSSPageSize), the caller's margins are zero so the CSS margins are the only ones (Electron's default is 1 cm
 * more on every side, which would shrink the page and push 「第 N 页 共 M 页」 inwards), and no Chromium header/footer
 * (date and URL) over the page's own feet. A4 stays as the fallback for a print whose CSS names no size.
 */
export const PDF_OPTIONS = (landscape: boolean) =>
  ({
    pageSize: 'A4',
    landscape,
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: false,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
  }) as const;

export function electronShell(getWindow: () => BrowserWindow | null, appUrl: (route: string) => string): ShellImpl {
  const pickFolder = async (title: string | undefined): Promise<string | null> => {
    const win = getWindow();
    const r = win
      ? await dialog.showOpenDialog(win, { title: title ?? '选择文件夹', properties: ['openDirectory', 'createDirectory'] })
      : { canceled: true, filePaths: [] };
    return r.canceled ? null : (r.filePaths[0] ?? null);
  };
  return {
    'shell.openFile': async (i, _s, core) => {
      noTypedPath(i);
      const win = getWindow();
      const r = win
        ? await dialog.showOpenDialog(win, {
            title: i.title ?? '选择文件',
            properties: ['openFile'],
            filters: i.extensions ? [{ name: '表格', extensions: i.extensions }] : [],
          })
        : { canceled: true, filePaths: [] };
      const path = r.canceled ? null : (r.filePaths[0] ?? null);
      return core.choose(path ? { kind: 'open', path } : null);
    },
    'shell.saveFile': async (i, _s, core) => {
      noTypedPath(i);
      const win = getWindow();
      // The dialog itself asks before replacing a file (showOverwriteConfirmation on Linux; always on Windows and macOS).
      const r = win
        ? await dialog.showSaveDialog(win, {
            title: i.title ?? '保存',
            defaultPath: i.suggestedName,
            properties: ['showOverwriteConfirmation', 'createDirectory'],
          })
        : { canceled: true, filePath: '' };
      const path = r.canceled || !r.filePath ? null : r.filePath;
      return core.choose(path ? { kind: 'save', path, replace: existsSync(path) } : null);
    },
    'shell.chooseFolder': async (i, _s, core) => {
      noTypedPath(i);
      const kind = i.use === 'read' ? 'openFolder' : 'folder';
      if (i.drive !== undefined) {
        // Only a drive main itself lists now: a made-up "drive" would be a free path.
        if (!(await listDrives()).some((d) => d.path === i.drive))
          throw new AppError('NOT_FOUND', '这个 U 盘已不在列表中（可能已拔出），请点「刷新」后重新选择。');
        return core.choose({ kind, path: i.drive });
      }
      const path = await pickFolder(i.title);
      return core.choose(path ? { kind, path } : null);
    },
    'shell.chooseLedgerFolder': async (i, _s, core) => {
      noTypedPath(i);
      const path = await pickFolder('选择台账文件夹');
      return core.choose(path ? { kind: 'openFolder', path } : null);
    },
    'shell.checkPath': async () => {
      throw new AppError('FORBIDDEN', '程序中请在弹出的窗口中选择文件。');
    },
    'app.quit': async () => {
      setImmediate(() => app.quit());
      return { quitting: true };
    },
    'shell.listDrives': () => listDrives(),
    'shell.printToPdf': async (i) => {
      // The core resolved the page's handle to a checked path (never the ledger folder, never an unconfirmed replace).
      const printWin = new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, partition: 'taizhang', disableBlinkFeatures: 'Auxclick' },
      });
      try {
        await printWin.loadURL(appUrl(i.route));
        const pdf = await printWin.webContents.printToPDF(PDF_OPTIONS(i.landscape));
        writeChosenFile(i.path, Buffer.from(pdf), i.replace);
        return { path: i.path };
      } finally {
        printWin.destroy();
      }
    },
  };
}
