/**
 * The attacks' tools (issue 19): a viewer's own password opens the database key only, and with it
 * the audit log can be cut and re-chained, as someone who read audit-log.ts would. Shared by the
 * anchor's tests and the district's (a package made before and after such a rollback).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { GENESIS, rowHash, STORED_AUDIT_COLUMNS, type StoredAuditRow } from '../../electron/core/audit/audit-log';
import { findSlot, readKeyring } from '../../electron/core/db/keyring';
import { openSlotKeys } from '../../electron/core/db/keyslot';
import { openEncrypted } from '../../electron/core/db/open';
import { PASSWORD, openTestLedger, type TestLedger } from './ledger';

export type OfflineDb = ReturnType<typeof openEncrypted>;

/** The ledger's database opened with a viewer's slot (never the sensitive key), the log's guards dropped. */
export function openAsViewerOffline(dir: string, viewer = 'viewer1'): OfflineDb {
  const keyring = readKeyring(join(dir, 'taizhang.keyring.json'));
  const keys = openSlotKeys(keyring.ledgerId, findSlot(keyring, viewer)!, PASSWORD)!;
  expect(keys.sensitiveKey).toBeNull();
  const db = openEncrypted(join(dir, 'taizhang.db'), keys.dbKey);
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
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

/**
 * The rollback of issue 19 item 4, with the files and a viewer's password: every session locked,
 * audit rows `from` < id <= `to` deleted, the rest re-chained, the anchor copied earlier (`kept`)
 * put back; `exportsToo` also deletes the export records made since (what the office's own check relies on).
 */
export async function rollBackLog(
  t: TestLedger,
  kept: Buffer,
  del: { from: number; to?: number },
  opts: { exportsToo?: boolean; viewer?: string } = {},
): Promise<void> {
  const viewer = opts.viewer ?? 'viewer1';
  await t.call('auth.lock', {}, viewer);
  await t.call('auth.lock', {});
  const db = openAsViewerOffline(t.dir, viewer);
  db.prepare(`DELETE FROM audit_log WHERE id > @from AND id <= @to`).run({ from: del.from, to: del.to ?? Number.MAX_SAFE_INTEGER });
  rechain(db);
  // As a copy of the whole file from before would have them: the export records of packages made after the rollback point gone.
  if (opts.exportsToo) db.prepare(`DELETE FROM export_log WHERE audit_last_id > @from`).run({ from: del.from });
  db.close();
  writeFileSync(join(t.dir, 'taizhang.anchor.json'), kept);
}

/** A ledger with a viewer (`viewer1`) and some history, everyone locked: what an attacker with the files finds. `opts`: openTestLedger's. */
export async function lockedLedgerWithHistory(opts: Parameters<typeof openTestLedger>[0] = {}): Promise<TestLedger> {
  const t = await openTestLedger(opts);
  await t.sessionAs('viewer', 'viewer1');
  for (const name of ['幸福社区', '和平社区', '建设社区', '光明社区', '团结社区']) await t.call('org.communities.save', { name });
  await t.call('auth.lock', {}, 'viewer1');
  await t.call('auth.lock', {});
  return t;
}
