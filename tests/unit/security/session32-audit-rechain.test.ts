/**
 * The eighteenth attack run (session 32) on the one sanctioned rewrite of the audit log (audit/payload-upgrade.ts)
 * and its re-chain map (meta `audit_rechained_user_rows`, a95f44d), with a viewer's password and the files only.
 *
 * S32-A1: the upgrade runs whenever meta `audit_clear_before` says rows before it are from before the audit rule, and
 * meta is written with the database key (every slot holds it). It re-chains from the first row it rewrites to the head
 * whether the chain was intact or not (it only notes `chainBrokenBefore`), and when the anchor's head row and count
 * still match it moves the anchor to the new head (markRechained). The anchor checks the head row's hash and the count,
 * not the chain below it. So a viewer offline forges any anchored row in place (same id, same stored hash; a clear phone
 * in its payload so the upgrade rewrites it), sets the mark, and the next clerk's or coordinator's unlock re-chains over
 * the forgery and re-anchors it: `audit.verify` green, the forged row stands.
 *
 * S32-A1b, what it opens: the binding upgrade (db/row-binding.ts) binds rows as found when no marker is in meta and the
 * log shows no earlier binding, trusting the log "while the chain and its anchor hold" (seal-upgrades.ts), and it runs
 * after the payload upgrade. In one visit the anchor still speaks against the log when the binding upgrade asks (it is
 * moved after the unlock's upgrades): held. In two: the setup row's `rowsBound: true` forged away as above and
 * re-anchored at one unlock; later the marker deleted, two residents' sealed phones swapped and their MACs cleared: the swap is bound as written, each phone opens
 * as the other's (the sixth finding of the second run, sealed-row-swaps.test.ts, back).
 *
 * Both fixed during the run (payload-upgrade.ts): the anchor moves to the re-chained head only when the chain held
 * before the upgrade, so the forgery leaves the anchor speaking against the log (「日志被改写…」), and logHeld false.
 *
 * Held: the same forgery without the mark (verify says which row); the re-chain map alone (it only finds rows that are
 * in the log: a mark stripped does as much, slot-row.ts's stated limit).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, openSlotKeys, readKeyring } from '../../../electron/core/db/keyring';
import { openEncrypted } from '../../../electron/core/db/open';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { lockedLedgerWithHistory, type OfflineDb } from '../../helpers/attacker';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { swapColumns } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

/** The database opened with viewer1's own slot (the database key only), the log's guards dropped for `change` and put back. */
function asViewerOffline(change: (db: OfflineDb) => void): void {
  const keyring = readKeyring(join(t.dir, 'taizhang.keyring.json'));
  const keys = openSlotKeys(keyring.ledgerId, findSlot(keyring, 'viewer1')!, PASSWORD)!;
  expect(keys.sensitiveKey).toBeNull();
  const db = openEncrypted(join(t.dir, 'taizhang.db'), keys.dbKey);
  try {
    const guards = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'`).all() as Array<{ sql: string }>;
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    change(db);
    for (const { sql } of guards) db.exec(sql);
  } finally {
    db.close();
  }
}

/** Row `id` rewritten in place: another user's name on it, another record; its stored prev_hash and hash kept. */
const FORGED = { username: ADMIN.username, entity: 'community', after: { name: '伪造的社区', phone: '13803711002' } };
function forgeRow(db: OfflineDb, id: number): void {
  db.prepare(`UPDATE audit_log SET username = @username, entity = @entity, after_json = @after WHERE id = @id`).run({
    ...FORGED,
    after: JSON.stringify(FORGED.after),
    id,
  });
}

/** The second community's row: in the middle of the anchored log. */
async function forgedLedger(setMark: boolean): Promise<number> {
  t = await lockedLedgerWithHistory();
  let target = 0;
  asViewerOffline((db) => {
    const rows = db.prepare(`SELECT id FROM audit_log WHERE channel = 'org.communities.save' ORDER BY id`).pluck().all() as number[];
    target = rows[1]!;
    expect(db.prepare(`SELECT max(id) FROM audit_log`).pluck().get()).toBeGreaterThan(target);
    forgeRow(db, target);
    if (setMark)
      db.prepare(`INSERT INTO meta (key, value) VALUES ('audit_clear_before', '1000000') ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run();
  });
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  return target;
}

describe('S32-A1: a viewer forges an anchored audit row and has the payload upgrade re-chain over it', () => {
  it('held: the forged row alone breaks the chain at that row', async () => {
    const target = await forgedLedger(false);
    const v = await t.call('audit.verify', {});
    expect(v.intact).toBe(false);
    expect(v.firstBrokenId).toBe(target);
  });

  // S32-A1, fixed during the run (payload-upgrade.ts: the anchor moves only over a chain that held before the upgrade).
  // Red before: verify {"intact":true,"anchor":{"state":"ok"}}, the forged row standing.
  it('S32-A1: with meta audit_clear_before set by the viewer, audit.verify still finds the forged row', async () => {
    const target = await forgedLedger(true);
    const db = t.core.services.ledger.handle();
    const row = db.prepare(`SELECT username, entity FROM audit_log WHERE id = ?`).get(target) as { username: string; entity: string };
    // What the attacker wrote is there (the upgrade sealed the phone, kept the rest).
    expect(row).toEqual({ username: FORGED.username, entity: FORGED.entity });
    const v = await t.call('audit.verify', {});
    // The anchor is the evidence: it no longer matches the log the upgrade re-chained.
    expect(v, JSON.stringify(v)).toMatchObject({ intact: false, anchor: { state: 'mismatch' } });
  });
});

/** Three residents with sealed ID numbers and phones, every session locked. */
async function threeResidents(): Promise<number[]> {
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  const community = await t.call('org.communities.save', { name: '东风社区' });
  const h = await t.call('households.save', { communityId: community.id, addressText: '路1号' });
  const ids: number[] = [];
  for (const [name, born, phone] of [
    ['王小明', '1980-01-01', '13803711002'],
    ['李小红', '1990-02-02', '13903722003'],
    ['赵大勇', '1975-03-03', '13703733004'],
  ] as const)
    ids.push((await t.call('residents.save', { householdId: h.id, name, idNumber: makeIdNumber('410102', born, 77), phone })).id);
  await t.call('auth.lock', {}, 'viewer1');
  await t.call('auth.lock', {});
  return ids;
}

describe('S32-A1b: through S32-A1, swapped sealed values bound as found', () => {
  /** The swap, the marker and the MACs as sealed-row-swaps / row-binding-upgrade's attacker leaves them; `forgeLog`: S32-A1 too. */
  async function swapped(forgeLog: boolean): Promise<number[]> {
    const [a, b] = await threeResidents();
    if (forgeLog) {
      // First visit: S32-A1 on the setup row that says the rows were bound; a coordinator's unlock re-chains and re-anchors.
      asViewerOffline((db) => {
        const setup = db.prepare(`SELECT id FROM audit_log WHERE entity = 'ledger' AND after_json LIKE '%"rowsBound":true%'`).pluck().all() as number[];
        expect(setup).toHaveLength(1);
        db.prepare(`UPDATE audit_log SET after_json = @after WHERE id = @id`).run({ id: setup[0], after: JSON.stringify({ phone: '13803711002' }) });
        db.prepare(`INSERT INTO meta (key, value) VALUES ('audit_clear_before', '1000000') ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run();
      });
      await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
      await t.call('auth.lock', {});
    }
    // The swap, as sealed-row-swaps / row-binding-upgrade's attacker leaves it: MACs cleared, the marker deleted.
    asViewerOffline((db) => {
      swapColumns(db, 'residents', ['phone_sealed', 'phone_masked', 'phone_tail_index'], a!, b!);
      db.prepare(`UPDATE residents SET row_mac = NULL WHERE id IN (?, ?)`).run(a, b);
      db.prepare(`DELETE FROM meta WHERE key = 'rows_bound'`).run();
    });
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    return [a!, b!];
  }

  it('held: without the log forged, the swapped rows stay refused (the setup row shows the first binding)', async () => {
    const [a] = await swapped(false);
    expect((await t.fail('residents.reveal', { residentId: a!, field: 'phone' })).code).toBe('LEDGER_DAMAGED');
  });

  // S32-A1b, fixed with S32-A1: the anchor left speaking against the re-chained log, the binding upgrade trusts no
  // absence of a binding in it. Red before: the first resident's phone opened as the second's, 13903722003.
  it('S32-A1b: with the setup row forged away and the log re-chained by the upgrade, the swapped rows stay refused', async () => {
    const [a] = await swapped(true);
    const r = await t.raw('residents.reveal', { residentId: a!, field: 'phone' });
    expect(r, JSON.stringify(r)).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
  });
});
