/**
 * Key rotation (issue 19 item 3): disabling a user, a demotion to viewer or a
 * coordinator's 「更换密钥」 replaces the database key and the sensitive key.
 * A key saved before no longer opens the file or a sealed value; the rotating
 * coordinator holds the new key, a new recovery key replaces the old one, and
 * other holders are refused it until a password reset (session 21, W1; before,
 * they took it through the key history); everyone who remains sees the same
 * once they hold it; a failure at any step leaves the old keys working.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring, RECOVERY_SLOT } from '../../../electron/core/db/keyring';
import { openSlot, openSlotKeys, pinNames, type KeySlotV2 } from '../../../electron/core/db/keyslot';
import { openEncrypted } from '../../../electron/core/db/open';
import { openWithHistory } from '../../../electron/core/keys/key-history';
import type { SealedColumn } from '../../../electron/core/keys/sealed-columns';
import { makeSealer } from '../../../electron/core/db/sealer';
import { rotationTestHooks } from '../../../electron/core/auth/keys';
import { Core } from '../../../electron/core/core';
import { USERS_SEALED_COLUMNS } from '../../../electron/core/auth/sealed-users';
import { ADMIN, ADMIN_NEXT, PASSWORD, TEST_KDF, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';

/** The coordinator's password after a second rotation. */
const THIRD = 'correct-horse-3';

let t: TestLedger;
afterEach(() => {
  rotationTestHooks.faults = null;
  clerkPassword = PASSWORD;
  t?.close();
});

/** A stand-in for an area's sealed column with an exact and a last-4 index. */
const NOTES: SealedColumn = {
  table: 'notes',
  column: 'phone_sealed',
  purpose: 'notes.phone',
  indexes: [
    { column: 'phone_index', purpose: 'notes.phone', of: (p) => p },
    { column: 'phone_tail', purpose: 'notes.phone.tail4', of: (p) => (p.length >= 4 ? p.slice(-4) : null) },
  ],
};
const phoneOf = (i: number) => `1380371${String(i).padStart(4, '0')}`;
const ROWS = 250;
/** Sealed values a rotation re-seals: the notes, each user's sealed role and each slot's vouched public key (as in the app). */
const sealedRoles = (): number =>
  (
    t.core.services.ledger
      .handle()
      .prepare(`SELECT (SELECT count(*) FROM users WHERE role_sealed IS NOT NULL) + (SELECT count(*) FROM slot_keys) AS n`)
      .get() as { n: number }
  ).n;

async function ledgerWithNotes(): Promise<TestLedger> {
  t = await openTestLedger({ core: { sealedColumns: [NOTES, ...USERS_SEALED_COLUMNS] } });
  const ledger = t.core.services.ledger;
  const db = ledger.handle();
  const sealer = ledger.sealer()!;
  db.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, phone_sealed BLOB, phone_index BLOB, phone_tail BLOB)`);
  const insert = db.prepare(`INSERT INTO notes (phone_sealed, phone_index, phone_tail) VALUES (@s, @i, @t)`);
  for (let i = 0; i < ROWS; i++) {
    const p = phoneOf(i);
    insert.run({ s: sealer.seal(NOTES.purpose, p), i: sealer.index('notes.phone', p), t: sealer.index('notes.phone.tail4', p.slice(-4)) });
  }
  // A row without a value stays without one.
  db.exec(`INSERT INTO notes (phone_sealed) VALUES (NULL)`);
  await t.sessionAs('clerk', 'clerk1');
  await t.sessionAs('clerk', 'leaver');
  await t.sessionAs('viewer', 'viewer1');
  return t;
}

/** What a session holding the sensitive key sees: every phone opened, and whether each index matches. */
function notesSeen(): Array<{ phone: string | null; indexOk: boolean }> {
  const ledger = t.core.services.ledger;
  const sealer = ledger.sealer()!;
  const rows = ledger.handle().prepare(`SELECT phone_sealed AS s, phone_index AS i, phone_tail AS tl FROM notes ORDER BY id`).all() as Array<{
    s: Buffer | null;
    i: Buffer | null;
    tl: Buffer | null;
  }>;
  return rows.map((r) => {
    const phone = sealer.openOptional(NOTES.purpose, r.s);
    const indexOk =
      phone === null
        ? r.i === null && r.tl === null
        : sealer.index('notes.phone', phone).equals(r.i!) && sealer.index('notes.phone.tail4', phone.slice(-4)).equals(r.tl!);
    return { phone, indexOk };
  });
}
const expected = () => [...Array.from({ length: ROWS }, (_, i) => ({ phone: phoneOf(i), indexOk: true })), { phone: null, indexOk: true }];

const userId = async (name: string) => (await t.call('users.list', {})).find((u) => u.username === name)!.id;
/** The keyring without the file's salt (a rekey back to the old key gives the file a new salt, which the keyring then names). */
const keyringSlots = () => {
  const { dbSalt: _salt, ...rest } = JSON.parse(readFileSync(t.core.services.ledger.paths.keyring, 'utf8')) as Record<string, unknown>;
  return rest;
};

function opensWith(dbKey: Buffer): boolean {
  // A copy, as someone who saved the key would open it offline.
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-stolen-'));
  t.core.services.ledger.handle().pragma('wal_checkpoint(TRUNCATE)');
  copyFileSync(t.core.services.ledger.paths.db, join(dir, 'copy.db'));
  try {
    openEncrypted(join(dir, 'copy.db'), dbKey).close();
    return true;
  } catch {
    return false;
  }
}

/**
 * Everyone signs in again from a closed ledger. `missed`: a rotation ran since clerk1's last sign-in: their password
 * pins the retired key, so they are refused ('rotated', README "Pins") until the coordinator resets it; then they hold it.
 * `adminPassword`: the coordinator's of now (every rotation ends on a new one).
 */
async function unlockEveryone(missed: boolean, adminPassword: string): Promise<void> {
  for (const s of ['admin', 'clerk1', 'viewer1', 'leaver']) await t.call('auth.lock', {}, s);
  expect(t.core.services.ledger.isOpen()).toBe(false);
  await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
  expect(t.core.services.sessions.get('viewer1')!.sensitive).toBe(false);
  const clerk = await t.call('auth.unlock', { username: 'clerk1', password: clerkPassword }, 'clerk1');
  expect(t.core.services.sessions.get('clerk1')!.sensitive).toBe(!missed);
  expect(clerk.keyNotice?.case).toBe(missed ? 'rotated' : undefined);
  await t.call('auth.unlock', { username: ADMIN.username, password: adminPassword });
  expect((await t.call('users.list', {})).find((u) => u.username === 'clerk1')!.needsNewPassword).toBe(missed);
  if (!missed) return;
  clerkPassword = `reset-${clerkPassword}`;
  await t.call('users.resetPassword', { id: await userId('clerk1'), password: clerkPassword });
  await t.call('auth.unlock', { username: 'clerk1', password: clerkPassword }, 'clerk1');
  expect(t.core.services.sessions.get('clerk1')!.sensitive).toBe(true);
}
let clerkPassword = PASSWORD;

describe('key rotation', () => {
  it('after a disable: keys saved before open neither the file nor a sealed value; everyone left unlocks and sees the same', async () => {
    await ledgerWithNotes();
    const ledger = t.core.services.ledger;
    const oldDbKey = Buffer.from(ledger.currentKey());
    const oldSensitive = Buffer.from(ledger.heldKeys().sensitiveKey!);
    const oldSealed = ledger.handle().prepare(`SELECT phone_sealed AS s FROM notes WHERE id = 1`).get() as { s: Buffer };
    expect(opensWith(oldDbKey)).toBe(true);

    const disabled = await t.call('users.disable', { id: await userId('leaver'), ...rotating() });
    // The rotation's result: clerk1 missed it (a password reset each), and a new recovery key replaces the old one.
    expect(disabled.keysRotated).toMatchObject({ rotated: true, needsNewPassword: ['测试clerk'] });
    const recoveryKey = disabled.keysRotated!.recoveryKey!;
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);

    expect(ledger.currentKey().equals(oldDbKey)).toBe(false);
    expect(opensWith(oldDbKey)).toBe(false);
    expect(opensWith(ledger.currentKey())).toBe(true);
    const newSealed = ledger.handle().prepare(`SELECT phone_sealed AS s FROM notes WHERE id = 1`).get() as { s: Buffer };
    expect(() => makeSealer(oldSensitive).open(NOTES.purpose, newSealed.s)).toThrow();
    expect(notesSeen()).toEqual(expected());
    // Old audit payloads keep their old seal: the key history opens them for whoever holds today's key.
    expect(openWithHistory(ledger.handle(), ledger.sealer()!, NOTES.purpose, oldSealed.s)).toBe(phoneOf(0));

    const keyring = readKeyring(ledger.paths.keyring);
    expect(findSlot(keyring, 'leaver')).toBeUndefined();
    for (const [name, secret, holds] of [
      [ADMIN.username, ADMIN_NEXT, true],
      ['clerk1', PASSWORD, true],
      ['viewer1', PASSWORD, false],
      [RECOVERY_SLOT, recoveryKey, true],
    ] as const) {
      const opened = openSlot(keyring.ledgerId, findSlot(keyring, name)!, secret)!;
      expect(opened.dbKey.equals(ledger.currentKey())).toBe(true);
      expect(opened.sensitiveKey?.equals(ledger.heldKeys().sensitiveKey!) ?? false).toBe(holds);
      expect(opened.sensitiveKey?.equals(oldSensitive) ?? false).toBe(false);
      // Pinned to the new key: the coordinator who rotated (their password confirmed it) and the new recovery slot;
      // clerk1's pin still names the retired key, and the slot says so for the 用户 screen.
      const pinnedNew = name === ADMIN.username || name === RECOVERY_SLOT;
      if (holds) expect(pinNames(opened.pin!, opened.sensitiveKey!)).toBe(pinnedNew);
      if (holds) expect(pinNames(opened.pin!, oldSensitive)).toBe(!pinnedNew);
      expect((findSlot(keyring, name) as KeySlotV2).pinStale === true).toBe(name === 'clerk1');
    }
    // The old recovery key opens nothing any more, nor the coordinator's old password: their slot was made anew.
    expect(openSlot(keyring.ledgerId, findSlot(keyring, RECOVERY_SLOT)!, t.recoveryKey)).toBeNull();
    expect(openSlot(keyring.ledgerId, findSlot(keyring, ADMIN.username)!, ADMIN.password)).toBeNull();

    await unlockEveryone(true, ADMIN_NEXT);
    expect(notesSeen()).toEqual(expected());
    // The throttle's failure file was re-sealed with the new key: the unlocks found nothing tampered.
    const failures = await t.call('audit.list', { filter: { channel: 'auth.unlock.failures' }, offset: 0, limit: 5 });
    expect(failures.rows).toEqual([]);
    const rotations = await t.call('audit.list', { filter: { channel: 'keys.rotate' }, offset: 0, limit: 5 });
    expect(rotations.rows.map((r) => JSON.parse(r.after!).keysRotated)).toEqual(['done', 'started']);
    expect(rotations.rows[0]!.summary).toBe('王建国 更换了密钥');
    expect(JSON.parse(rotations.rows[0]!.after!)).toMatchObject({ resealed: ROWS + sealedRoles(), reason: '停用了测试clerk' });

    // The new recovery key works for those who remain, and never for the disabled user; the old one opens nothing.
    for (const s of ['admin', 'clerk1', 'viewer1']) await t.call('auth.lock', {}, s);
    expect((await t.fail('auth.recover', { username: 'leaver', recoveryKey, newPassword: 'taken-over-1' }, 'leaver')).code).toBe('FORBIDDEN');
    expect(findSlot(readKeyring(ledger.paths.keyring), 'leaver')).toBeUndefined();
    expect((await t.fail('auth.recover', { username: 'clerk1', recoveryKey: t.recoveryKey, newPassword: 'new-pass-2020' }, 'clerk1')).code).toBe(
      'WRONG_PASSWORD',
    );
    const recovered = await t.call('auth.recover', { username: 'clerk1', recoveryKey, newPassword: 'new-pass-2020' }, 'clerk1');
    expect([t.core.services.sessions.get('clerk1')!.sensitive, recovered.keyNotice]).toEqual([true, null]);
    expect(notesSeen()).toEqual(expected());
  });

  it('after a demotion to viewer and on the coordinator’s 「更换密钥」; never for a clerk', async () => {
    await ledgerWithNotes();
    const ledger = t.core.services.ledger;
    const before = Buffer.from(ledger.currentKey());
    await t.call('users.update', { id: await userId('leaver'), role: 'viewer', ...rotating() });
    const afterDemotion = Buffer.from(ledger.currentKey());
    expect(afterDemotion.equals(before)).toBe(false);
    expect(openSlotKeys(readKeyring(ledger.paths.keyring).ledgerId, findSlot(readKeyring(ledger.paths.keyring), 'leaver')!, PASSWORD)).toEqual({
      dbKey: afterDemotion,
      sensitiveKey: null,
    });
    expect((await t.fail('users.rotateKeys', { password: PASSWORD }, 'clerk1')).code).toBe('FORBIDDEN');
    expect((await t.fail('users.rotateKeys', rotating('not-my-password', THIRD))).code).toBe('WRONG_PASSWORD');
    expect(ledger.currentKey().equals(afterDemotion)).toBe(true);
    expect(await t.call('users.rotateKeys', rotating(ADMIN_NEXT, THIRD))).toMatchObject({
      rotated: true,
      resealed: ROWS + sealedRoles(),
      needsNewPassword: ['测试clerk'],
      recoveryKey: expect.stringMatching(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/),
    });
    expect(ledger.currentKey().equals(afterDemotion)).toBe(false);
    expect(notesSeen()).toEqual(expected());
    await unlockEveryone(true, THIRD);
    expect(notesSeen()).toEqual(expected());
    // The wrong confirmation counted as a wrong sign-in of the coordinator's: audited at the next unlock.
    const failures = await t.call('audit.list', { filter: { channel: 'auth.unlock.failures' }, offset: 0, limit: 5 });
    expect(failures.rows.map((r) => JSON.parse(r.after!) as unknown)).toEqual([expect.objectContaining({ failedAttempts: 1 })]);
    expect((await t.call('users.keyStatus', {})).lastRotatedAt).toBe(t.clock.nowIso());
  });

  for (const step of ['afterReseal', 'afterRekey', 'beforeKeyring'] as const) {
    it(`failing ${step}: nothing changes, the ledger opens with the old keys`, async () => {
      await ledgerWithNotes();
      const ledger = t.core.services.ledger;
      const oldDbKey = Buffer.from(ledger.currentKey());
      const oldSensitive = Buffer.from(ledger.heldKeys().sensitiveKey!);
      const keyringBefore = keyringSlots();
      rotationTestHooks.faults = {
        [step]: () => {
          throw new Error(`injected failure ${step}`);
        },
      };
      expect((await t.fail('users.rotateKeys', { ...rotating() })).code).toBe('INTERNAL');
      rotationTestHooks.faults = null;
      expect(keyringSlots()).toEqual(keyringBefore);
      expect(existsSync(ledger.paths.stagedKeyring)).toBe(false);
      expect(ledger.currentKey().equals(oldDbKey)).toBe(true);
      expect(notesSeen()).toEqual(expected());
      expect(opensWith(oldDbKey)).toBe(true);
      const sealed = ledger.handle().prepare(`SELECT phone_sealed AS s FROM notes WHERE id = 7`).get() as { s: Buffer };
      expect(makeSealer(oldSensitive).open(NOTES.purpose, sealed.s)).toBe(phoneOf(6));
      // The old recovery key still recovers with the sensitive key, and nobody's pin moved: nobody is refused.
      const k = readKeyring(ledger.paths.keyring);
      expect(openSlotKeys(k.ledgerId, findSlot(k, RECOVERY_SLOT)!, t.recoveryKey)!.sensitiveKey!.equals(oldSensitive)).toBe(true);
      await unlockEveryone(false, ADMIN.password);
      expect(notesSeen()).toEqual(expected());
      // The new slots' statements, vouched inside the rekey (S33-A3), are put back with the rest: no slot reads as rewritten.
      expect(await t.call('users.keyStatus', {})).toMatchObject({ slotsChanged: [], recoveryChanged: false });
      // And the next attempt, without the fault, rotates.
      await t.call('users.rotateKeys', { ...rotating() });
      expect(opensWith(oldDbKey)).toBe(false);
      expect(notesSeen()).toEqual(expected());
    });
  }

  it('waits for users not signed in since the keyring upgrade: the disable is done, the rotation runs at the next coordinator unlock after they sign in', async () => {
    await ledgerWithNotes();
    const ledger = t.core.services.ledger;
    for (const s of ['admin', 'clerk1', 'viewer1']) await t.call('auth.lock', {}, s);
    // viewer1's slot as the previous version wrote it.
    const { makeSlotV1 } = await import('../../../electron/core/db/keyslot');
    const k = readKeyring(ledger.paths.keyring);
    const viewerKeys = openSlotKeys(k.ledgerId, findSlot(k, 'viewer1')!, PASSWORD)!;
    ledger.saveKeyring({
      ...k,
      slots: k.slots.map((s) => (s.name === 'viewer1' ? makeSlotV1('viewer1', PASSWORD, viewerKeys, { N: 1 << 10, r: 8, p: 1 }) : s)),
    });
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const blocked = await t.fail('users.rotateKeys', { ...rotating() });
    expect(blocked).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('「viewer1」') });

    const before = Buffer.from(ledger.currentKey());
    await t.call('users.disable', { id: await userId('leaver'), ...rotating() });
    expect(ledger.currentKey().equals(before)).toBe(true);
    expect((await t.call('users.keyStatus', {})).rotationDue).toEqual({ reason: '停用了测试clerk', since: t.clock.nowIso() });

    await t.call('auth.lock', {});
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    await t.call('auth.lock', {}, 'viewer1');
    // The sign-in does not rotate: it stops at 设置新密码 (rotationDue), and nothing else opens until then.
    const signedIn = await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(signedIn.rotationDue).toEqual({ reason: '停用了测试clerk' });
    expect(opensWith(before)).toBe(true);
    expect((await t.fail('users.keyStatus', {})).code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.fail('auth.changePassword', { oldPassword: ADMIN.password, newPassword: ADMIN_NEXT })).code).toBe('PASSWORD_CHANGE_REQUIRED');
    // A rotation that fails there is undone and stays due; the session stays held.
    rotationTestHooks.faults = {
      afterRekey: () => {
        throw new Error('injected');
      },
    };
    expect((await t.fail('auth.finishRotation', rotating())).code).toBe('INTERNAL');
    rotationTestHooks.faults = null;
    expect(opensWith(before)).toBe(true);
    expect((await t.call('auth.whoami', {}))!.rotationDue).not.toBeNull();
    // A new recovery key, shown once on the result as every rotation's (w40-rd1; it was null, the old sheet's slot
    // marked, and a recovery through it gave no sensitive key until someone made a new one): the old sheet opens nothing.
    const finished = await t.call('auth.finishRotation', rotating());
    expect(finished).toMatchObject({ rotated: true, recoveryKey: expect.stringMatching(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/) });
    expect(opensWith(before)).toBe(false);
    expect((await t.call('auth.whoami', {}))!.rotationDue).toBeNull();
    expect(await t.call('users.keyStatus', {})).toMatchObject({ rotationDue: null, notSignedInSinceUpgrade: [], recoveryMissedRotation: false });
    const rotated = readKeyring(ledger.paths.keyring);
    expect(openSlot(rotated.ledgerId, findSlot(rotated, RECOVERY_SLOT)!, t.recoveryKey)).toBeNull();
    expect(
      openSlotKeys(rotated.ledgerId, findSlot(rotated, RECOVERY_SLOT)!, finished.recoveryKey!)!.sensitiveKey!.equals(ledger.heldKeys().sensitiveKey!),
    ).toBe(true);
    const admin = openSlot(rotated.ledgerId, findSlot(rotated, ADMIN.username)!, ADMIN_NEXT)!;
    expect(pinNames(admin.pin!, ledger.heldKeys().sensitiveKey!)).toBe(true);
    expect(openSlot(rotated.ledgerId, findSlot(rotated, ADMIN.username)!, ADMIN.password)).toBeNull();
    expect(notesSeen()).toEqual(expected());
    // The next sign-in has nothing due.
    await t.call('auth.lock', {});
    expect((await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT })).rotationDue).toBeNull();
  });

  it('refused passwords change nothing: the same password again, the new one typed differently, a wrong own one', async () => {
    await ledgerWithNotes();
    const ledger = t.core.services.ledger;
    const keyBefore = Buffer.from(ledger.currentKey());
    const keyringBefore = readFileSync(ledger.paths.keyring, 'utf8');
    const leaver = await userId('leaver');
    for (const [input, code, field] of [
      [rotating(ADMIN.password, ADMIN.password), 'BAD_INPUT', 'newPassword'],
      [{ ...rotating(), newPasswordAgain: 'correct-horse-9' }, 'BAD_INPUT', 'newPasswordAgain'],
      [rotating('not-my-password'), 'WRONG_PASSWORD', 'password'],
      [rotating(ADMIN.password, 'short'), 'BAD_INPUT', 'newPassword'],
    ] as const) {
      for (const [channel, extra] of [
        ['users.disable', { id: leaver }],
        ['users.update', { id: leaver, role: 'viewer' }],
        ['users.rotateKeys', {}],
      ] as const) {
        const e = await t.fail(channel, { ...extra, ...input });
        expect([channel, e.code, e.details?.fields]).toEqual([channel, code, [field]]);
      }
    }
    expect(ledger.currentKey().equals(keyBefore)).toBe(true);
    expect(readFileSync(ledger.paths.keyring, 'utf8')).toBe(keyringBefore);
    expect((await t.call('users.list', {})).find((u) => u.username === 'leaver')).toMatchObject({ role: 'clerk', disabled: false });
  });

  for (const [step, keys] of [
    ['afterReseal', 'old'],
    ['beforeKeyring', 'new'],
  ] as const) {
    it(`a crash at ${step} (files as they were at that instant): the next start opens with the ${keys} keys`, async () => {
      await ledgerWithNotes();
      const ledger = t.core.services.ledger;
      const crashed = mkdtempSync(join(tmpdir(), 'taizhang-crashed-'));
      let at: { dbKey: Buffer; sensitive: Buffer } | null = null;
      rotationTestHooks.faults = {
        [step]: () => {
          // Every file of the ledger folder as the power went: database, journal or WAL, keyring, staged keyring.
          for (const f of readdirSync(t.dir)) copyFileSync(join(t.dir, f), join(crashed, f));
          at = { dbKey: Buffer.from(ledger.currentKey()), sensitive: Buffer.from(ledger.heldKeys().sensitiveKey!) };
          throw new Error('power cut');
        },
      };
      const oldDbKey = Buffer.from(ledger.currentKey());
      await t.fail('users.rotateKeys', { ...rotating() });
      expect(existsSync(join(crashed, 'taizhang.keyring.next.json'))).toBe(true);
      // The staged keyring holds the coordinator's slot made for the new password: with the new keys comes the new password.
      const password = keys === 'new' ? ADMIN_NEXT : ADMIN.password;
      const core = new Core({ dataDir: crashed, clock: t.clock, kdf: TEST_KDF, failureDelayBaseMs: 5, sealedColumns: [NOTES, ...USERS_SEALED_COLUMNS] });
      try {
        const r = await core.call('admin', 'auth.unlock', { username: ADMIN.username, password });
        expect(r.ok).toBe(true);
        const l = core.services.ledger;
        expect(l.currentKey().equals(oldDbKey)).toBe(keys === 'old');
        if (keys === 'new') expect(l.currentKey().equals(at!.dbKey)).toBe(true);
        expect(existsSync(l.paths.stagedKeyring)).toBe(false);
        const sealer = l.sealer()!;
        const rows = l.handle().prepare(`SELECT phone_sealed AS s FROM notes WHERE phone_sealed IS NOT NULL ORDER BY id`).all() as Array<{ s: Buffer }>;
        expect(rows.map((r) => sealer.open(NOTES.purpose, r.s))).toEqual(Array.from({ length: ROWS }, (_, i) => phoneOf(i)));
        const viewer = await core.call('viewer1', 'auth.unlock', { username: 'viewer1', password: PASSWORD });
        expect(viewer.ok).toBe(true);
      } finally {
        core.close();
      }
    });
  }

  it('a backup made before a rotation still opens, with the password of its day', async () => {
    await ledgerWithNotes();
    const stick = mkdtempSync(join(tmpdir(), 'taizhang-stick-'));
    const b = await t.call('backup.create', { folder: stick });
    await t.call('users.rotateKeys', { ...rotating() });
    const e = await t.fail('backup.inspect', { path: b.path });
    expect(e).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('更换密钥之前') });
    expect((await t.call('backup.inspect', { path: b.path, password: ADMIN.password })).counts).toEqual(b.counts);
    // A backup made after the rotation opens with the ledger's own key, as before.
    t.clock.set('2020-02-17T01:05:00.000Z');
    const after = await t.call('backup.create', { folder: stick });
    expect((await t.call('backup.inspect', { path: after.path })).sameLedger).toBe(true);
  });
});
