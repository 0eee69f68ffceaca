/**
 * Session 17's attack run (docs/security/attack-run-session17.md, S4): with the files and the database key, something
 * holds a rotation off (here a version-1 slot written in place of an enabled viewer's; it was a version-1 recovery slot,
 * which holds nothing off since every rotation makes the recovery slot afresh: S31-A1's fix, below), the coordinator
 * disables a clerk, and the rotation is left due; offline, the `meta.keys_rotation_due` row is deleted. The rotation owed was
 * forgotten: the key the clerk saved kept opening the ledger after the blocker was cleared. The log's 'due' row,
 * which cannot be removed without the anchor noticing, now keeps it owed.
 *
 * Ninth attack run (docs/security/attack-run-session23.md, RD1): rows cannot be removed unnoticed, but anyone holding
 * the database key can APPEND one (the chain's hash is unkeyed; the anchor covers a viewer's appended rows at the next
 * holder's write: audit/anchor.ts). A 'done' row appended beside the deleted mark made the rotation forgotten again.
 * Fixed (w40-rd1, auth/rotation-owed.ts): no 'done' row settles anything; a 'due' row is owed while the ledger's
 * sensitive key is the one it names (`owedFor`), or, written without it (older ledgers), until the key history holds
 * a key retired at or after it. Both tests below were red on main (rotationDue null after the appended 'done').
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../../electron/core/audit/audit-log';
import { KEYS_ROTATE } from '../../../electron/core/auth/rotation-owed';
import { findSlot, openSlotKeys, readKeyring, RECOVERY_SLOT, writeKeyring } from '../../../electron/core/db/keyring';
import { makeSlotV1 } from '../../../electron/core/db/keyslot';
import { asWriteDb, type Database } from '../../../electron/core/db/types';
import { openAsViewerOffline } from '../../helpers/attacker';
import { ADMIN, PASSWORD, TEST_KDF, openTestLedger, type TestLedger, rotating } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const keyringPath = () => join(t.dir, 'taizhang.keyring.json');

/** Offline with the clerk's password: their database key kept, and a version-1 slot written as `name`'s (`secret` opens it). */
function plantBlocker(name: string, secret: string): Buffer {
  const k = readKeyring(keyringPath());
  const keys = openSlotKeys(k.ledgerId, findSlot(k, 'clerk1')!, PASSWORD)!;
  const slots = k.slots.filter((s) => s.name !== name);
  writeKeyring(keyringPath(), { ...k, slots: [...slots, makeSlotV1(name, secret, { dbKey: keys.dbKey, sensitiveKey: null }, TEST_KDF)] });
  return Buffer.from(keys.dbKey);
}

/** The clerk disabled while the planted slot holds the rotation off, everyone locked; then `offline` with the viewer's key. Returns the clerk's saved key. */
async function disableLeftDue(offline: (db: ReturnType<typeof openAsViewerOffline>) => void): Promise<Buffer> {
  t = await openTestLedger();
  await t.sessionAs('clerk', 'clerk1');
  await t.sessionAs('viewer', 'viewer1');
  for (const s of ['clerk1', 'viewer1', 'admin']) await t.call('auth.lock', {}, s);
  const saved = plantBlocker('viewer1', PASSWORD);
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  const clerk = (await t.call('users.list', {})).find((u) => u.username === 'clerk1')!.id;
  await t.call('users.disable', { id: clerk, ...rotating() });
  expect((await t.call('users.keyStatus', {})).rotationDue).toMatchObject({ reason: expect.stringContaining('停用') });
  await t.call('auth.lock', {});
  const db = openAsViewerOffline(t.dir);
  db.prepare(`DELETE FROM meta WHERE key = 'keys_rotation_due'`).run();
  offline(db);
  db.close();
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  return saved;
}

/** The blocker cleared in the app (the viewer signs in once); the next coordinator sign-in runs the rotation owed once a new password is set. */
async function clearBlockerAndSignIn(saved: Buffer): Promise<void> {
  await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
  await t.call('auth.lock', {}, 'viewer1');
  await t.call('auth.lock', {});
  expect((await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).rotationDue).toMatchObject({
    reason: expect.stringContaining('停用'),
  });
  await t.call('auth.finishRotation', rotating());
  expect((await t.call('users.keyStatus', {})).rotationDue).toBeNull();
  expect(t.core.services.ledger.currentKey().equals(saved)).toBe(false);
}

describe('the rotation-due mark deleted', () => {
  it('the rotation stays owed by the log, and runs once the blocker is cleared: the key the clerk saved stops opening the ledger', async () => {
    const saved = await disableLeftDue(() => undefined);
    // Before the fix: null, and nothing left to say a rotation was owed.
    expect((await t.call('users.keyStatus', {})).rotationDue).toMatchObject({ reason: expect.stringContaining('停用') });
    await clearBlockerAndSignIn(saved);
  });

  // Was it.fails (ninth attack run, RD1): null here, nothing rotated, and the clerk's saved key kept opening the ledger.
  it("…and a 'done' row appended, chained: the rotation stays owed all the same (RD1)", async () => {
    const saved = await disableLeftDue((db) => {
      const w = asWriteDb(db as unknown as Database);
      const row = { at: t.clock.nowIso(), userId: 1, username: ADMIN.username, channel: KEYS_ROTATE, entity: 'ledger', entityId: null };
      w.transaction(() => appendAudit(w, { ...row, after: { keysRotated: 'done', reason: '统筹负责人更换密钥' } }, null))();
    });
    // The log checks out: the appended row is covered by the coordinator's anchor since.
    expect((await t.call('audit.verify', {})).intact).toBe(true);
    await clearBlockerAndSignIn(saved);
  });

  // A 'due' row without the key it was owed for (an older ledger's; here appended offline by the viewer, as one can):
  // owed until a rotation retires the key, whatever 'done' row follows it; then settled, not owed forever.
  it("an older ledger's 'due' row (no key named) is owed until a rotation retires the key: a 'done' row appended after it does not settle it", async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    for (const s of ['viewer1', 'admin']) await t.call('auth.lock', {}, s);
    const db = openAsViewerOffline(t.dir);
    const w = asWriteDb(db as unknown as Database);
    const row = { at: t.clock.nowIso(), userId: 1, username: ADMIN.username, channel: KEYS_ROTATE, entity: 'ledger', entityId: null };
    w.transaction(() => {
      appendAudit(w, { ...row, after: { keysRotated: 'due', reason: '停用账号：clerk9' } }, null);
      appendAudit(w, { ...row, after: { keysRotated: 'done', reason: '统筹负责人更换密钥' } }, null);
    })();
    db.close();
    expect((await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).rotationDue).toMatchObject({ reason: '停用账号：clerk9' });
    const keyBefore = Buffer.from(t.core.services.ledger.heldKeys().sensitiveKey!);
    expect((await t.call('auth.finishRotation', rotating())).rotated).toBe(true);
    expect(t.core.services.ledger.heldKeys().sensitiveKey!.equals(keyBefore)).toBe(false);
    expect((await t.call('users.keyStatus', {})).rotationDue).toBeNull();
  });
});

// S31-A1's fix made 生成新的恢复密钥 a rotation, so a rotation no longer waits for an old-layout recovery slot: it makes
// that slot afresh. Red before (rotated false, left due): the planted slot held every rotation off, the only way out
// being a new recovery key, which would now wait for itself.
describe('a version-1 recovery slot planted (S4 as it was)', () => {
  it('holds nothing off: 停用 rotates at once, and the planted secret opens nothing after', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    for (const s of ['clerk1', 'admin']) await t.call('auth.lock', {}, s);
    const saved = plantBlocker(RECOVERY_SLOT, 'attacker-recovery');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const clerk = (await t.call('users.list', {})).find((u) => u.username === 'clerk1')!.id;
    const done = await t.call('users.disable', { id: clerk, ...rotating() });
    expect(done.keysRotated).toMatchObject({ rotated: true, recoveryKey: expect.stringMatching(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/) });
    expect(t.core.services.ledger.currentKey().equals(saved)).toBe(false);
    const k = readKeyring(keyringPath());
    expect(openSlotKeys(k.ledgerId, findSlot(k, RECOVERY_SLOT)!, 'attacker-recovery')).toBeNull();
  });
});
