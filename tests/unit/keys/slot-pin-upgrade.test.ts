/**
 * The upgrade to pinned slots (db/keyslot.ts version 3; session 19, S6): a ledger made by the previous version
 * (version-2 slots, nothing pinned), built here through the program's own channels with slots written as that
 * version wrote them (`CoreOptions.slotLayout`), opens as every role with nothing lost; each slot is pinned at its
 * holder's next unlock (a viewer's to "no key"); once pinned, S6 is refused, and before that by the ledger's sealed
 * data (keys/sealed-witness.ts): a version-2 slot's key must open what is already sealed.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring, RECOVERY_SLOT, type Keyring } from '../../../electron/core/db/keyring';
import { isPinned, openSlot, pinNames } from '../../../electron/core/db/keyslot';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger, ROLES_AS_FOUND } from '../../helpers/ledger';
import { sealOwnKeyEverywhere } from '../security/swap-helpers';

// These ledgers predate coordinator keys; the coordinator's role counts as it did then (the recovery key's
// confirmation, CR1-U's fix, is tested in tests/unit/auth/coordinator-upgrade.test.ts).

let t: TestLedger;
// This test's own layout, given to its core (CoreOptions.slotLayout): version 2 while the previous version's ledger is made.
const layout: { writeVersion: 2 | 3 } = { writeVersion: 3 };
afterEach(() => {
  layout.writeVersion = 3;
  t?.close();
});

const ID = '410181195610011747';
const versionWritten = (l: TestLedger): unknown => JSON.parse(readFileSync(l.core.services.ledger.paths.keyring, 'utf8')).version;
const keyringOf = (): Keyring => readKeyring(t.core.services.ledger.paths.keyring);
const pinOf = (name: string, secret: string) => {
  const k = keyringOf();
  const opened = openSlot(k.ledgerId, findSlot(k, name)!, secret)!;
  opened.kek.fill(0);
  return opened;
};

/** The previous version's ledger: a coordinator, a clerk, a viewer, the recovery slot, a resident; every window locked. */
async function previousVersionLedger(): Promise<number> {
  layout.writeVersion = 2;
  t = await openTestLedger({ core: { ...ROLES_AS_FOUND.core, slotLayout: layout } });
  await t.sessionAs('clerk', 'clerk1');
  await t.sessionAs('viewer', 'viewer1');
  const c = await t.call('org.communities.save', { name: '幸福社区' });
  const saved = await t.call('residents.save', { communityId: c.id, name: '老住户', idNumber: ID });
  for (const s of ['clerk1', 'viewer1', 'admin']) await t.call('auth.lock', {}, s);
  expect(versionWritten(t)).toBe(2);
  expect(keyringOf().slots.map((s) => ('v' in s ? s.v : 1))).toEqual([2, 2, 2, 2]);
  layout.writeVersion = 3;
  return saved.id;
}

describe('a ledger of version-2 slots (made by the previous version)', () => {
  // The layout is the core's own (it was a switch shared by every core in the process): the app's core never writes an older one.
  it('a core made meanwhile without the option writes the current layout', async () => {
    layout.writeVersion = 2;
    t = await openTestLedger({ core: { ...ROLES_AS_FOUND.core, slotLayout: layout } });
    const current = await openTestLedger(ROLES_AS_FOUND);
    try {
      expect(versionWritten(t)).toBe(2);
      expect(versionWritten(current)).toBe(4);
      expect(keyringOf().slots.map((s) => ('v' in s ? s.v : 1))).toEqual([2, 2]);
      const theirs = readKeyring(current.core.services.ledger.paths.keyring);
      expect(theirs.slots.every(isPinned)).toBe(true);
    } finally {
      current.close();
    }
  });

  it('opens as every role with nothing lost; each slot is pinned at its own next unlock', async () => {
    const residentId = await previousVersionLedger();
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    expect(t.core.services.sessions.get('viewer1')!.sensitive).toBe(false);
    expect(isPinned(findSlot(keyringOf(), 'viewer1')!)).toBe(true);
    expect(pinOf('viewer1', PASSWORD)).toMatchObject({ pin: null, sensitiveKey: null });
    expect(isPinned(findSlot(keyringOf(), 'clerk1')!)).toBe(false);

    await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    expect((await t.call('residents.reveal', { residentId, field: 'idNumber' }, 'clerk1')).value).toBe(ID);
    const clerk = pinOf('clerk1', PASSWORD);
    expect(pinNames(clerk.pin!, clerk.sensitiveKey!)).toBe(true);

    const admin = await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(admin.user.role).toBe('coordinator');
    expect(admin.keyNotice).toBeNull();
    expect((await t.call('residents.reveal', { residentId, field: 'idNumber' })).value).toBe(ID);
    for (const s of ['clerk1', 'viewer1', 'admin']) await t.call('auth.lock', {}, s);

    await t.call('auth.recover', { username: 'clerk1', recoveryKey: t.recoveryKey, newPassword: 'new-pass-2020' }, 'clerk1');
    expect(t.core.services.sessions.get('clerk1')!.sensitive).toBe(true);
    await t.call('auth.lock', {}, 'clerk1');
    const keyring = keyringOf();
    expect(keyring.slots.every(isPinned)).toBe(true);
    expect(JSON.parse(readFileSync(t.core.services.ledger.paths.keyring, 'utf8')).version).toBe(4);
    for (const [name, secret] of [
      [ADMIN.username, ADMIN.password],
      [RECOVERY_SLOT, t.recoveryKey],
    ] as const) {
      const opened = pinOf(name, secret);
      expect(pinNames(opened.pin!, opened.sensitiveKey!)).toBe(true);
    }

    // Pinned now: S6 on the upgraded ledger is refused at the coordinator's sign-in.
    sealOwnKeyEverywhere(t, randomBytes(32));
    const info = await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(info.keyNotice?.case).toBe('lost');
  });

  it('before a holder has signed in since the upgrade, S6 is refused by the sealed data (the window session 19 left, closed in session 20)', async () => {
    await previousVersionLedger();
    sealOwnKeyEverywhere(t, randomBytes(32));
    // Before: judged by the anchor alone (re-MACed under the viewer's key): held, no notice.
    const info = await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(info.keyNotice?.case).toBe('lost');
    expect(t.core.services.sessions.get('admin')!.sensitive).toBe(false);
    // Not pinned to it either: the slot stays as the previous version wrote it.
    expect(isPinned(findSlot(keyringOf(), ADMIN.username)!)).toBe(false);
  });
});
