import { describe, expect, it, vi } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { registerIpc } from '../../../electron/ipc';
import type { CoreHost } from '../../../electron/core/worker/host';

type Invoke = (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => Promise<unknown>;

function setup() {
  let handler: Invoke | undefined;
  const ipcMain = { handle: (name: string, h: Invoke) => name === 'taizhang:invoke' && (handler = h) } as unknown as IpcMain;
  const call = vi.fn(async () => ({ ok: true, value: 'fine' }));
  registerIpc(ipcMain, { call } as unknown as CoreHost);
  const mainFrame = { url: 'app://taizhang/index.html' };
  const event = (frame: { url: string } | null) => ({ senderFrame: frame, sender: { id: 7, mainFrame } }) as unknown as IpcMainInvokeEvent;
  return { handler: handler!, call, mainFrame, event };
}

describe('IPC sender check', () => {
  it("forwards calls from the app's own top frame, with the window's session", async () => {
    const { handler, call, mainFrame, event } = setup();
    await expect(handler(event(mainFrame), 'org.communities.list', {})).resolves.toEqual({ ok: true, value: 'fine' });
    expect(call).toHaveBeenCalledWith('window:7', 'org.communities.list', {});
  });

  it('refuses a sub-frame or a frame showing another origin', async () => {
    const { handler, call, event } = setup();
    const foreign = await handler(event({ url: 'https://evil.example/' }), 'users.list', {});
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const sub = await handler(event({ url: 'app://taizhang/index.html' }), 'users.list', {});
    expect(sub).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(call).not.toHaveBeenCalled();
  });
});
