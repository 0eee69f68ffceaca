/**
 * Both transports serve every shell channel. The type ShellImpl is a map
 * keyed by the shell contract's channels, so a transport that lacks one does
 * not compile (the @ts-expect-error lines below fail `npm run typecheck` if
 * that ever stops being true); at run time each transport's map has exactly
 * the contract's channels, and the router hands every channel of kind
 * 'shell' to them. 'electron' is mocked: its binary cannot run here.
 */
import { describe, expect, it, vi } from 'vitest';
import { api, type Channel } from '../../../electron/core/api';
import { previewShell } from '../../../electron/core/preview/preview-shell';
import { shellContract } from '../../../electron/core/shell/contract';
import { isShellChannel, type ShellImpl } from '../../../electron/core/shell/shell-impl';
import { electronShell } from '../../../electron/shell/electron-shell';

vi.mock('electron', () => ({ app: { quit: () => undefined }, BrowserWindow: class {}, dialog: {} }));

const contractChannels = Object.keys(shellContract).sort();

describe('every transport serves every shell channel', () => {
  it('the preview transport has exactly the shell contract’s channels', () => {
    expect(Object.keys(previewShell({ driveRoots: [] })).sort()).toEqual(contractChannels);
  });

  it('the Electron transport has exactly the shell contract’s channels', () => {
    expect(
      Object.keys(
        electronShell(
          () => null,
          (r) => r,
        ),
      ).sort(),
    ).toEqual(contractChannels);
  });

  it('every channel of kind shell in the whole contract is a shell contract channel', () => {
    const shellKind = (Object.keys(api) as Channel[]).filter((c) => api[c].kind === 'shell');
    expect(shellKind.sort()).toEqual(contractChannels);
    expect(shellKind.every(isShellChannel)).toBe(true);
  });

  it('a transport missing a channel, or answering it wrongly, does not compile', () => {
    const full = previewShell({ driveRoots: [] });
    const { 'shell.listDrives': _dropped, ...withoutDrives } = full;
    // @ts-expect-error a transport without shell.listDrives is not a ShellImpl
    const missing: ShellImpl = withoutDrives;
    // @ts-expect-error shell.openFile must answer { path: string | null }
    const wrong: ShellImpl = { ...full, 'shell.openFile': async () => ({ file: 'x' }) };
    expect([missing, wrong]).toHaveLength(2);
  });
});
