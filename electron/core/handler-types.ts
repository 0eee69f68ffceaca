import type { Clock } from './clock';
import type { ChannelKind, ChannelSpec, ParsedInputOf, ResultOf } from './contract';
import type { UnlockThrottle } from './unlock-throttle';
import type { Ledger } from './db/ledger';
import type { FileAccess, FileGrants } from './fs-grants';
import type { ReadDb, WriteDb } from './db/types';
import type { Channel, CoreEvent } from './api';
import type { Session, SessionStore } from './session';
import type { z } from 'zod';
import type { Sealer } from './db/sealer';
import type { SealUpgrade } from './db/seal-upgrades';
import type { SealedColumn } from './keys/sealed-columns';
import type { RowBinding } from './db/row-binding';

/** Where the core sends an event: to one session, or to every window when sessionId is null. */
export type EventSink = (sessionId: string | null, event: CoreEvent) => void;

export interface AuditInput {
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * A witness of an anchor that holds (the backups, the packages that left; audit/anchor.ts verifyWithWitnesses):
 * a sentence (Chinese) when it recorded a head the log no longer holds, else null.
 */
export type AnchorWitness = (db: ReadDb, site: { ledgerId: string; anchoredUpTo: number; zone: string }) => string | null;

export interface CoreServices {
  ledger: Ledger;
  /** Another ledger folder, same native binding and KDF (the startup screen's 打开另一个台账). */
  openLedgerAt: (dir: string) => Ledger;
  sessions: SessionStore;
  clock: Clock;
  emit: EventSink;
  /** Base of the growing delay after a wrong password, in ms. */
  failureDelayBaseMs: number;
  /** Unlock attempts one at a time, with delays that survive restarts (unlock-throttle.ts). */
  throttle: UnlockThrottle;
  /** Handles for the files and folders users chose (fs-grants.ts). */
  grants: FileGrants;
  /** What older versions stored in clear, sealed after a clerk's or coordinator's unlock (seal-upgrades.ts). */
  sealUpgrades: readonly SealUpgrade[];
  /** Every sealed column, which a key rotation re-seals (sealed-columns.ts). */
  sealedColumns: readonly SealedColumn[];
  /** Every table whose rows are bound to their sealed values (db/row-binding.ts): a rotation recomputes their MACs (sealed-columns.ts). */
  rowBindings: readonly RowBinding[];
  /** Purposes under which areas seal whole records into audit rows; audit.reveal tries them (sealed-columns.ts). */
  sealedRecordAuditPurposes: readonly string[];
  /**
   * Witnesses of an anchor that holds, asked in turn by audit.verify: a message when one recorded a
   * head the log no longer holds (an older anchor put back after the log was cut), else null. The
   * backups made since (io/backup/witness.ts) and the packages that left (io/export/export-witness.ts).
   * They come in through the services because those areas import audit, not the other way round.
   */
  anchorWitnesses: readonly AnchorWitness[];
  /**
   * The app's own folder on this PC, outside every ledger folder (Electron's userData; null in tests and tools): where
   * the keys rotations retired here are noted (auth/retired-here.ts; ninth attack run, RK1).
   */
  appDir: string | null;
  /**
   * The rota planner's thread file (rota-planner.cjs beside core-worker.cjs): 自动排班 plans there so the core thread
   * keeps answering every window (rota/plan-rota.ts, S43-A3). Null in unit tests and tools: they plan on the core's thread.
   */
  rotaPlannerPath: string | null;
}

export interface HandlerContext {
  session: Session;
  clock: Clock;
  channel: Channel;
  services: CoreServices;
  /** Resolves the handles in this call's input to checked paths. */
  files: FileAccess;
  /** Seals and opens personal values with the sensitive key; null for viewers (and sessions without the key). */
  sealer: Sealer | null;
}

export interface WriteContext extends HandlerContext {
  /** Appends an audit row in the same transaction as the change. */
  audit(entry: AuditInput): void;
}

export interface TaskContext extends HandlerContext {
  read: ReadDb;
  /** Runs `fn` in one transaction; `audit` inside it lands in the same transaction. Never await inside. */
  write<T>(fn: (db: WriteDb, audit: (e: AuditInput) => void) => T): T;
  /** One audit row saying the task stopped because its window was ended: the only write an ended window makes. */
  writeStop(entry: AuditInput): void;
  progress(phase: string, done: number, total: number): void;
  signal: AbortSignal;
}

export interface SessionContext {
  sessionId: string;
  session: Session | undefined;
  services: CoreServices;
  clock: Clock;
  files: FileAccess;
}

type Spec = ChannelSpec<z.ZodType, unknown, ChannelKind>;

export type HandlerFor<C extends Spec> =
  C extends ChannelSpec<z.ZodType, unknown, 'read'>
    ? (db: ReadDb, input: ParsedInputOf<C>, ctx: HandlerContext) => ResultOf<C>
    : C extends ChannelSpec<z.ZodType, unknown, 'write'>
      ? (db: WriteDb, input: ParsedInputOf<C>, ctx: WriteContext) => ResultOf<C>
      : C extends ChannelSpec<z.ZodType, unknown, 'task'>
        ? (input: ParsedInputOf<C>, ctx: TaskContext) => Promise<ResultOf<C>>
        : C extends ChannelSpec<z.ZodType, unknown, 'session'>
          ? (input: ParsedInputOf<C>, ctx: SessionContext) => Promise<ResultOf<C>> | ResultOf<C>
          : null;

/** An area's handlers, typed against its contract: every channel must have one. */
export type HandlersOf<T extends Record<string, Spec>> = { [K in keyof T]: HandlerFor<T[K]> };
