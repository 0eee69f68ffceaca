/**
 * Registers the one IPC channel: every contract channel goes through it to
 * the core worker. The sender frame must be the app's own top frame.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { isChannel } from './core/api';
import { noSuchChannel } from './core/errors';
import type { CoreHost } from './core/worker/host';
import { isAppUrl } from './window-options';

export function sessionIdOf(contents: WebContents): string {
  return `window:${contents.id}`;
}

export function registerIpc(ipcMain: IpcMain, host: CoreHost): void {
  ipcMain.handle('taizhang:invoke', async (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame !== event.sender.mainFrame || !isAppUrl(frame.url)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自非本程序页面的请求。' } };
    }
    if (typeof channel !== 'string') return { ok: false, error: { code: 'BAD_INPUT', message: '请求格式不正确。' } };
    if (!isChannel(channel)) return { ok: false, error: noSuchChannel(channel).toWire() };
    return host.call(sessionIdOf(event.sender), channel, input);
  });
}
