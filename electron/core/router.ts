/**
 * dispatch(): the only entry into the core. Validates input against the
 * contract, checks the session and role, runs the handler (writes in one
 * transaction with their audit rows) and turns every failure into
 * `{ code, message }`.
 */
import { z } from 'zod';
import { api, isChannel, type Channel, type Reply } from './api';
import { appendAudit } from './audit/audit-log';
import { recordRead } from './audit/read-audit';
import { anchorAfterCommit } from './audit/anchor-write';
import { roleAtLeast, setContractToday, type AnyChannelSpec, type ChannelKind } from './contract';
import { runReadOnly } from './db/read-only';
import { asWriteDb, type WriteDb } from './db/types';
import { AppError, noSuchChannel, toWireError } from './errors';
import { handlers } from './handlers';
import { maskNumbersInReply } from './people/free-text-mask';
import { noSensitiveKey } from './auth/key-notice';
import type { AuditInput, CoreServices, HandlerContext, TaskContext } from './handler-types';
import { readSettings } from './settings/queries';
import { refuseEndedWindow, refuseRetiredSealer } from './task-write';
import type { Session } from './session';
import { isShellChannel, resolveShellInput, type ShellChannel } from './shell/shell-impl';
import { describeZodError } from './zod-messages';

/** A reply, or a shell channel past its checks for the transport to serve (see shell/shell-impl.ts). */
export type DispatchResult = Reply | { ok: 'shell'; channel: ShellChannel; input: unknown; session: Session | undefined };

export interface DispatchOptions {
  signal?: AbortSignal;
  log?: (e: unknown) => void;
}

type AnyHandler = (...args: unknown[]) => unknown;

export async function dispatch(
  services: CoreServices,
  sessionId: string,
  channel: Channel,
  rawInput: unknown,
  options: DispatchOptions = {},
): Promise<DispatchResult> {
  try {
    // The type says Channel, but the name crossed a thread (or IPC, or HTTP): check it once more.
    if (!isChannel(channel)) throw noSuchChannel(String(channel));
    const spec = api[channel];
    const kind = spec.kind as ChannelKind;
    const handler = handlers[channel] as AnyHandler | null;
    // Who first, then what: an unauthorised caller learns nothing about a channel's input.
    const session = spec.access === 'public' ? undefined : requireSession(services, sessionId);
    if (session && spec.access !== 'public' && !roleAtLeast(session.role, spec.access)) {
      // Their role would do, their slot holds no sensitive key: say why and what fixes it, not a bare 没有权限.
      if (session.keyNotice && roleAtLeast(session.keyNotice.role, spec.access)) throw noSensitiveKey(session.keyNotice);
      throw new AppError('FORBIDDEN', '您的账号没有这项操作的权限。如需办理，请联系统筹负责人。');
    }
    // A rotation left due runs at a coordinator's sign-in only with a new password (auth/due-rotation.ts): nothing else before it.
    if (session?.rotationDue && channel !== 'auth.finishRotation') {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '密钥需要更换：请先设置新密码，密钥随即更换，然后再使用台账。');
    }
    // An account still on the password a coordinator set may do nothing but set its own (migration 047), and check the
    // recovery sheet a confirmation by someone else asks it to (auth/confirmed-notice.ts, CR1-U2): it writes nothing.
    if (session?.mustChangePassword && !session.rotationDue && channel !== 'auth.changePassword' && channel !== 'auth.checkRecoveryKey') {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '这是统筹负责人为您设置的初始密码，请先设置只有您自己知道的新密码，再使用台账。');
    }
    // "Not after today" in the contract means the office's today, by this core's clock.
    setContractToday(() => services.clock.today());
    const parsed = spec.input.safeParse(rawInput === undefined ? {} : rawInput);
    if (!parsed.success) {
      const { message, fields } = describeZodError(parsed.error as z.ZodError, spec);
      throw new AppError('BAD_INPUT', message, { fields });
    }
    const input = parsed.data;
    const files = services.grants.accessFor(sessionId);
    if (kind === 'shell') {
      if (!isShellChannel(channel)) throw new Error(`${channel} is of kind shell but not in the shell contract`);
      return { ok: 'shell', channel, input: resolveShellInput(channel, input, files), session };
    }
    if (!session) {
      const value = await handler!(input, { sessionId, session: services.sessions.get(sessionId), services, clock: services.clock, files });
      return { ok: true, value };
    }
    // Only a clerk's or coordinator's session that opened the sensitive key seals and opens values.
    const sealer = session.sensitive && session.role !== 'viewer' ? services.ledger.sealer() : null;
    // The anchor is written after the handler, with the key the ledger holds then (a rotation may have changed it).
    const anchor = () => {
      if (services.ledger.isOpen() && sealer) anchorAfterCommit(services.ledger.handle(), services.ledger.sealer(), services.clock.nowIso(), options.log);
    };
    const ctx: HandlerContext = { session, clock: services.clock, channel, services, files, sealer };
    // An ID number or phone typed into free text reaches a session that may not reveal masked (people/free-text-mask.ts).
    const shown = sealer ? <T>(v: T): T => v : maskNumbersInReply;
    const db = services.ledger.handle();
    switch (kind) {
      case 'read': {
        const value = runReadOnly(db, (readDb) => handler!(readDb, input, ctx));
        // A read the contract says leaves a trace (a search by digits) is audited before it is answered.
        const entry = (spec as AnyChannelSpec).auditRead?.(input, value) ?? null;
        if (entry) {
          recordRead(db, services.clock, session, channel, entry, sealer);
          anchor();
        }
        return { ok: true, value: shown(value) };
      }
      case 'write': {
        const w = asWriteDb(db);
        const value = w.transaction(() => {
          let audited = 0;
          const audit = (e: AuditInput): void => {
            audited++;
            appendAudit(w, { ...e, at: services.clock.nowIso(), userId: session.userId, username: session.username, channel }, sealer);
          };
          const result = handler!(w, input, { ...ctx, audit });
          if (result instanceof Promise) throw new Error(`write handler ${channel} returned a promise`);
          // Every write leaves a trace, even one whose handler recorded nothing finer.
          if (audited === 0) audit({ entity: channel.split('.')[0]!, entityId: null, after: input });
          return result;
        })();
        anchor();
        services.emit(null, { type: 'changed', channel });
        return { ok: true, value: shown(value) };
      }
      case 'task': {
        try {
          const value = await handler!(input, taskContext(services, ctx, db, options.signal));
          services.emit(null, { type: 'changed', channel });
          return { ok: true, value: shown(value) };
        } finally {
          // A task commits in several transactions, some even when it fails later: one anchor at its end.
          anchor();
        }
      }
      case 'session':
        return { ok: true, value: await handler!(input, { sessionId, session, services, clock: services.clock, files }) };
      default: {
        const never: never = kind;
        throw new Error(`unknown channel kind ${String(never)}`);
      }
    }
  } catch (err) {
    auditDamagedRow(services, sessionId, channel, err, options.log);
    return { ok: false, error: toWireError(err, options.log) };
  }
}

/**
 * A row found altered outside the program (db/row-binding.ts) is refused, and the refusal is written to the audit
 * log in a transaction of its own: the channel's own transaction (or the read) has been rolled back by then.
 */
function auditDamagedRow(services: CoreServices, sessionId: string, channel: Channel, err: unknown, log?: (e: unknown) => void): void {
  const found = err instanceof AppError ? (err.details?.damagedRow as { table: string; id: number; label: string } | undefined) : undefined;
  const session = services.sessions.get(sessionId);
  if (!found || !session || !services.ledger.isOpen()) return;
  const w = asWriteDb(services.ledger.handle());
  try {
    w.transaction(() =>
      appendAudit(
        w,
        {
          at: services.clock.nowIso(),
          userId: session.userId,
          username: session.username,
          channel,
          entity: 'damaged_row',
          entityId: String(found.id),
          after: { damagedRecord: found.label, damagedTable: found.table, id: found.id },
        },
        services.ledger.sealer(),
      ),
    )();
  } catch (e) {
    log?.(e);
  }
}

function requireSession(services: CoreServices, sessionId: string): Session {
  const session = services.sessions.get(sessionId);
  if (!session || !services.ledger.isOpen()) throw new AppError('UNAUTHENTICATED', '台账已锁定，请先输入密码解锁。');
  const now = services.clock.now().getTime();
  const idleMinutes = readSettings(services.ledger.handle()).idleLockMinutes;
  if (now - session.lastActivityMs > idleMinutes * 60_000) {
    lockSession(services, sessionId, 'idle');
    throw new AppError('LOCKED', `已超过 ${idleMinutes} 分钟没有操作，台账已自动锁定。请重新输入密码。`);
  }
  session.lastActivityMs = now;
  return session;
}

export function lockSession(services: CoreServices, sessionId: string, reason: 'idle' | 'manual'): void {
  services.sessions.delete(sessionId);
  services.grants.dropSession(sessionId);
  services.emit(sessionId, { type: 'locked', reason });
  if (services.sessions.size() === 0 && services.ledger.isOpen()) {
    // Rows a viewer's session appended since the last anchor are covered now, while the key is still held.
    anchorAfterCommit(services.ledger.handle(), services.ledger.sealer(), services.clock.nowIso());
    services.ledger.close();
  }
}

/** Locks every session idle for longer than the setting. Called on a timer by the worker. */
export function sweepIdleSessions(services: CoreServices): void {
  if (!services.ledger.isOpen()) return;
  const idleMinutes = readSettings(services.ledger.handle()).idleLockMinutes;
  const now = services.clock.now().getTime();
  for (const s of services.sessions.all()) if (now - s.lastActivityMs > idleMinutes * 60_000) lockSession(services, s.sessionId, 'idle');
}

function taskContext(services: CoreServices, ctx: HandlerContext, db: ReturnType<CoreServices['ledger']['handle']>, signal?: AbortSignal): TaskContext {
  const w = asWriteDb(db);
  const transaction = <T>(fn: (db: WriteDb, audit: (e: AuditInput) => void) => T): T =>
    w.transaction(() =>
      fn(w, (e) =>
        appendAudit(w, { ...e, at: services.clock.nowIso(), userId: ctx.session.userId, username: ctx.session.username, channel: ctx.channel }, ctx.sealer),
      ),
    )();
  return {
    ...ctx,
    read: db,
    signal: signal ?? new AbortController().signal,
    progress: (phase, done, total) => services.emit(ctx.session.sessionId, { type: 'progress', channel: ctx.channel, phase, done, total }),
    write: (fn) => {
      // After the task's awaits: not in a window ended meanwhile, not with a key a rotation retired (task-write.ts).
      refuseEndedWindow(ctx);
      refuseRetiredSealer(services, ctx);
      return transaction(fn);
    },
    writeStop: (entry) => {
      // The one row an ended window writes: that its task stopped. None once the last lock closed the ledger.
      if (services.ledger.isOpen()) transaction((_db, audit) => audit(entry));
    },
  };
}
