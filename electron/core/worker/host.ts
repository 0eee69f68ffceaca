/**
 * The transport's side of the core worker: forwards calls and events, runs
 * shell channels with the transport's ShellImpl, restarts a crashed worker.
 * Never runs SQL. Used by Electron main and the preview server alike.
 */
import { Worker } from 'node:worker_threads';
import type { Channel, CoreEvent, Reply } from '../api';
import { AppError, toWireError } from '../errors';
import type { DispatchResult } from '../router';
import type { ChosenFile, GrantRequest, PathCheck } from '../shell/contract';
import { runShell, type ShellCore, type ShellImpl } from '../shell/shell-impl';
import { inputTooBig } from './input-bounds';
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

  private ask(make: (id: number) => ToWorker): Promise<DispatchResult> {
    const id = this.nextId++;
    return new Promise<DispatchResult>((resolve) => {
      this.pending.set(id, resolve);
      this.post(make(id));
    });
  }

  /** The core's side of a choice: it checks the chosen path and issues the handle (or says what is wrong). */
  private coreFor(sessionId: string): ShellCore {
    const grant = async (request: GrantRequest, checkOnly: boolean): Promise<unknown> => {
      const r = await this.ask((id) => ({ type: 'grant', id, sessionId, request, checkOnly }));
      if (r.ok === true) return r.value;
      throw r.ok === false ? new AppError(r.error.code, r.error.message, r.error.details) : new AppError('INTERNAL', '程序内部出错。');
    };
    return {
      choose: async (request) => (request === null ? { chosen: null } : (grant(request, false) as Promise<{ chosen: ChosenFile }>)),
      check: (request) => grant(request, true) as Promise<PathCheck>,
    };
  }

  async call(sessionId: string, channel: Channel, input: unknown): Promise<Reply> {
    // Refused here, on the transport's thread: copying it into the worker is what would hold the core.
    const tooBig = inputTooBig(input);
    if (tooBig) return { ok: false, error: { code: 'BAD_INPUT', message: tooBig } };
    const result = await this.ask((id) => ({ type: 'call', id, sessionId, channel, input }));
    if (result.ok === 'shell') {
      try {
        return { ok: true, value: await runShell(this.shell, result.channel, result.input, result.session, this.coreFor(sessionId)) };
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
