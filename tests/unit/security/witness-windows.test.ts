/**
 * The two windows the pins left open (session 19, electron/core/README.md "Pins", left (2) and (3)), closed in
 * session 20 by the sealed data as witness (keys/sealed-witness.ts): a key that is not exactly the one its holder's
 * password pins counts only if it opens every value already sealed in the ledger.
 * - The grant window: a slot given the key by a grant pins "none" until its holder's next unlock; S6 in that window
 *   (the viewer's key sealed to every holder, statements and anchor re-made under it) gave that holder the
 *   viewer's key, and pinned it. Closed in session 22: a pin naming none never counts a key (db/ledger-pins.ts), and
 *   a promotion makes the slot anew with a one-time password, pinned to the ledger's key (auth/user-handlers.ts).
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
import { openTestLedger, PASSWORD, type TestLedger, ADMIN } from '../../helpers/ledger';
import { INITIAL_PASSWORD, promote, promoteByGrant } from '../../helpers/promote';
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

/** viewer1 and viewer2 (viewer2 promoted to clerk by `promoteNow`); a resident; all locked. */
async function promotedClerk(promoteNow: () => Promise<void> | void): Promise<void> {
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  await t.sessionAs('viewer', 'viewer2');
  await saveResident('410105199001011233');
  await promoteNow();
  for (const s of ['viewer1', 'viewer2', 'admin']) await t.call('auth.lock', {}, s);
}

/** The words a promoted user whose pin names no key is given (auth/key-notice.ts 'promoted'). */
const ASK_FOR_RESET = /改为录入员（或由没有这把密钥的统筹负责人新建）后，还需要统筹负责人在「设置 → 用户」为您重设一次密码/;

describe('the grant window', () => {
  // Session 22 (w38-promote): a key sealed by public key into a slot whose pin names none never counts. Before: the
  // promoted clerk took the real key here (the anchor and the sealed data witnessed for it), and in W1's variant
  // (witness-attacks.test.ts) the leaver's key just the same.
  it('a key granted by public key to a slot pinning none (a promotion as before session 22) is refused with its words, audited, nothing pinned', async () => {
    await promotedClerk(() => promoteByGrant(t, 'viewer2'));
    const keyringBefore = readFileSync(keyringPath(), 'utf8');
    const info = await t.call('auth.unlock', { username: 'viewer2', password: PASSWORD }, 'viewer2');
    expect(holdsKey('viewer2')).toBe(false);
    expect(info.keyNotice).toMatchObject({ case: 'promoted', role: 'clerk' });
    expect(info.keyNotice!.message).toMatch(ASK_FOR_RESET);
    expect(lastUnlockAudit(t)).toMatchObject({ sensitiveKeyRefused: 'unpinned' });
    expect(readFileSync(keyringPath(), 'utf8')).toBe(keyringBefore);
    expect(await t.fail('residents.reveal', { residentId: 1, field: 'idNumber' }, 'viewer2')).toMatchObject({ details: { noSensitiveKey: 'promoted' } });
    // A reset makes the slot anew, pinned to the key: the key counts from the next sign-in.
    await t.call('auth.lock', {}, 'viewer2');
    await t.call('auth.unlock', { username: 'admin', password: ADMIN.password });
    const rows = (await t.call('audit.list', { filter: { channel: 'auth.unlock' }, offset: 0, limit: 10 })).rows.map((r) => r.summary);
    expect(rows.some((r) => r.includes('其密码没有记下任何一把'))).toBe(true);
    await t.call('users.resetPassword', { id: await userId('viewer2'), password: 'reset-pass-98' });
    await t.call('auth.unlock', { username: 'viewer2', password: 'reset-pass-98' }, 'viewer2');
    expect(holdsKey('viewer2')).toBe(true);
  });

  it("the viewer's key sealed to every holder before the promoted clerk's first sign-in: refused, told, nothing pinned", async () => {
    await promotedClerk(() => promote(t, 'viewer2'));
    sealOwnKeyEverywhere(t, randomBytes(32));
    const keyringBefore = readFileSync(keyringPath(), 'utf8');
    // The promotion pinned the slot to the ledger's key: another key in it is the pin's refusal.
    const info = await t.call('auth.unlock', { username: 'viewer2', password: INITIAL_PASSWORD }, 'viewer2');
    expect(holdsKey('viewer2')).toBe(false);
    expect(info.keyNotice?.case).toBe('lost');
    expect(lastUnlockAudit(t)).toMatchObject({ sensitiveKeyRefused: 'pin' });
    expect(readFileSync(keyringPath(), 'utf8')).toBe(keyringBefore);
  });

  it('without the attack: the promoted clerk signs in with the one-time password, must change it, then holds the key, pinned', async () => {
    await promotedClerk(() => promote(t, 'viewer2'));
    // Their old password opens nothing any more: the slot was made anew.
    expect((await t.fail('auth.unlock', { username: 'viewer2', password: PASSWORD }, 'viewer2')).code).toBe('WRONG_PASSWORD');
    await new Promise((r) => setTimeout(r, 20));
    const info = await t.call('auth.unlock', { username: 'viewer2', password: INITIAL_PASSWORD }, 'viewer2');
    expect(info.user).toMatchObject({ role: 'clerk', mustChangePassword: true });
    expect(info.keyNotice).toBeNull();
    expect(holdsKey('viewer2')).toBe(true);
    expect((await t.fail('residents.reveal', { residentId: 1, field: 'idNumber' }, 'viewer2')).code).toBe('PASSWORD_CHANGE_REQUIRED');
    await t.call('auth.changePassword', { oldPassword: INITIAL_PASSWORD, newPassword: 'own-pass-viewer2' }, 'viewer2');
    expect((await t.call('residents.reveal', { residentId: 1, field: 'idNumber' }, 'viewer2')).value).toBe('410105199001011233');
    const keyring = readKeyring(keyringPath());
    const opened = openSlot(keyring.ledgerId, findSlot(keyring, 'viewer2')!, 'own-pass-viewer2')!;
    expect(pinNames(opened.pin!, opened.sensitiveKey!)).toBe(true);
    await t.call('auth.lock', {}, 'viewer2');
    await t.call('auth.unlock', { username: 'viewer2', password: 'own-pass-viewer2' }, 'viewer2');
    expect(holdsKey('viewer2')).toBe(true);
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
    await t.call('users.update', { id: await userId('leaver'), role: 'viewer', password: ADMIN.password });
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
    await t.call('auth.unlock', { username: 'admin', password: ADMIN.password });
    expect((await t.call('users.list', {})).find((u) => u.username === 'clerk1')?.needsNewPassword).toBe(true);
    await t.call('users.resetPassword', { id: await userId('clerk1'), password: 'reset-pass-99' });
    expect((await t.call('users.list', {})).find((u) => u.username === 'clerk1')?.needsNewPassword).toBe(false);
    await t.call('auth.lock', {});
    const again = await t.call('auth.unlock', { username: 'clerk1', password: 'reset-pass-99' }, 'clerk1');
    expect(holdsKey('clerk1')).toBe(true);
    expect(again.keyNotice).toBeNull();
  });
});
