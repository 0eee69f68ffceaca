/**
 * Reads that leave a trace (a channel's `auditRead` in the contract, e.g. a
 * search by digits). Read channels run with the connection refusing writes
 * (db/read-only.ts), so the router calls this right after the read: one short
 * transaction of its own with the audit row, nothing awaited inside it. If the
 * row cannot be written the read fails too: nothing is answered unaudited.
 *
 * A grid asks for many pages of one query as the user scrolls or sorts. The
 * same question (channel and key) from the same session is recorded once per
 * minute: the first page's row says who asked what and how many matched;
 * asking again a minute later is recorded again.
 */
import type { ReadAuditEntry } from '../contract';
import { asWriteDb, type Database } from '../db/types';
import type { Clock } from '../clock';
import type { Session } from '../session';
import { appendAudit } from './audit-log';
import type { Sealer } from '../db/sealer';

export const READ_AUDIT_WINDOW_MS = 60_000;

/** Per session (a new unlock is a new session object): when each question was last recorded. */
const lastRecorded = new WeakMap<Session, Map<string, number>>();

export function recordRead(db: Database, clock: Clock, session: Session, channel: string, entry: ReadAuditEntry, sealer: Sealer | null): void {
  const now = clock.now().getTime();
  let seen = lastRecorded.get(session);
  if (!seen) lastRecorded.set(session, (seen = new Map()));
  const key = `${channel}\u0000${entry.key}`;
  const last = seen.get(key);
  if (last !== undefined && now - last < READ_AUDIT_WINDOW_MS && now >= last) return;
  const w = asWriteDb(db);
  w.transaction(() =>
    appendAudit(
      w,
      {
        at: clock.nowIso(),
        userId: session.userId,
        username: session.username,
        channel,
        entity: entry.entity,
        entityId: null,
        after: entry.after,
      },
      sealer,
    ),
  )();
  // Forget questions older than the window, so a long session's memo stays small.
  for (const [k, at] of seen) if (now - at >= READ_AUDIT_WINDOW_MS) seen.delete(k);
  seen.set(key, now);
}
