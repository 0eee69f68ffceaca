/**
 * A ledger as the version before the audit rule left it: audit rows with payloads as JSON.stringify gave them,
 * migration 022 not applied, no anchor, a keyring from before sealing (audit/payload-upgrade.ts upgrades it).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { GENESIS, rowHash } from '../../electron/core/audit/audit-log';
import type { Database } from '../../electron/core/db/types';
import { keyringBeforeSealing, testSecrets } from './before-sealing';
import type { TestLedger } from './ledger';

/** An audit row as the version before the rule wrote it: payloads as JSON.stringify gave them, chained the same way. */
export function appendAsBefore(db: Database, e: { channel: string; entity: string; entityId: string | null; before?: unknown; after?: unknown }): void {
  const last = db.prepare(`SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`).get() as { hash: string } | undefined;
  const prev = last?.hash ?? GENESIS;
  const row = {
    at: '2020-02-16T03:00:00.000Z',
    username: 'admin',
    channel: e.channel,
    entity: e.entity,
    entity_id: e.entityId,
    before_json: e.before === undefined ? null : JSON.stringify(e.before),
    after_json: e.after === undefined ? null : JSON.stringify(e.after),
  };
  db.prepare(
    `INSERT INTO audit_log (at, user_id, username, channel, entity, entity_id, before_json, after_json, prev_hash, hash)
     VALUES (@at, 1, @username, @channel, @entity, @entity_id, @before_json, @after_json, @prev, @hash)`,
  ).run({ ...row, prev, hash: rowHash(prev, row) });
}

/** Migration 022 undone, closed as the version before closes it (no anchor), and the keyring from before sealing. */
export function closeAsBefore(t: TestLedger): void {
  const db = t.core.services.ledger.handle();
  db.transaction(() => {
    db.prepare(`DELETE FROM schema_migrations WHERE version = 22`).run();
    db.prepare(`DELETE FROM meta WHERE key IN ('audit_clear_before', 'audit_anchor')`).run();
  })();
  t.core.services.sessions.delete('admin');
  t.core.services.ledger.close();
  rmSync(join(t.dir, 'taizhang.anchor.json'));
  // Nor a sensitive key: that came with the same version as the anchor (a keyring holding one must have an anchor).
  keyringBeforeSealing(t.core.services.ledger.paths.keyring, testSecrets(t.recoveryKey));
}
