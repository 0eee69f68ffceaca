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
  invoke(channel: string, input: unknown): Promise<Reply>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
}

declare global {
  interface Window {
    taizhang?: Bridge;
  }
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
  return {
    async invoke(channel, input) {
      let res: Response;
      try {
        res = await fetch(`/rpc/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Taizhang-Token': token }, body: JSON.stringify(input ?? {}) });
      } catch {
        return { ok: false, error: { code: 'IO_FAILED', message: '无法连接后台程序，请确认它仍在运行。' } };
      }
      if (res.status === 401) return { ok: false, error: { code: 'UNAUTHENTICATED', message: '预览令牌无效，请使用启动时打印的完整地址。' } };
      return (await res.json()) as Reply;
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
        source.onmessage = (m: MessageEvent<string>) => {
          const event = JSON.parse(m.data) as CoreEvent;
          for (const l of listeners) l(event);
        };
      }
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
