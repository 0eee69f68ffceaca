/**
 * The typed client: one `call` for every channel in the contract. Picks the
 * transport at start: Electron's preload (`window.taizhang`) in the app, or
 * the preview server over HTTP with the token from the address bar.
 */
import type { ApiInput, ApiResult, Channel, CoreEvent, Reply } from '../../../electron/core/api';
import type { ErrorCode, WireError } from '../../../electron/core/contract';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(e: WireError) {
    super(e.message);
    this.code = e.code;
    this.details = e.details;
  }
}

interface Bridge {
  invoke(channel: Channel, input: unknown): Promise<Reply>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
}

declare global {
  interface Window {
    taizhang?: Bridge;
  }
}

/**
 * The preview names each tab (or window) with its own random id, kept in
 * sessionStorage so a reload keeps it; the server gives every id its own
 * session, so a second tab opened with the same address asks for a password.
 * A duplicated tab copies sessionStorage: the older tab answers on a
 * BroadcastChannel and the newer one takes a fresh id (and so a locked ledger).
 */
const WINDOW_KEY = 'taizhang-window';
let windowId = sessionStorage.getItem(WINDOW_KEY) ?? crypto.randomUUID();
sessionStorage.setItem(WINDOW_KEY, windowId);

function guardDuplicatedTab(onNewId: () => void): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const windows = new BroadcastChannel('taizhang-windows');
  windows.onmessage = (m: MessageEvent<{ hello?: string; taken?: string }>) => {
    if (m.data.hello === windowId) windows.postMessage({ taken: windowId });
    else if (m.data.taken === windowId) {
      windowId = crypto.randomUUID();
      sessionStorage.setItem(WINDOW_KEY, windowId);
      onNewId();
    }
  };
  windows.postMessage({ hello: windowId });
}

function previewBridge(): Bridge {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem('taizhang-token', fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const token = sessionStorage.getItem('taizhang-token') ?? '';
  const listeners = new Set<(e: CoreEvent) => void>();
  let source: EventSource | null = null;
  const listen = () => {
    source?.close();
    source = new EventSource(`/events?token=${encodeURIComponent(token)}&window=${encodeURIComponent(windowId)}`);
    source.onmessage = (m: MessageEvent<string>) => {
      const event = JSON.parse(m.data) as CoreEvent;
      for (const l of listeners) l(event);
    };
  };
  guardDuplicatedTab(() => {
    if (source) listen();
    for (const l of lockListeners) l('这是一个新打开的窗口，请输入密码解锁。');
  });
  return {
    async invoke(channel, input) {
      let res: Response;
      try {
        res = await fetch(`/rpc/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Taizhang-Token': token, 'X-Taizhang-Window': windowId },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return { ok: false, error: { code: 'IO_FAILED', message: '无法连接后台程序，请确认它仍在运行。' } };
      }
      if (res.status === 401) return { ok: false, error: { code: 'UNAUTHENTICATED', message: '预览令牌无效，请使用启动时打印的完整地址。' } };
      return (await res.json()) as Reply;
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!source) listen();
      return () => listeners.delete(listener);
    },
  };
}

const bridge: Bridge = window.taizhang ?? previewBridge();
export const isPreview = !window.taizhang;

export async function call<C extends Channel>(channel: C, input: ApiInput<C>): Promise<ApiResult<C>> {
  const reply = await bridge.invoke(channel, input);
  if (!reply.ok) {
    const err = new ApiError(reply.error);
    if (err.code === 'LOCKED' || err.code === 'UNAUTHENTICATED') for (const l of lockListeners) l(err.message);
    throw err;
  }
  return reply.value as ApiResult<C>;
}

const lockListeners = new Set<(message: string) => void>();
/** Called when any call finds the ledger locked (idle lock, another window locked it). */
export function onLocked(l: (message: string) => void): () => void {
  lockListeners.add(l);
  return () => lockListeners.delete(l);
}

export function onCoreEvent(listener: (event: CoreEvent) => void): () => void {
  return bridge.onEvent(listener);
}

export function errorMessage(e: unknown): string {
  return e instanceof ApiError ? e.message : '操作没有完成，请重试。';
}
