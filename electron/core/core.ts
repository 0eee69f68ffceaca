/** Wires the core's services together. One per process (worker or test). */
import type { Channel } from './api';
import { SettableClock, type Clock } from './clock';
import { Ledger } from './db/ledger';
import type { ScryptParams } from './db/keyring';
import type { CoreServices, EventSink } from './handler-types';
import { dispatch, type DispatchOptions, type DispatchResult } from './router';
import { SessionStore } from './session';

export interface CoreOptions {
  dataDir: string;
  nativeBinding?: string;
  clock?: Clock;
  emit?: EventSink;
  kdf?: ScryptParams;
  failureDelayBaseMs?: number;
}

export class Core {
  readonly services: CoreServices;
  constructor(opts: CoreOptions) {
    this.services = {
      ledger: new Ledger(opts.dataDir, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}, opts.kdf),
      openLedgerAt: (dir) => new Ledger(dir, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}, opts.kdf),
      sessions: new SessionStore(),
      clock: opts.clock ?? new SettableClock(),
      emit: opts.emit ?? (() => undefined),
      failureDelayBaseMs: opts.failureDelayBaseMs ?? 400,
      failures: new Map(),
    };
  }
  call(sessionId: string, channel: Channel, input: unknown, options?: DispatchOptions): Promise<DispatchResult> {
    return dispatch(this.services, sessionId, channel, input, options);
  }
  close(): void {
    this.services.ledger.close();
  }
}
