/** Reading an import's audit rows back as the records they hold, one per record, whichever way a batch was packed. */
import { unpackBatch } from '../../electron/core/audit/batched-entries';
import type { ReadDb } from '../../electron/core/db/types';

/** Every record of `entity` the import commits wrote to the audit log: a batch row gives each of its records, a single row itself. */
export function importAuditedRecords(db: ReadDb, entity: string): Record<string, unknown>[] {
  const rows = db.prepare(`SELECT after_json AS after FROM audit_log WHERE entity = @entity AND channel = 'import.commit' ORDER BY id`).all({ entity }) as {
    after: string | null;
  }[];
  return rows.flatMap((r) => {
    const after = r.after === null ? null : (JSON.parse(r.after) as unknown);
    return (unpackBatch(after) ?? [after]) as Record<string, unknown>[];
  });
}

/** The ids of those records, in order: compared with a table's ids, each written record is shown to be audited. */
export const importAuditedIds = (db: ReadDb, entity: string): unknown[] => importAuditedRecords(db, entity).map((r) => r.id);

/** The rows import previews wrote (a preview that found ledger people is audited as a digit search is): who, and what. */
export const previewAuditRows = (db: ReadDb): Array<{ username: string; after: string }> =>
  db.prepare(`SELECT username, after_json AS after FROM audit_log WHERE channel = 'import.preview' ORDER BY id`).all() as Array<{
    username: string;
    after: string;
  }>;
