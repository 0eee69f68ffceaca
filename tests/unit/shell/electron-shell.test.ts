/**
 * The app's shell, with a mocked 'electron' (its binary cannot run here): a
 * dialog's answer becomes a grant request for the core to check, a path the
 * page made up is refused, and the preview's typed-path check does not exist
 * in the app.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { GrantRequest } from '../../../electron/core/shell/contract';
import type { ShellCore } from '../../../electron/core/shell/shell-impl';

const dir = mkdtempSync(join(tmpdir(), 'taizhang-eshell-'));
const answers: { open: string[]; save: string } = { open: [], save: '' };
/** What each print asked webContents.printToPDF for, in order. */
const printed: unknown[] = [];

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { printToPDF: (o: unknown) => (printed.push(o), Promise.resolve(Buffer.from('%PDF-1.4 test'))) };
    loadURL(): Promise<void> {
      return Promise.resolve();
    }
    destroy(): void {}
  }
  return {
    app: { quit: () => undefined },
    BrowserWindow,
    dialog: {
      showOpenDialog: () => Promise.resolve({ canceled: answers.open.length === 0, filePaths: answers.open }),
      showSaveDialog: () => Promise.resolve({ canceled: !answers.save, filePath: answers.save }),
    },
  };
});

/** Records what the shell asks the core, as the host would forward it. */
function recordingCore(): { core: ShellCore; asked: Array<GrantRequest | null> } {
  const asked: Array<GrantRequest | null> = [];
  return {
    asked,
    core: {
      choose: async (r) => (asked.push(r), { chosen: r && { handle: `fh_${'t'.repeat(24)}`, path: r.path, name: 'x' } }),
      check: async (r) => (asked.push(r), { problem: null, exists: false, needsReplace: false }),
    },
  };
}

describe('the app shell', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('turns a dialog answer into a grant request, saying "replace" only when the dialog confirmed an existing file', async () => {
    const { electronShell } = await import('../../../electron/shell/electron-shell');
    const { BrowserWindow } = await import('electron');
    const shell = electronShell(
      () => new BrowserWindow(),
      (r) => `app://taizhang/#${r}`,
    );
    const { core, asked } = recordingCore();
    answers.open = [join(dir, 'a.xlsx')];
    expect((await shell['shell.openFile']({}, undefined, core)).chosen?.path).toBe(join(dir, 'a.xlsx'));
    answers.save = join(dir, 'new.xlsx');
    await shell['shell.saveFile']({ suggestedName: 'x.xlsx' }, undefined, core);
    writeFileSync(join(dir, 'old.xlsx'), 'x');
    answers.save = join(dir, 'old.xlsx');
    await shell['shell.saveFile']({ suggestedName: 'x.xlsx' }, undefined, core);
    answers.open = [];
    expect(await shell['shell.chooseFolder']({ use: 'read' }, undefined, core)).toEqual({ chosen: null });
    expect(asked).toEqual([
      { kind: 'open', path: join(dir, 'a.xlsx') },
      { kind: 'save', path: join(dir, 'new.xlsx'), replace: false },
      { kind: 'save', path: join(dir, 'old.xlsx'), replace: true },
      null,
    ]);
  });

  it('refuses a path the page typed, a made-up drive and the preview-only path check', async () => {
    const { electronShell } = await import('../../../electron/shell/electron-shell');
    const shell = electronShell(
      () => null,
      (r) => r,
    );
    const { core, asked } = recordingCore();
    await expect(shell['shell.saveFile']({ suggestedName: 'x', path: '/home/u/taizhang.keyring.json' }, undefined, core)).rejects.toThrow(
      /不接受直接填写的路径/,
    );
    await expect(shell['shell.chooseFolder']({ use: 'write', drive: '/home/u/.config/taizhang/ledger' }, undefined, core)).rejects.toThrow(/不在列表中/);
    await expect(shell['shell.checkPath']({ kind: 'save', path: '/x' }, undefined, core)).rejects.toThrow(/弹出的窗口/);
    expect(asked).toEqual([]);
  });

  it('prints to the path the core resolved, replacing only when the user confirmed', async () => {
    const { electronShell } = await import('../../../electron/shell/electron-shell');
    const shell = electronShell(
      () => null,
      (r) => r,
    );
    const { core } = recordingCore();
    const target = join(dir, 'roster.pdf');
    writeFileSync(target, 'older');
    await expect(shell['shell.printToPdf']({ route: '/print/roster', path: target, replace: false, landscape: false }, undefined, core)).rejects.toThrow(
      /已经存在/,
    );
    expect(readFileSync(target, 'utf8')).toBe('older');
    expect(await shell['shell.printToPdf']({ route: '/print/roster', path: target, replace: true, landscape: false }, undefined, core)).toEqual({
      path: target,
    });
    expect(readFileSync(target, 'utf8')).toContain('%PDF');
  });

  it("asks Chromium for the print CSS's own page: @page size and margins win, no margins or header/footer of its own", async () => {
    // Without preferCSSPageSize and zero margins Electron prints Letter-scaled content inside its own 1 cm margins,
    // so the @page margins (and the 「第 N 页 共 M 页」 feet in them) are not the ones html-prints.e2e reads back.
    const { electronShell } = await import('../../../electron/shell/electron-shell');
    const shell = electronShell(
      () => null,
      (r) => `app://taizhang/#${r}`,
    );
    const { core } = recordingCore();
    printed.length = 0;
    await shell['shell.printToPdf']({ route: '/print/roster', path: join(dir, 'p.pdf'), replace: false, landscape: true }, undefined, core);
    await shell['shell.printToPdf']({ route: '/print/form', path: join(dir, 'f.pdf'), replace: false, landscape: false }, undefined, core);
    const zero = { top: 0, bottom: 0, left: 0, right: 0 };
    expect(printed).toEqual([
      { pageSize: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false, margins: zero },
      { pageSize: 'A4', landscape: false, printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false, margins: zero },
    ]);
  });
});
