/**
 * The append-only, hash-chained change log. `appendAudit` runs inside the
 * caller's transaction so a change and its audit row land together or not
 * at all.
 */
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { AuditRow, AuditVerifyResult } from './contract';
import type { ReadDb, WriteDb } from '../db/types';
import { readMeta } from '../db/ledger-files';
import { describeAudit } from './describe';
import { holdsSealedValue, maskedPayload, serialisePayload } from './audit-seal';
import type { Sealer } from '../db/sealer';

export interface AuditEntry {
  at: string;
  userId: number | null;
  username: string;
  channel: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

export const GENESIS = '0'.repeat(64);

export function rowHash(
  prev: string,
  r: { at: string; username: string; channel: string; entity: string; entity_id: string | null; before_json: string | null; after_json: string | null },
): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, r.at, r.username, r.channel, r.entity, r.entity_id, r.before_json, r.after_json]))
    .digest('hex');
}

/** Prepared once per connection: an import appends 100,000 rows and preparing is the slow part. */
type Stmt = BetterSqlite3.Statement;
const statements = new WeakMap<object, { last: Stmt; insert: Stmt }>();

function statementsFor(db: WriteDb) {
  let s = statements.get(db);
  if (!s) {
    s = {
      last: db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO audit_log (at, user_id, username, channel, entity, entity_id, before_json, after_json, prev_hash, hash)
         VALUES (@at, @user_id, @username, @channel, @entity, @entity_id, @before_json, @after_json, @prev_hash, @hash)`,
      ),
    };
    statements.set(db, s);
  }
  return s;
}

/**
 * Appends one row. `sealer` is the session's (null for viewers and the system): personal numbers in
 * `before`/`after` are stored masked and sealed, never in clear (audit-seal.ts).
 */
export function appendAudit(db: WriteDb, e: AuditEntry, sealer: Sealer | null): void {
  const st = statementsFor(db);
  // Read the chain's end inside the caller's transaction (never cached across transactions:
  // a rolled-back row must not become anyone's predecessor).
  const last = st.last.get() as { hash: string } | undefined;
  const prev = last?.hash ?? GENESIS;
  const row = {
    at: e.at,
    user_id: e.userId,
    username: e.username,
    channel: e.channel,
    entity: e.entity,
    entity_id: e.entityId === null ? null : String(e.entityId),
    before_json: serialisePayload(e.before, sealer),
    after_json: serialisePayload(e.after, sealer),
  };
  st.insert.run({ ...row, prev_hash: prev, hash: rowHash(prev, row) });
}

/** The hash of the newest row about a user (written just before, in the caller's transaction: auth/slot-row.ts marks a slot with it). */
export function newestUserRowHash(db: ReadDb, userId: number): string | undefined {
  return db.prepare(`SELECT hash FROM audit_log WHERE entity = 'user' AND entity_id = ? ORDER BY id DESC LIMIT 1`).pluck().get(String(userId)) as
    string | undefined;
}

/**
 * Meta key: the hashes user rows had before the sanctioned re-chain (payload-upgrade.ts), each to the hash it has
 * since. A slot marked with its row (auth/slot-row.ts) before the re-chain names the old hash; the row is still there.
 */
export const RECHAINED_USER_ROWS = 'audit_rechained_user_rows';

/** Whether a row about the user with this hash (or the hash the re-chain gave that row) is in the log (never deleted from: migration 001). */
export function hasUserRow(db: ReadDb, userId: number, hash: string): boolean {
  const has = (h: string) =>
    db.prepare(`SELECT 1 FROM audit_log WHERE entity = 'user' AND entity_id = ? AND hash = ?`).pluck().get(String(userId), h) !== undefined;
  if (has(hash)) return true;
  const now = rechainedUserRows(db)[hash];
  return typeof now === 'string' && has(now);
}

function rechainedUserRows(db: ReadDb): Record<string, unknown> {
  try {
    const map: unknown = JSON.parse(readMeta(db, RECHAINED_USER_ROWS) ?? '{}');
    return typeof map === 'object' && map !== null ? (map as Record<string, unknown>) : {};
  } catch {
    return {}; // not what the upgrade wrote: no row found through it
  }
}

/** One audit row as stored: what its hash covers, its link and its hash. */
export interface StoredAuditRow {
  id: number;
  at: string;
  username: string;
  channel: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

export const STORED_AUDIT_COLUMNS = 'id, at, username, channel, entity, entity_id, before_json, after_json, prev_hash, hash';

const head = (db: ReadDb): string => (db.prepare(`SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`).get() as { hash: string } | undefined)?.hash ?? GENESIS;

/**
 * The one sanctioned rewrite of the append-only log (audit/payload-upgrade.ts): `rewrite` gives each
 * row's payloads anew; from the first row whose payloads change to the head, every row is re-chained.
 * The update trigger is dropped and put back inside the caller's transaction (a failure rolls both back).
 */
export function rewritePayloads(
  db: WriteDb,
  rewrite: (row: StoredAuditRow) => { before_json: string | null; after_json: string | null },
): { changed: number; firstChanged: number | null; oldHead: string; newHead: string; userRows: Record<string, string> } {
  const oldHead = head(db);
  const chunk = db.prepare(`SELECT ${STORED_AUDIT_COLUMNS} FROM audit_log WHERE id > @after ORDER BY id LIMIT 1000`);
  const update = db.prepare(`UPDATE audit_log SET before_json = @before_json, after_json = @after_json, prev_hash = @prev_hash, hash = @hash WHERE id = @id`);
  const trigger = (db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_log_no_update'`).get() as { sql: string }).sql;
  db.exec('DROP TRIGGER audit_log_no_update');
  let changed = 0;
  let firstChanged: number | null = null;
  const userRows: Record<string, string> = {};
  let prev = GENESIS;
  for (let after = 0; ;) {
    const rows = chunk.all({ after }) as StoredAuditRow[];
    if (rows.length === 0) break;
    for (const r of rows) {
      after = r.id;
      const next = { ...r, ...rewrite(r) };
      if (next.before_json !== r.before_json || next.after_json !== r.after_json) {
        changed++;
        firstChanged ??= r.id;
      }
      if (firstChanged === null) {
        prev = r.hash;
        continue;
      }
      const hash = rowHash(prev, next);
      update.run({ id: r.id, before_json: next.before_json, after_json: next.after_json, prev_hash: prev, hash });
      if (r.entity === 'user' && hash !== r.hash) userRows[r.hash] = hash;
      prev = hash;
    }
  }
  db.exec(trigger);
  return { changed, firstChanged, oldHead, newHead: head(db), userRows };
}

export function verifyAudit(db: ReadDb): AuditVerifyResult {
  let prev = GENESIS;
  let rows = 0;
  const it = db.prepare(`SELECT ${STORED_AUDIT_COLUMNS} FROM audit_log ORDER BY id`).iterate() as IterableIterator<StoredAuditRow>;
  for (const r of it) {
    rows++;
    if (r.prev_hash !== prev || rowHash(prev, r) !== r.hash) {
      return { intact: false, rows: Number((db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n), firstBrokenId: r.id };
    }
    prev = r.hash;
  }
  return { intact: true, rows };
}

export interface AuditFilter {
  channel?: string | undefined;
  entity?: string | undefined;
  username?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export function listAudit(db: ReadDb, filter: AuditFilter, offset: number, limit: number): { rows: AuditRow[]; total: number } {
  const where: string[] = [];
  const params: Record<string, string | number> = { offset, limit };
  if (filter.channel) {
    where.push('a.channel = @channel');
    params.channel = filter.channel;
  }
  if (filter.entity) {
    where.push('a.entity = @entity');
    params.entity = filter.entity;
  }
  if (filter.username) {
    where.push('a.username = @username');
    params.username = filter.username;
  }
  if (filter.from) {
    where.push('a.at >= @from');
    params.from = filter.from;
  }
  if (filter.to) {
    where.push(`a.at < date(@to, '+1 day')`);
    params.to = filter.to;
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM audit_log a ${w}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT a.id, a.at, a.username, coalesce(u.display_name, a.username) AS who, a.channel, a.entity, a.entity_id AS entityId, a.before_json AS before, a.after_json AS after
       FROM audit_log a LEFT JOIN users u ON u.id = a.user_id ${w} ORDER BY a.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all(params) as Array<Omit<AuditRow, 'summary'>>;
  // The screen shows masks; a sealed value opens only through audit.reveal.
  return {
    rows: rows.map((r) => {
      const shown = { ...r, before: maskedPayload(r.before), after: maskedPayload(r.after) };
      return { ...shown, summary: describeAudit(shown), sealed: holdsSealedValue(r.before) || holdsSealedValue(r.after) };
    }),
    total,
  };
}
