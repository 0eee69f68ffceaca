/**
 * Session 19's attack run (docs/security/attack-run-session19.md) on the pins (db/keyslot.ts version 3: each
 * holder's password pins the sensitive key they hold). Offline, with the files and a viewer's password only, using
 * the program's own functions as an attacker with the source would.
 *
 * P1 (fixed): the pin is the holder's own word, and a viewer is the holder of their own slot: sealing a key of their
 * choosing into it and pinning it under their own password (they know it) made the key count without asking the
 * anchor, so with `role = 'coordinator'` in their row they signed in as coordinator holding that key, the anchor
 * intact: session 18's S5 again. They made a coordinator account and a recovery key holding it. A pin now only adds
 * a condition: the key must also fit as an unpinned one does (auth/key-fits.ts: the anchor, or the key held).
 *
 * P2, P3: a slot from before the pins (version 2) is judged by the anchor alone, and nothing a viewer cannot rewrite
 * says a ledger's holders were pinned since. So copies of the holders' slots from before the upgrade (an older
 * backup, a copy of the folder), with a key of the viewer sealed to them and the anchor re-MACed under it, are S6
 * again, put back in the live keyring (P3) or in a backup the coordinator restores (P2): no notice, and what the
 * coordinator saves is sealed under the viewer's key. P2 is fixed (a restored copy's key must be one this ledger
 * used: io/backup/handlers.ts keysFor); P3 too (session 20: a key not exactly pinned must open the ledger's sealed
 * data, keys/sealed-witness.ts), up to the documented limit: every sealed value destroyed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { anchorOf, anchorText } from '../../../electron/core/audit/anchor';
import { listUsers } from '../../../electron/core/auth/user-queries';
import { vouchRole } from '../../../electron/core/auth/vouched-roles';
import { vouchSlotKey } from '../../../electron/core/auth/slot-keys';
import { findSlot, readKeyring, replaceSlot, writeKeyring, RECOVERY_SLOT, type Keyring } from '../../../electron/core/db/keyring';
import { makeSlot, openSlot, openSlotKeys, pinSlot, sealKeyToSlot, type KeySlotV2 } from '../../../electron/core/db/keyslot';
import { makeSealer } from '../../../electron/core/db/sealer';
import { asWriteDb, type Database } from '../../../electron/core/db/types';
import { SEALED_COLUMNS } from '../../../electron/core/sealed-columns';
import { ADMIN, PASSWORD, TEST_KDF, openTestLedger, type TestLedger, ROLES_AS_FOUND } from '../../helpers/ledger';
import { openBackupDb, resign } from '../backup/tamper';
import { lastUnlockAudit, offline, sealOwnKeyEverywhere } from './swap-helpers';

// These ledgers predate coordinator keys; the coordinator's role counts as it did then (the recovery key's
// confirmation, CR1-U's fix, is tested in tests/unit/auth/coordinator-upgrade.test.ts).

let t: TestLedger;
let stick: string | undefined;
// This test's own layout, given to its core (CoreOptions.slotLayout): version 2 while a ledger is made as before the pins.
const layout: { writeVersion: 2 | 3 } = { writeVersion: 3 };
afterEach(() => {
  layout.writeVersion = 3;
  t?.close();
  if (stick) rmSync(stick, { recursive: true, force: true });
  stick = undefined;
});

const OLDER_ID = '410105199001011233';
const NEW_ID = '410105198502021232';
const keyringPath = (dir = t.dir) => join(dir, 'taizhang.keyring.json');
const adminUnlock = () => t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
const adminHoldsKey = () => t.core.services.sessions.get('admin')!.sensitive;

/** A coordinator, a clerk and a viewer (`viewer1`), a resident; every window locked. `written` 2: as the version before pins wrote it. */
async function ledgerWithHolders(written: 2 | 3): Promise<void> {
  layout.writeVersion = written;
  t = await openTestLedger({ core: { ...ROLES_AS_FOUND.core, slotLayout: layout } });
  const community = await t.call('org.communities.save', { name: '幸福社区' });
  await t.call('residents.save', { communityId: community.id, name: '老住户', idNumber: OLDER_ID });
  const windows = [await t.sessionAs('clerk', 'clerk1'), await t.sessionAs('viewer', 'viewer1'), 'admin'];
  for (const w of windows) await t.call('auth.lock', {}, w);
  layout.writeVersion = 3;
}

/** The coordinator saves a resident; whether the viewer's key opens its ID number offline (what they would read). */
async function savedReadableWith(key: Buffer): Promise<boolean> {
  const community = (await t.call('org.communities.list', {}))[0]!;
  const saved = await t.raw('residents.save', { communityId: community.id, name: '新住户', idNumber: NEW_ID });
  await t.call('auth.lock', {});
  if (saved.ok !== true) return false;
  let readable = false;
  offline(t, (db) => {
    const row = db.prepare(`SELECT id_number_sealed AS s FROM residents WHERE id = ?`).get((saved.value as { id: number }).id) as { s: Buffer };
    try {
      readable = makeSealer(key).open('residents.id_number', row.s) === NEW_ID;
    } catch {
      readable = false;
    }
  });
  return readable;
}

/**
 * Offline as the viewer: every sealed value of the registry that does not open under `key` replaced by one sealed
 * under it (what an attacker can do without the plain values: destroy them), but the first `kept`. Returns how many.
 */
function replaceSealedValues(key: Buffer, kept: number): number {
  const sealer = makeSealer(key);
  let left = kept;
  let replaced = 0;
  offline(t, (db) => {
    for (const c of SEALED_COLUMNS)
      for (const r of db.prepare(`SELECT rowid AS id, ${c.column} AS v FROM ${c.table} WHERE ${c.column} IS NOT NULL`).all() as Array<{
        id: number;
        v: Buffer;
      }>) {
        if (sealer.holds(c.purpose, r.v)) continue;
        if (left > 0) {
          left--;
          continue;
        }
        db.prepare(`UPDATE ${c.table} SET ${c.column} = ? WHERE rowid = ?`).run(sealer.seal(c.purpose, 'replaced'), r.id);
        replaced++;
      }
  });
  return replaced;
}

/** The statements a holder's unlock checks, all sealed again under `key`, and the anchor of `db` MACed under it (as S6 did). */
function vouchEverythingUnder(db: Database, keyring: Keyring, key: Buffer): void {
  const w = asWriteDb(db);
  const sealer = makeSealer(key);
  db.prepare(`DELETE FROM meta WHERE key = 'sensitive_key_history'`).run();
  for (const u of listUsers(w)) vouchRole(w, sealer, u);
  for (const s of keyring.slots) vouchSlotKey(w, sealer, s);
}

describe('P1: a viewer pins their own slot to a key of their own choosing', () => {
  it('with role coordinator in their row, the anchor intact: they sign in as a viewer holding no key', async () => {
    await ledgerWithHolders(3);
    offline(t, (db) => db.prepare(`UPDATE users SET role = 'coordinator' WHERE username = 'viewer1'`).run());
    const keyring = readKeyring(keyringPath());
    const chosen = randomBytes(32);
    const own = findSlot(keyring, 'viewer1') as KeySlotV2;
    const opened = openSlot(keyring.ledgerId, own, PASSWORD)!;
    const pinned = pinSlot(keyring.ledgerId, sealKeyToSlot(keyring.ledgerId, own, 'sensitive', chosen), opened.kek, chosen)!;
    opened.kek.fill(0);
    writeKeyring(keyringPath(), replaceSlot(keyring, pinned));
    // Before: role coordinator holding the chosen key; users.create of a coordinator and users.newRecoveryKey went through.
    const info = await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    expect(info.user.role).toBe('viewer');
    expect(t.core.services.sessions.get('viewer1')!.sensitive).toBe(false);
    expect(info.keyNotice?.case).toBe('lost');
    const made = await t.fail('users.create', { username: 'mallory', displayName: '马洛', role: 'coordinator', password: 'mallory-pass-1' }, 'viewer1');
    expect(made.code).toBe('FORBIDDEN');
    // The real coordinator, next, in the same process: their own key, as before.
    await adminUnlock();
    expect(adminHoldsKey()).toBe(true);
  });
  it('through a recovery slot of their own making, pinned to their key: the recovered account runs as a viewer', async () => {
    await ledgerWithHolders(3);
    const keyring = readKeyring(keyringPath());
    const dbKey = openSlotKeys(keyring.ledgerId, findSlot(keyring, 'viewer1')!, PASSWORD)!.dbKey;
    const recoveryKey = 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH';
    // makeSlot pins the slot it makes to the key it holds: the program's own pinned layout, with a key the viewer chose.
    writeKeyring(
      keyringPath(),
      replaceSlot(keyring, makeSlot(keyring.ledgerId, RECOVERY_SLOT, recoveryKey, { dbKey, sensitiveKey: randomBytes(32) }, TEST_KDF)),
    );
    // Before: the real coordinator's account as coordinator, holding the viewer's key.
    const info = await t.call('auth.recover', { recoveryKey, username: ADMIN.username, newPassword: 'chosen-by-viewer-1' }, 'w');
    expect(info.user.role).toBe('viewer');
    expect(t.core.services.sessions.get('w')!.sensitive).toBe(false);
  });
});

describe('copies of the holders slots from before the pins (P2 and P3 fixed)', () => {
  /** P3's steps: every holder's slot as the copy from before the upgrade has it (same passwords), then S6's with `chosen`. */
  async function slotsFromBeforePutBack(chosen: Buffer): Promise<void> {
    await ledgerWithHolders(2);
    const before = readKeyring(keyringPath());
    await adminUnlock();
    await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    for (const s of ['clerk1', 'admin']) await t.call('auth.lock', {}, s);
    let keyring = readKeyring(keyringPath());
    for (const name of [ADMIN.username, 'clerk1', RECOVERY_SLOT]) keyring = replaceSlot(keyring, findSlot(before, name)!);
    writeKeyring(keyringPath(), keyring);
    sealOwnKeyEverywhere(t, chosen);
  }

  it('P3: put back in the live keyring with a key of the viewer sealed to them, the coordinator is refused that key (fixed: it opens none of the sealed data)', async () => {
    const chosen = randomBytes(32);
    await slotsFromBeforePutBack(chosen);
    const keyringBefore = readFileSync(keyringPath(), 'utf8');
    const info = await adminUnlock();
    // Before the fix: held, no notice, and the ID number saved next opened under the viewer's key.
    expect(adminHoldsKey()).toBe(false);
    expect(info.keyNotice?.case).toBe('lost');
    expect(info.keyNotice?.message).toContain('打不开台账里已经加密保存的内容');
    expect(lastUnlockAudit(t)).toMatchObject({ sensitiveKeyRefused: 'witness' });
    // Nothing written for it: the slot is not pinned to the refused key.
    expect(readFileSync(keyringPath(), 'utf8')).toBe(keyringBefore);
    expect(await savedReadableWith(chosen)).toBe(false);
  });

  // The documented limit (electron/core/README.md "Pins"): a chosen key passes once every value sealed under the
  // ledger's key is gone; the office's data is then destroyed, never read. One value kept is enough to refuse it.
  it.each([
    [0, true],
    [1, false],
  ] as const)('P3 with every sealed value but %i replaced under the viewer’s key: the key held = %s', async (kept, held) => {
    const chosen = randomBytes(32);
    await slotsFromBeforePutBack(chosen);
    const replaced = replaceSealedValues(chosen, kept);
    expect(replaced).toBeGreaterThan(0);
    await adminUnlock();
    expect(adminHoldsKey()).toBe(held);
  });
  // The manifest may also claim another ledger's id (anyone holding the database key signs it again): still this one's.
  it.each(['its own', 'another ledger’s'] as const)(
    'P2: in a backup from before the pins, re-anchored under a key of the viewer, backup.json naming %s id, restored by the coordinator: refused (fixed)',
    async (claims) => {
      await ledgerWithHolders(2);
      // The backup made by the version before the pins; then the coordinator signs in with this one (their slot pinned).
      layout.writeVersion = 2;
      await adminUnlock();
      stick = mkdtempSync(join(tmpdir(), 'taizhang-stick-'));
      const backup = await t.call('backup.create', { folder: stick });
      await t.call('auth.lock', {});
      layout.writeVersion = 3;
      await adminUnlock();
      await t.call('auth.lock', {});
      // The copy: the viewer's key sealed to its holders' slots, a new keyId (so the restore asks for the password of
      // that day and opens the copied slot with it), statements and anchor under that key, the manifest signed again.
      const copied = readKeyring(keyringPath(backup.path));
      const dbKey = openSlotKeys(copied.ledgerId, findSlot(copied, 'viewer1')!, PASSWORD)!.dbKey;
      const chosen = randomBytes(32);
      let keyring: Keyring = { ...copied, keyId: randomUUID() };
      for (const name of [ADMIN.username, 'clerk1', RECOVERY_SLOT])
        keyring = replaceSlot(keyring, sealKeyToSlot(copied.ledgerId, findSlot(keyring, name) as KeySlotV2, 'sensitive', chosen));
      writeFileSync(keyringPath(backup.path), JSON.stringify({ ...keyring, version: 2 }, null, 2));
      const db = openBackupDb(backup.path, dbKey) as unknown as Database;
      vouchEverythingUnder(db, keyring, chosen);
      const anchor = anchorOf(db, copied.ledgerId, makeSealer(chosen), '2020-02-17T01:00:00.000Z')!;
      db.close();
      writeFileSync(join(backup.path, 'taizhang.anchor.json'), anchorText(anchor));
      resign(backup.path, dbKey, claims === 'its own' ? undefined : randomUUID());
      await adminUnlock();
      const keyringBefore = readFileSync(keyringPath(), 'utf8');
      // Before the fix: restored, then held at the next sign-in with no notice, and what was saved next readable by the viewer.
      const inspect = await t.fail('backup.inspect', { path: backup.path, password: ADMIN.password });
      expect(inspect).toMatchObject({ code: 'LEDGER_DAMAGED', message: expect.stringContaining('不是这本台账用过的') });
      const e = await t.fail('backup.restore', { path: backup.path, confirm: true, password: ADMIN.password });
      expect(e).toMatchObject({ code: 'LEDGER_DAMAGED', message: expect.stringContaining('当前台账没有被改动') });
      expect(readFileSync(keyringPath(), 'utf8')).toBe(keyringBefore);
      await adminUnlock();
      expect(adminHoldsKey()).toBe(true);
      expect(await savedReadableWith(chosen)).toBe(false);
    },
  );
});
