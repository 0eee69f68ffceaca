/** SQL of the import area: the log, rows sent back, review flags, remembered mappings. */
import type { ReadDb, WriteDb } from '../../db/types';
import type { Sealer } from '../../db/sealer';
import { incomingColumns, NO_CLEAR_CELLS, REJECTED_CELLS } from './staging-seal';
import type { ImportCounts, ImportLogEntry } from './contract';
import type { SourceFormat } from './source-format.shared';

export interface LogFields extends ImportCounts {
  target: string;
  fileName: string;
  fileHash: string;
  fileFormat: SourceFormat;
  constants: Readonly<Record<string, string>>;
  sheet: string | null;
  encoding: string | null;
  onDuplicate: 'skip' | 'update' | 'flag';
  headers: readonly string[];
  /** A pasted 接龙's repeats merged into their first row: in no count (migration 079). */
  merged: number;
  userId: number | null;
  username: string;
  at: string;
}

export function insertLog(db: WriteDb, f: LogFields): number {
  return Number(
    db
      .prepare(
        `INSERT INTO import_log (target, file_name, file_hash, file_format, source_format, sheet, encoding, on_duplicate, headers_json, constants_json,
           total_rows, created, updated, unchanged, skipped, flagged, rejected, merged, user_id, username, at)
         VALUES (@target, @fileName, @fileHash, @family, @fileFormat, @sheet, @encoding, @onDuplicate, @headers, @constants,
           @total, @created, @updated, @unchanged, @skipped, @flagged, @rejected, @merged, @userId, @username, @at)`,
      )
      // file_format keeps its CHECK: the family (workbook or text); source_format says exactly what (migration 011).
      .run({
        ...f,
        family: f.fileFormat === 'csv' || f.fileFormat === 'paste' ? 'csv' : 'xlsx',
        headers: JSON.stringify(f.headers),
        constants: JSON.stringify(f.constants),
      }).lastInsertRowid,
  );
}

// 操作人 shows the display name (王建国); the username stays for the audit, and for a user since removed.
const LOG_SELECT = `SELECT l.id, l.target, l.file_name AS fileName, l.file_hash AS fileHash, coalesce(l.source_format, l.file_format) AS fileFormat, l.sheet, l.encoding,
  l.on_duplicate AS onDuplicate, l.total_rows AS total, l.created, l.updated, l.unchanged, l.skipped, l.flagged, l.rejected, l.merged, l.username,
  coalesce(u.display_name, l.username) AS displayName, l.at FROM import_log l LEFT JOIN users u ON u.username = l.username`;

export function listLog(db: ReadDb, offset: number, limit: number): { rows: ImportLogEntry[]; total: number } {
  const rows = db.prepare(`${LOG_SELECT} ORDER BY l.at DESC, l.id DESC LIMIT @limit OFFSET @offset`).all({ offset, limit }) as ImportLogEntry[];
  const total = (db.prepare(`SELECT count(*) AS n FROM import_log`).get() as { n: number }).n;
  return { rows, total };
}

export function getLog(db: ReadDb, id: number): ImportLogEntry | undefined {
  return db.prepare(`${LOG_SELECT} WHERE l.id = @id`).get({ id }) as ImportLogEntry | undefined;
}

/** Every earlier import of this file into this target, oldest first (earlier-imports.ts reads them by sheet). */
export function logsByHash(db: ReadDb, target: string, fileHash: string): ImportLogEntry[] {
  return db.prepare(`${LOG_SELECT} WHERE l.target = @target AND l.file_hash = @fileHash ORDER BY l.id`).all({ target, fileHash }) as ImportLogEntry[];
}

/** Rejected rows' raw cells are sealed whole (staging-seal.ts); the clear column keeps '[]'. */
export function insertRejected(db: WriteDb, sealer: Sealer): (importId: number, rowNumber: number, cells: string[], reason: string) => void {
  const stmt = db.prepare(
    `INSERT INTO import_rejected_rows (import_id, row_number, cells_json, cells_sealed, reason) VALUES (@importId, @rowNumber, '${NO_CLEAR_CELLS}', @sealed, @reason)`,
  );
  return (importId, rowNumber, cells, reason) => stmt.run({ importId, rowNumber, sealed: sealer.seal(REJECTED_CELLS, JSON.stringify(cells)), reason });
}

/** A rejected row's cells, opened (clerk+); a row from before sealing still holds them in clear until the upgrade runs. */
export function rejectedRows(db: ReadDb, importId: number, sealer: Sealer): { rowNumber: number; cells: string[]; reason: string }[] {
  return (
    db
      .prepare(
        `SELECT row_number AS rowNumber, cells_json AS cells, cells_sealed AS sealed, reason FROM import_rejected_rows WHERE import_id = @importId ORDER BY row_number`,
      )
      .all({ importId }) as { rowNumber: number; cells: string; sealed: Buffer | null; reason: string }[]
  ).map((r) => ({
    rowNumber: r.rowNumber,
    cells: JSON.parse(r.sealed ? sealer.open(REJECTED_CELLS, r.sealed) : r.cells) as string[],
    reason: r.reason,
  }));
}

const count = (db: ReadDb, sql: string): number => (db.prepare(sql).get() as { n: number }).n;

/** Staged rows an older version left in clear (the sealing upgrade, staging-upgrade.ts). */
export function clearStagedRows(db: ReadDb): number {
  return (
    count(db, `SELECT count(*) AS n FROM import_rejected_rows WHERE cells_sealed IS NULL AND cells_json <> '${NO_CLEAR_CELLS}'`) +
    count(db, `SELECT count(*) AS n FROM import_review_flags WHERE incoming_sealed IS NULL`)
  );
}

/** Seals what clearStagedRows counts; returns how many rows. */
export function sealStagedRows(db: WriteDb, sealer: Sealer): number {
  const rejected = db
    .prepare(`SELECT id, cells_json AS cells FROM import_rejected_rows WHERE cells_sealed IS NULL AND cells_json <> '${NO_CLEAR_CELLS}'`)
    .all() as Array<{ id: number; cells: string }>;
  const sealCells = db.prepare(`UPDATE import_rejected_rows SET cells_sealed = @sealed, cells_json = '${NO_CLEAR_CELLS}' WHERE id = @id`);
  for (const r of rejected) sealCells.run({ id: r.id, sealed: sealer.seal(REJECTED_CELLS, r.cells) });
  const flags = db.prepare(`SELECT id, incoming_json AS incoming FROM import_review_flags WHERE incoming_sealed IS NULL`).all() as Array<{
    id: number;
    incoming: string;
  }>;
  const sealIncoming = db.prepare(`UPDATE import_review_flags SET incoming_sealed = @sealed, incoming_json = @incoming WHERE id = @id`);
  for (const f of flags) sealIncoming.run({ id: f.id, ...incomingColumns(JSON.parse(f.incoming) as unknown, sealer) });
  return rejected.length + flags.length;
}

/** A flagged row's incoming record: sealed whole, the clear column masked (staging-seal.ts). */
export function insertFlag(
  db: WriteDb,
  sealer: Sealer,
): (f: { importId: number; rowNumber: number; entity: string; entityId: number | null; existingId: number; incoming: unknown; reason: string }) => void {
  const stmt = db.prepare(
    `INSERT INTO import_review_flags (import_id, row_number, entity, entity_id, existing_id, incoming_json, incoming_sealed, reason)
     VALUES (@importId, @rowNumber, @entity, @entityId, @existingId, @incoming, @sealed, @reason)`,
  );
  return (f) => stmt.run({ ...f, ...incomingColumns(f.incoming, sealer) });
}

export interface RememberedMapping {
  mapping: (string | null)[];
  constants: Record<string, string>;
}

export function rememberedMapping(db: ReadDb, target: string, signature: string): RememberedMapping | undefined {
  const row = db
    .prepare(`SELECT mapping_json AS m, constants_json AS c FROM import_header_mappings WHERE target = @target AND signature = @signature`)
    .get({ target, signature }) as { m: string; c: string } | undefined;
  return row ? { mapping: JSON.parse(row.m) as (string | null)[], constants: JSON.parse(row.c) as Record<string, string> } : undefined;
}

export function rememberMapping(db: WriteDb, target: string, signature: string, headers: readonly string[], remembered: RememberedMapping, now: string): void {
  db.prepare(
    `INSERT INTO import_header_mappings (target, signature, headers_json, mapping_json, constants_json, updated_at) VALUES (@target, @signature, @headers, @mapping, @constants, @now)
     ON CONFLICT (target, signature) DO UPDATE SET mapping_json = excluded.mapping_json, constants_json = excluded.constants_json, headers_json = excluded.headers_json, updated_at = excluded.updated_at`,
  ).run({
    target,
    signature,
    headers: JSON.stringify(headers),
    mapping: JSON.stringify(remembered.mapping),
    constants: JSON.stringify(remembered.constants),
    now,
  });
}

/** The office's communities and grids by name, for whole-file suggestions. */
export function orgNames(db: ReadDb): { communities: { id: number; name: string }[]; grids: { communityId: number; name: string }[] } {
  return {
    communities: db.prepare(`SELECT id, name FROM communities ORDER BY id`).all() as { id: number; name: string }[],
    grids: db.prepare(`SELECT community_id AS communityId, name FROM grids ORDER BY id`).all() as { communityId: number; name: string }[],
  };
}

export function logHeaders(db: ReadDb, importId: number): string[] {
  const row = db.prepare(`SELECT headers_json AS h FROM import_log WHERE id = @importId`).get({ importId }) as { h: string } | undefined;
  return row ? (JSON.parse(row.h) as string[]) : [];
}
