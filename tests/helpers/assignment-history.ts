/**
 * For tests (session 46: read by no screen, moved here from electron/core/rota/plan-history.ts). One assignment's
 * history out of the log: its own rows (安排, 取消, 破例理由…) and the 自动排班 batches that hold it
 * (plan-save.ts writes a run's assignments 500 to a row), each with who, when, which run and the assignment as it was,
 * in words (audit/describe.ts) as 操作日志 says them.
 */
import { batchedEntriesFor } from '../../electron/core/audit/batched-entries';
import { describeAudit } from '../../electron/core/audit/describe';
import type { ReadDb } from '../../electron/core/db/types';
import type { PlanRunRecord } from '../../electron/core/rota/plan-save';

export interface AssignmentHistoryEntry {
  at: string;
  username: string;
  channel: string;
  /** The 自动排班 run the entry came with (its row just before its batches), or null for another write. */
  run: PlanRunRecord | null;
  before: unknown;
  after: unknown;
  words: string;
}

const parse = (s: string | null): unknown => (s === null ? null : (JSON.parse(s) as unknown));

export function assignmentHistory(db: ReadDb, id: number): AssignmentHistoryEntry[] {
  const who = (username: string) =>
    (db.prepare(`SELECT display_name FROM users WHERE username = @username COLLATE NOCASE`).pluck().get({ username }) as string | undefined) ?? username;
  // A run's row precedes its batches in the same transaction; the channel index finds the nearest one.
  const runBefore = db.prepare(
    `SELECT after_json FROM audit_log WHERE channel = 'rota.generate' AND entity = 'rota_plan' AND id < @rowId ORDER BY id DESC LIMIT 1`,
  );
  const runOf = (channel: string, rowId: number): PlanRunRecord | null =>
    channel === 'rota.generate' ? ((parse((runBefore.pluck().get({ rowId }) as string | undefined) ?? null) as PlanRunRecord | null) ?? null) : null;
  const entry = (rowId: number, r: { at: string; username: string; channel: string }, before: unknown, after: unknown) => ({
    rowId,
    at: r.at,
    username: r.username,
    channel: r.channel,
    run: runOf(r.channel, rowId),
    before,
    after,
    words: describeAudit({
      who: who(r.username),
      channel: r.channel,
      entity: 'rota_assignment',
      entityId: String(id),
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
    }),
  });
  const own = db
    .prepare(
      `SELECT id, at, username, channel, before_json AS beforeJson, after_json AS afterJson FROM audit_log WHERE entity = 'rota_assignment' AND entity_id = @id ORDER BY id`,
    )
    .all({ id: String(id) }) as Array<{ id: number; at: string; username: string; channel: string; beforeJson: string | null; afterJson: string | null }>;
  return [
    ...own.map((r) => entry(r.id, r, parse(r.beforeJson), parse(r.afterJson))),
    ...batchedEntriesFor(db, 'rota_assignment', id).map((e) => entry(e.rowId, e, e.before ?? null, e.after)),
  ]
    .sort((x, y) => x.rowId - y.rowId)
    .map(({ rowId: _rowId, ...e }) => e);
}
