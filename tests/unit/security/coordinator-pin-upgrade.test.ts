/**
 * Pins an older version wrote (the coordinator key's fingerprint alone, before PH2-K1 of the thirteenth attack run's
 * phase 2; db/coordinator-pin.ts) on a ledger of this version: they still open and count, they keep the exemption
 * refuseKeyNotFromPin gave a keyring with no link at all, and the holder's next slot made with a password pins anew,
 * naming the key's signing public key too (from then on a reset through deleted links is refused).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring, replaceSlot, writeKeyring } from '../../../electron/core/db/keyring';
import type { KeySlotV2 } from '../../../electron/core/db/keyslot';
import { openSlot } from '../../../electron/core/db/keyslot-open';
import { privateAad } from '../../../electron/core/db/slot-aad';
import { unwrap, wrap } from '../../../electron/core/db/slot-wrap';
import { pinParts } from '../../../electron/core/db/coordinator-pin';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import { vouchSlotKey } from '../../../electron/core/auth/slot-keys';
import { asWriteDb } from '../../../electron/core/db/types';
import { ADMIN, ADMIN_NEXT, PASSWORD, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const keyringPath = () => join(t.dir, 'taizhang.keyring.json');
const pinOf = (name: string) => (findSlot(readKeyring(keyringPath()), name) as KeySlotV2).coordinatorPin;

/**
 * `name`'s slot as the version before this one wrote it: the same slot, its pin the fingerprint alone, wrapped again
 * with its holder's password; the file as that version wrote it (version 3).
 */
function asOlderVersionPinned(name: string, password: string): void {
  const keyring = readKeyring(keyringPath());
  const slot = findSlot(keyring, name) as KeySlotV2;
  const opened = openSlot(keyring.ledgerId, slot, password)!;
  const older = pinParts(slot.coordinatorPin)!.fp;
  const priv = unwrap(opened.kek, privateAad(keyring.ledgerId, slot.name, slot.v, slot.retired, slot.coordinatorPin), slot.privateKey)!;
  const privateKey = wrap(opened.kek, privateAad(keyring.ledgerId, slot.name, slot.v, slot.retired, older), priv);
  writeFileSync(keyringPath(), JSON.stringify({ ...replaceSlot(keyring, { ...slot, coordinatorPin: older, privateKey }), version: 3 }, null, 2));
  // The slot's statement as that version sealed it (no `pin:pub`, auth/slot-keys.ts), when the ledger is open to write it.
  const ledger = t.core.services.ledger;
  if (ledger.isOpen()) vouchSlotKey(asWriteDb(ledger.handle()), ledger.sealer(), findSlot(readKeyring(keyringPath()), name)!);
}

describe('coordinator pins an older version wrote', () => {
  it('still open and count; the holder’s next password pins anew with the signing public key', async () => {
    t = await openTestLedger();
    expect(pinOf(ADMIN.username)).toMatch(/^[0-9a-f]{64}:[0-9a-f]{64}$/);
    await t.raw('auth.lock', {});
    asOlderVersionPinned(ADMIN.username, ADMIN.password);
    expect(pinOf(ADMIN.username)).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(readFileSync(keyringPath(), 'utf8')).version).toBe(3);
    const info = (await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password })) as { user: { role: string }; keyNotice?: unknown };
    expect([info.user.role, info.keyNotice ?? null]).toEqual(['coordinator', null]);
    await t.call('auth.changePassword', { oldPassword: ADMIN.password, newPassword: ADMIN_NEXT });
    const pin = pinOf(ADMIN.username)!;
    expect(pin).toMatch(/^[0-9a-f]{64}:[0-9a-f]{64}$/);
    expect(pin.startsWith(pinParts(pin)!.fp)).toBe(true);
    // Written as version 4: a version-3 program refuses the file (LEDGER_TOO_NEW) rather than read the new pin as another key's.
    expect(JSON.parse(readFileSync(keyringPath(), 'utf8')).version).toBe(4);
  });

  // The exemption kept for older pins: a keyring with no link at all (keys last rotated by a version before links) lets
  // the routine reset of an away coordinator through. The same exemption is what CR1-Q's clerk still has against a real
  // coordinator whose pin is this old (links deleted by hand), until that coordinator's next password pins anew.
  it('an away coordinator pinned by an older version, no link in the keyring: the reset goes through; pinned anew, the same is refused', async () => {
    t = await openTestLedger();
    await t.sessionAs('coordinator', 'deputy');
    await t.raw('auth.lock', {}, 'deputy');
    asOlderVersionPinned('deputy', PASSWORD);
    await t.call('users.rotateKeys', rotating());
    writeKeyring(keyringPath(), { ...readKeyring(keyringPath()), coordinatorLineage: undefined });
    const deputy = getUserByName(t.core.services.ledger.handle(), 'deputy')!;
    expect(await t.raw('users.resetPassword', { id: deputy.id, password: 'deputy-init-1' })).toMatchObject({ ok: true });
    expect(pinOf('deputy')).toMatch(/^[0-9a-f]{64}:[0-9a-f]{64}$/);
    // Away again through a rotation whose links are then deleted: refused now (its pin names the public key).
    await t.call('users.rotateKeys', rotating(ADMIN_NEXT, 'correct-horse-3'));
    writeKeyring(keyringPath(), { ...readKeyring(keyringPath()), coordinatorLineage: undefined });
    expect(await t.raw('users.resetPassword', { id: deputy.id, password: 'deputy-init-2' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
