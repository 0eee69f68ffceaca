/**
 * The attacks' tools (issue 19): a viewer's own password opens the database key only, and with it
 * the audit log can be cut and re-chained, as someone who read audit-log.ts would. Shared by the
 * anchor's tests and the district's (a package made before and after such a rollback).
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import { GENESIS, rowHash, STORED_AUDIT_COLUMNS, type StoredAuditRow } from '../../electron/core/audit/audit-log';
import { findSlot, readKeyring } from '../../electron/core/db/keyring';
import { openSlotKeys } from '../../electron/core/db/keyslot';
import { openEncrypted } from '../../electron/core/db/open';
import { PASSWORD } from './ledger';

export type OfflineDb = ReturnType<typeof openEncrypted>;

/** The ledger's database opened with a viewer's slot (never the sensitive key), the log's guards dropped. */
export function openAsViewerOffline(dir: string, viewer = 'viewer1'): OfflineDb {
  const keyring = readKeyring(join(dir, 'taizhang.keyring.json'));
  const keys = openSlotKeys(keyring.ledgerId, findSlot(keyring, viewer)!, PASSWORD)!;
  expect(keys.sensitiveKey).toBeNull();
  const db = openEncrypted(join(dir, 'taizhang.db'), keys.dbKey);
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  return db;
}

/** Recomputes every row's prev_hash and hash from the first: the chain checks out again after rows were deleted. */
export function rechain(db: OfflineDb): void {
  let prev = GENESIS;
  const set = db.prepare(`UPDATE audit_log SET prev_hash = @prev, hash = @hash WHERE id = @id`);
  for (const r of db.prepare(`SELECT ${STORED_AUDIT_COLUMNS} FROM audit_log ORDER BY id`).all() as StoredAuditRow[]) {
    const hash = rowHash(prev, r);
    set.run({ prev, hash, id: r.id });
    prev = hash;
  }
}
