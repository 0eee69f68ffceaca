/**
 * The attacker's tools for the row-swap tests: the ledger opened offline with
 * a slot's database key (a viewer's holds no sensitive key), values exchanged
 * between two rows, and the audit rows a session writes when it finds one.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { findSlot, readKeyring, replaceSlot, writeKeyring, type Keyring } from '../../../electron/core/db/keyring';
import { openSlotKeys, sealKeyToSlot, slotHoldsSensitive, type KeySlotV2 } from '../../../electron/core/db/keyslot';
import { deleteMeta } from '../../../electron/core/db/ledger-files';
import { makeSealer } from '../../../electron/core/db/sealer';
import { asWriteDb } from '../../../electron/core/db/types';
import { reanchor } from '../../../electron/core/audit/anchor-write';
import { vouchRole } from '../../../electron/core/auth/vouched-roles';
import { vouchSlotKey } from '../../../electron/core/auth/slot-keys';
import { listUsers } from '../../../electron/core/auth/user-queries';
import { KEY_HISTORY_META, writeKeyHistory } from '../../../electron/core/keys/key-history';
import { openEncrypted } from '../../../electron/core/db/open';
import type { Database } from '../../../electron/core/db/types';
import { SEALED_COLUMNS } from '../../../electron/core/sealed-columns';
import { PASSWORD, type TestLedger } from '../../helpers/ledger';

/** What a session says when it finds a row altered outside the program (db/row-binding.ts rowDamaged). */
export const DAMAGED = /这条记录在本程序之外被改动过.*请从备份恢复/;

/** Runs `edit` on the ledger's files with only the database key a viewer's slot gives (every session must be locked). */
export function offline(t: TestLedger, edit: (db: Database) => void, viewer = 'viewer1'): void {
  const keyring = readKeyring(join(t.dir, 'taizhang.keyring.json'));
  const keys = openSlotKeys(keyring.ledgerId, findSlot(keyring, viewer)!, PASSWORD)!;
  expect(keys.sensitiveKey).toBeNull();
  const db = openEncrypted(join(t.dir, 'taizhang.db'), keys.dbKey);
  try {
    edit(db);
  } finally {
    db.close();
  }
}

/** Exchanges the values of `columns` between rows `a` and `b` of `table`. */
export function swapColumns(db: Database, table: string, columns: readonly string[], a: number, b: number): void {
  const read = db.prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE id = ?`);
  const ra = read.get(a) as Record<string, unknown>;
  const rb = read.get(b) as Record<string, unknown>;
  const write = db.prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
  // Keyed indexes through NULL first: a UNIQUE one (id_number_index) would refuse two rows holding one value for a moment.
  write.run({ ...ra, ...Object.fromEntries(columns.filter((c) => c.endsWith('_index')).map((c) => [c, null])), id: a });
  write.run({ ...ra, id: b });
  write.run({ ...rb, id: a });
}

/** What the last sign-in's audit row says (`sensitiveKeyRefused` when its key was refused). */
export function lastUnlockAudit(t: TestLedger): Record<string, unknown> {
  const row = t.core.services.ledger.handle().prepare(`SELECT after_json AS a FROM audit_log WHERE channel = 'auth.unlock' ORDER BY id DESC LIMIT 1`).get() as {
    a: string;
  };
  return JSON.parse(row.a) as Record<string, unknown>;
}

/** The damaged-row findings in the audit log, oldest first. */
export function damagedAudits(t: TestLedger): Array<{ channel: string; entityId: string; table: string; username: string }> {
  const rows = t.core.services.ledger
    .handle()
    .prepare(`SELECT channel, entity_id AS entityId, username, after_json AS after FROM audit_log WHERE entity = 'damaged_row' ORDER BY id`)
    .all() as Array<{ channel: string; entityId: string; username: string; after: string }>;
  return rows.map(({ after, ...r }) => ({ ...r, table: (JSON.parse(after) as { damagedTable: string }).damagedTable }));
}

/**
 * S6 as session 18's attack run did it (docs/security/attack-run-session18.md), with the program's own functions:
 * `chosen` sealed to every slot that holds the sensitive key, the role and slot-key statements sealed again under
 * it, the key history deleted (or made to hold `history`) and the audit anchor MACed under it. `edit`: a last change
 * to the keyring; `viewer`: whose slot gives the database key.
 */
export function sealOwnKeyEverywhere(
  t: TestLedger,
  chosen: Buffer,
  edit: (keyring: Keyring) => Keyring = (k) => k,
  opts: { history?: Buffer[]; viewer?: string } = {},
): void {
  const path = join(t.dir, 'taizhang.keyring.json');
  let keyring = readKeyring(path);
  for (const slot of keyring.slots)
    if (slotHoldsSensitive(slot)) keyring = replaceSlot(keyring, sealKeyToSlot(keyring.ledgerId, slot as KeySlotV2, 'sensitive', chosen));
  keyring = edit(keyring);
  writeKeyring(path, keyring);
  const sealer = makeSealer(chosen);
  offline(
    t,
    (db) => {
      const w = asWriteDb(db);
      for (const u of listUsers(db)) vouchRole(w, sealer, u);
      for (const slot of keyring.slots) vouchSlotKey(w, sealer, slot);
      if (opts.history)
        writeKeyHistory(
          w,
          sealer,
          opts.history.map((k) => ({ key: k.toString('hex'), retiredAt: '2020-02-17T01:30:00.000Z' })),
        );
      else deleteMeta(w, KEY_HISTORY_META);
      reanchor(db, sealer, '2020-02-17T02:00:00.000Z');
    },
    opts.viewer,
  );
}

/** Puts back, row by row, every sealed column (and its indexes) as the copy holds it; rows the copy lacks lose theirs. */
export function putBackSealed(db: Database, copy: Database, keepRowsAddedSince = false): void {
  const tables = new Map<string, string[]>();
  for (const col of SEALED_COLUMNS) tables.set(col.table, [...(tables.get(col.table) ?? []), col.column, ...col.indexes.map((i) => i.column)]);
  for (const [table, cols] of tables) {
    const read = copy.prepare(`SELECT ${cols.join(', ')} FROM ${table} WHERE rowid = ?`);
    const write = db.prepare(`UPDATE ${table} SET ${cols.map((x) => `${x} = @${x}`).join(', ')} WHERE rowid = @rowid`);
    const drop = db.prepare(`DELETE FROM ${table} WHERE rowid = ?`);
    for (const { r } of db.prepare(`SELECT rowid AS r FROM ${table}`).all() as Array<{ r: number }>) {
      const was = read.get(r) as Record<string, unknown> | undefined;
      if (was) write.run({ ...was, rowid: r });
      else if (!keepRowsAddedSince) drop.run(r);
    }
  }
}

/** A resident's sealed ID number opened offline under `key` (a key the attacker knows), with `viewer`'s database key. */
export function idNumberOffline(t: TestLedger, residentId: number, key: Buffer, viewer: string): string {
  let opened = '';
  offline(
    t,
    (db) => {
      const row = db.prepare(`SELECT id_number_sealed AS s FROM residents WHERE id = ?`).get(residentId) as { s: Buffer };
      opened = makeSealer(key).open('residents.id_number', row.s);
    },
    viewer,
  );
  return opened;
}

/** What a clerk can keep before being demoted: the keys their session holds and a copy of the database file in `dir`. */
export function keepCopy(t: TestLedger, dir: string): { retired: Buffer; oldDbKey: Buffer; dbCopy: string } {
  const held = t.core.services.ledger.heldKeys();
  t.core.services.ledger.handle().pragma('wal_checkpoint(TRUNCATE)');
  const dbCopy = join(dir, 'taizhang.db');
  copyFileSync(join(t.dir, 'taizhang.db'), dbCopy);
  return { retired: Buffer.from(held.sensitiveKey!), oldDbKey: Buffer.from(held.dbKey), dbCopy };
}

/**
 * S33-A7's setting, used by the attacks on its fixes: viewer1 made, two residents saved (A 13803711001, B 13903722003),
 * then with the database key their phones swapped, their MACs cleared, the binding marker deleted (unless `keepMarker`),
 * and `more` done.
 * `lockFirst` false: the edit is made beside the coordinator's open session. The phone B's that A must never open as.
 */
export async function twoPhonesSwapped(
  t: TestLedger,
  { more = () => {}, lockFirst = true, keepMarker = false }: { more?: (db: Database) => void; lockFirst?: boolean; keepMarker?: boolean } = {},
): Promise<{ a: number; b: number }> {
  await t.sessionAs('viewer', 'viewer1');
  const { id: communityId } = await t.call('org.communities.save', { name: '东风社区' });
  const { id: householdId } = await t.call('households.save', { communityId, addressText: '路1号' });
  const a = await t.call('residents.save', { householdId, name: '王大明', phone: '13803711001' });
  const b = await t.call('residents.save', { householdId, name: '李大红', phone: '13903722003' });
  if (lockFirst) for (const who of ['viewer1', 'admin']) await t.call('auth.lock', {}, who);
  offline(t, (db) => {
    swapColumns(db, 'residents', ['phone_sealed', 'phone_masked', 'phone_tail_index'], a.id, b.id);
    db.prepare(`UPDATE residents SET row_mac = NULL WHERE id IN (?, ?)`).run(a.id, b.id);
    if (!keepMarker) db.prepare(`DELETE FROM meta WHERE key = 'rows_bound'`).run();
    more(db);
  });
  return { a: a.id, b: b.id };
}

/** B's phone in `twoPhonesSwapped`. */
export const B_PHONE = '13903722003';

/** viewer1 made, every window locked, then `edit` run with viewer1's database key alone (a viewer, offline). */
export async function viewerOffline(t: TestLedger, edit: (db: Database) => void): Promise<void> {
  await t.sessionAs('viewer', 'viewer1');
  for (const who of ['viewer1', 'admin']) await t.call('auth.lock', {}, who);
  offline(t, edit);
}

/** `table`'s CREATE TABLE given `clause` before its closing parenthesis (writable_schema), as the file's holder can. */
export function withConstraint(db: Database, table: string, clause: string): void {
  const sql = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(table) as string;
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare(`UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?`).run(`${sql.slice(0, sql.lastIndexOf(')'))}, ${clause})`, table);
  db.pragma('writable_schema = OFF');
}
