/**
 * The two windows the pins left open (session 19, electron/core/README.md "Pins", left (2) and (3)), closed in
 * session 20 by the sealed data as witness (keys/sealed-witness.ts): a key that is not exactly the one its holder's
 * password pins counts only if it opens every value already sealed in the ledger.
 * - The grant window: a slot given the key by a grant pins "none" until its holder's next unlock; S6 in that window
 *   (the viewer's key sealed to every holder, statements and anchor re-made under it) gave that holder the
 *   viewer's key, and pinned it.
 * - The rotation window: a holder who has not signed in since a rotation accepted a successor whose history holds
 *   their pinned key; a clerk the rotation demoted knew the retired key and could make one (session 20, W1). Closed
 *   in session 21: such a holder is refused ('rotated') until a coordinator resets their password.
 * Each attack beside the genuine path it must not break. The ledgers hold a resident saved before the attack, as
 * every real ledger holds sealed data.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring } from '../../../electron/core/db/keyring';
import { openSlot, pinNames } from '../../../electron/core/db/keyslot';
import { ADMIN_NEXT, openTestLedger, PASSWORD, type TestLedger, rotating } from '../../helpers/ledger';
import { lastUnlockAudit, sealOwnKeyEverywhere } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

const keyringPath = () => join(t.dir, 'taizhang.keyring.json');
const holdsKey = (session: string) => t.core.services.sessions.get(session)!.sensitive;

async function saveResident(idNumber: string): Promise<void> {
  const c = (await t.call('org.communities.list', {}))[0] ?? (await t.call('org.communities.save', { name: '幸福社区' }));
  await t.call('residents.save', { communityId: c.id, name: '老住户', idNumber });
}

async function userId(username: string): Promise<number> {
  return (await t.call('users.list', {})).find((u) => u.username === username)!.id;
}

/** viewer1, and viewer2 promoted to clerk by the coordinator (a grant: the key sealed to their slot, pinned to none); a resident; all locked. */
async function grantedClerk(): Promise<void> {
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  await t.sessionAs('viewer', 'viewer2');
  await saveResident('410105199001011233');
  await t.call('users.update', { id: await userId('viewer2'), role: 'clerk' });
  for (const s of ['viewer1', 'viewer2', 'admin']) await t.call('auth.lock', {}, s);
}

describe('the grant window', () => {
  it("the viewer's key sealed to every holder before the promoted clerk's first sign-in: refused, told, nothing pinned", async () => {
    await grantedClerk();
    sealOwnKeyEverywhere(t, randomBytes(32));
    const keyringBefore = readFileSync(keyringPath(), 'utf8');
    // Before: the clerk held the viewer's key and their slot was pinned to it (the anchor, re-MACed, let it in).
    const info = await t.call('auth.unlock', { username: 'viewer2', password: PASSWORD }, 'viewer2');
    expect(holdsKey('viewer2')).toBe(false);
    expect(info.keyNotice?.case).toBe('lost');
    expect(lastUnlockAudit(t)).toMatchObject({ sensitiveKeyRefused: 'witness' });
    expect(readFileSync(keyringPath(), 'utf8')).toBe(keyringBefore);
  });

  it("without the attack: the promoted clerk's first sign-in takes the key and pins it", async () => {
    await grantedClerk();
    await t.call('auth.unlock', { username: 'viewer2', password: PASSWORD }, 'viewer2');
    expect(holdsKey('viewer2')).toBe(true);
    const keyring = readKeyring(keyringPath());
    const opened = openSlot(keyring.ledgerId, findSlot(keyring, 'viewer2')!, PASSWORD)!;
    expect(pinNames(opened.pin!, opened.sensitiveKey!)).toBe(true);
  });
});

describe('the rotation window', () => {
  /** clerk1 and a clerk `leaver` demoted to viewer (a rotation); a resident saved before; all locked. Returns the key the leaver knew. */
  async function demotedLeaver(): Promise<Buffer> {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await t.sessionAs('clerk', 'leaver');
    await saveResident('410105199001011233');
    const retired = Buffer.from(t.core.services.ledger.heldKeys().sensitiveKey!);
    await t.call('users.update', { id: await userId('leaver'), role: 'viewer', ...rotating() });
    expect(t.core.services.ledger.heldKeys().sensitiveKey!.equals(retired)).toBe(false);
    for (const s of ['clerk1', 'leaver', 'admin']) await t.call('auth.lock', {}, s);
    return retired;
  }

  it('a successor made by the demoted clerk, the retired key in its history: the holder who missed the rotation is refused', async () => {
    const retired = await demotedLeaver();
    sealOwnKeyEverywhere(t, randomBytes(32), (k) => k, { history: [retired], viewer: 'leaver' });
    // Before session 20: clerk1 held the leaver's key (their pin names the retired key, which the made-up history holds).
    const info = await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    expect(holdsKey('clerk1')).toBe(false);
    expect(info.keyNotice?.case).toBe('rotated');
    expect(lastUnlockAudit(t)).toMatchObject({ sensitiveKeyRefused: 'rotated' });
  });

  // Session 21 (W1): no successor by the history's word, even the genuine one. Before: clerk1 took the new key.
  it('without the attack: the holder who missed the rotation is refused too, told to ask for a reset, and takes the key after one', async () => {
    await demotedLeaver();
    const info = await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    expect(holdsKey('clerk1')).toBe(false);
    expect(info.keyNotice?.case).toBe('rotated');
    expect(lastUnlockAudit(t)).toMatchObject({ sensitiveKeyRefused: 'rotated' });
    await t.call('auth.lock', {}, 'clerk1');
    await t.call('auth.unlock', { username: 'admin', password: ADMIN_NEXT });
    expect((await t.call('users.list', {})).find((u) => u.username === 'clerk1')?.needsNewPassword).toBe(true);
    await t.call('users.resetPassword', { id: await userId('clerk1'), password: 'reset-pass-99' });
    expect((await t.call('users.list', {})).find((u) => u.username === 'clerk1')?.needsNewPassword).toBe(false);
    await t.call('auth.lock', {});
    const again = await t.call('auth.unlock', { username: 'clerk1', password: 'reset-pass-99' }, 'clerk1');
    expect(holdsKey('clerk1')).toBe(true);
    expect(again.keyNotice).toBeNull();
  });
});
