/**
 * The district's memory of the audit heads it has seen (table district_audit_heads, migration 039;
 * the one writer of that table). Each verified package that carries a head is kept once (by the
 * package file's SHA-256), so next week's 核验 compares the new packages with last week's even when
 * only the new ones are chosen (audit-heads.ts).
 */
import type { ReadDb, WriteDb } from '../../db/types';
import type { SeenHead } from './audit-heads';

interface HeadRow {
  key: string;
  fingerprint: string;
  officeName: string;
  from: string;
  to: string;
  generatedAt: string;
  lastId: number;
  lastHash: string;
  rowCount: number;
  intact: number;
}

/** Every head kept for these office keys, as seen in an earlier 核验. */
export function keptHeads(db: ReadDb, fingerprints: readonly string[]): SeenHead[] {
  const rows = db
    .prepare(
      `SELECT package_sha256 AS key, fingerprint, office_name AS officeName, period_from AS "from", period_to AS "to", generated_at AS generatedAt,
              last_id AS lastId, last_hash AS lastHash, row_count AS rowCount, intact
       FROM district_audit_heads WHERE fingerprint IN (SELECT value FROM json_each(@fingerprints)) ORDER BY fingerprint, generated_at`,
    )
    .all({ fingerprints: JSON.stringify([...new Set(fingerprints)]) }) as HeadRow[];
  return rows.map((r) => ({
    key: r.key,
    fingerprint: r.fingerprint,
    officeName: r.officeName,
    period: { from: r.from, to: r.to },
    generatedAt: r.generatedAt,
    head: { lastId: r.lastId, lastHash: r.lastHash, rows: r.rowCount, at: r.generatedAt, intact: r.intact === 1 },
    earlier: true,
  }));
}

/** Keeps the heads not kept yet; returns the ones it added (with their row ids, for their audit rows). */
export function keepHeads(db: WriteDb, heads: readonly SeenHead[], nowIso: string): Array<{ id: number; head: SeenHead }> {
  const insert = db.prepare(
    `INSERT INTO district_audit_heads (fingerprint, office_name, period_from, period_to, generated_at, last_id, last_hash, row_count, intact, package_sha256, seen_at)
     VALUES (@fingerprint, @officeName, @from, @to, @generatedAt, @lastId, @lastHash, @rowCount, @intact, @key, @nowIso)
     ON CONFLICT (package_sha256) DO NOTHING`,
  );
  const added: Array<{ id: number; head: SeenHead }> = [];
  for (const h of heads) {
    const r = insert.run({
      fingerprint: h.fingerprint,
      officeName: h.officeName,
      from: h.period.from,
      to: h.period.to,
      generatedAt: h.generatedAt,
      lastId: h.head.lastId,
      lastHash: h.head.lastHash,
      rowCount: h.head.rows,
      intact: h.head.intact ? 1 : 0,
      key: h.key,
      nowIso,
    });
    if (r.changes > 0) added.push({ id: Number(r.lastInsertRowid), head: h });
  }
  return added;
}
