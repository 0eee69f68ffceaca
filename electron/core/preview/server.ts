/**
 * The preview transport: the built renderer and the same dispatch over
 * HTTP, on 127.0.0.1 only, behind a random token. For development and
 * tests on machines without Electron's binary; never packaged.
 *
 * Each browser tab or window is its own session, as each BrowserWindow is in
 * the app: the page names itself with a random window id (header
 * X-Taizhang-Window), so a second tab opened with the same address and token
 * finds the ledger locked and asks for a password.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { isChannel } from '../api';
import { noSuchChannel } from '../errors';
import type { CoreHost } from '../worker/host';
import { jsonTooBig } from '../worker/input-bounds';
import { CONTENT_SECURITY_POLICY } from '../security-policy';

export interface PreviewServerOptions {
  host: CoreHost;
  staticDir: string;
  port: number;
  token?: string;
  testClock?: boolean;
}

const MAX_BODY = 8 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A page's own name for itself: random, 16–64 letters, digits or dashes. */
const WINDOW_ID = /^[A-Za-z0-9-]{16,64}$/;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

export async function startPreviewServer(opts: PreviewServerOptions): Promise<{ server: Server; url: string; token: string; port: number }> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const sessionOf = (windowId: string): string => `preview:${token}:${windowId}`;
  let origin = '';
  const streams = new Map<ServerResponse, string>();
  opts.host.onEvent((sid, event) => {
    for (const [s, streamSession] of streams) if (sid === null || sid === streamSession) s.write(`data: ${JSON.stringify(event)}\n\n`);
  });

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => send(res, 500, { ok: false, error: { code: 'INTERNAL', message: '预览服务出错。' } }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    // Cross-origin requests are refused: only the page this server served may call it.
    const reqOrigin = req.headers.origin;
    if (reqOrigin && reqOrigin !== origin) return send(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: '拒绝跨站请求。' } });

    if (url.pathname.startsWith('/rpc/') || url.pathname === '/events' || url.pathname.startsWith('/__test/')) {
      const given = url.pathname === '/events' ? (url.searchParams.get('token') ?? '') : String(req.headers['x-taizhang-token'] ?? '');
      if (!sameToken(given, token)) return send(res, 401, { ok: false, error: { code: 'UNAUTHENTICATED', message: '令牌无效。' } });
    }
    const windowId = url.pathname === '/events' ? (url.searchParams.get('window') ?? '') : String(req.headers['x-taizhang-window'] ?? '');
    if ((url.pathname.startsWith('/rpc/') || url.pathname === '/events') && !WINDOW_ID.test(windowId)) {
      return send(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: '请求缺少窗口标识，请刷新页面。' } });
    }
    if (url.pathname.startsWith('/rpc/')) {
      if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'BAD_INPUT', message: '只接受 POST。' } });
      let input: unknown;
      try {
        const body = await readBody(req);
        // Counted before parsing: parsing and listing 900,000 keys held this thread (every window) about 5 s (F2).
        const tooBig = jsonTooBig(body);
        if (tooBig) return send(res, 200, { ok: false, error: { code: 'BAD_INPUT', message: tooBig } });
        const text = body.toString('utf8');
        input = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        return send(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: '请求内容不是有效的 JSON，或超过大小限制。' } });
      }
      const channel = decodeURIComponent(url.pathname.slice(5));
      const reply = isChannel(channel) ? await opts.host.call(sessionOf(windowId), channel, input) : { ok: false, error: noSuchChannel(channel).toWire() };
      return send(res, 200, reply);
    }
    if (url.pathname === '/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.set(res, sessionOf(windowId));
      req.on('close', () => streams.delete(res));
      return;
    }
    if (url.pathname === '/__test/clock' && opts.testClock && req.method === 'POST') {
      const body = JSON.parse((await readBody(req)).toString('utf8')) as { instant?: string; advanceDays?: number; release?: boolean };
      if (body.instant) opts.host.setClock({ type: 'clock', action: 'set', instant: body.instant });
      else if (typeof body.advanceDays === 'number') opts.host.setClock({ type: 'clock', action: 'advanceDays', days: body.advanceDays });
      else opts.host.setClock({ type: 'clock', action: 'release' });
      return send(res, 200, { ok: true, value: null });
    }
    return serveStatic(url.pathname, res);
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    const file = join(opts.staticDir, rel);
    const inside = file.startsWith(opts.staticDir + sep) || file === opts.staticDir;
    const target = inside && extname(file) ? file : join(opts.staticDir, 'index.html');
    try {
      const data = await readFile(target);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(data);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
    }
  }

  await new Promise<void>((resolve) => server.listen(opts.port, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  origin = `http://127.0.0.1:${port}`;
  return { server, url: `${origin}/?token=${token}`, token, port };
}
