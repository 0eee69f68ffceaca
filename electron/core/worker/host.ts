/**
 * The transport's side of the core worker: forwards calls and events, runs
 * shell channels with the transport's ShellImpl, restarts a crashed worker.
 * Never runs SQL. Used by Electron main and the preview server alike.
 */
import { Worker } from 'node:worker_threads';
import type { Channel, CoreEvent, Reply } from '../api';
import { toWireError } from '../errors';
import type { DispatchResult } from '../router';
import { runShell, type ShellImpl } from '../shell/shell-impl';
import type { FromWorker, ToWorker, WorkerInit } from './protocol';

type Listener = (sessionId: string | null, event: CoreEvent) => void;

export class CoreHost {
  private worker!: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, (r: DispatchResult) => void>();
  private readonly listeners = new Set<Listener>();
  private closing = false;

  constructor(
    private readonly workerPath: string,
    private readonly init: WorkerInit,
    private readonly shell: ShellImpl,
  ) {
    this.start();
  }

  private start(): void {
    this.worker = new Worker(this.workerPath, { workerData: this.init });
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'result') {
        this.pending.get(m.id)?.(m.result);
        this.pending.delete(m.id);
      } else if (m.type === 'event') {
        for (const l of this.listeners) l(m.sessionId, m.event);
      }
    });
    this.worker.on('error', (e) => console.error('[core worker]', e));
    this.worker.on('exit', () => {
      // A crashed core loses its sessions; every window must unlock again.
      for (const [id, resolve] of this.pending) {
        resolve({ ok: false, error: { code: 'INTERNAL', message: '后台程序意外退出，操作没有完成。请重新解锁后再试。' } });
        this.pending.delete(id);
      }
      if (!this.closing) {
        for (const l of this.listeners) l(null, { type: 'locked', reason: 'manual' });
        this.start();
      }
    });
  }

  private post(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  onEvent(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  async call(sessionId: string, channel: Channel, input: unknown): Promise<Reply> {
    const id = this.nextId++;
    const result = await new Promise<DispatchResult>((resolve) => {
      this.pending.set(id, resolve);
      this.post({ type: 'call', id, sessionId, channel, input });
    });
    if (result.ok === 'shell') {
      try {
        return { ok: true, value: await runShell(this.shell, result.channel, result.input, result.session) };
      } catch (e) {
        return { ok: false, error: toWireError(e, (err) => console.error('[shell]', channel, err)) };
      }
    }
    return result;
  }

  setClock(msg: Extract<ToWorker, { type: 'clock' }>): void {
    this.post(msg);
  }

  async close(): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((resolve) => {
      const t = setTimeout(() => void this.worker.terminate().then(() => resolve()), 5000);
      this.worker.once('exit', () => (clearTimeout(t), resolve()));
    });
    this.post({ type: 'shutdown' });
    await closed;
  }
}
