/**
 * The only bridge between the page and the app: one `invoke(channel, input)`
 * and one event subscription. No ipcRenderer, no Node, nothing else.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const bridge = {
  invoke: (channel: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('taizhang:invoke', channel, input),
  onEvent: (listener: (event: unknown) => void): (() => void) => {
    const wrapped = (_e: IpcRendererEvent, event: unknown): void => listener(event);
    ipcRenderer.on('taizhang:event', wrapped);
    return () => ipcRenderer.removeListener('taizhang:event', wrapped);
  },
} satisfies { invoke: (c: string, i: unknown) => Promise<unknown>; onEvent: (l: (e: unknown) => void) => () => void };

contextBridge.exposeInMainWorld('taizhang', bridge);
