/**
 * Pinned slots (db/keyslot.ts version 3; session 19, S6): the pin opens only with the holder's password and names
 * the key they held; a slot rewritten without the password (pin stripped, relabelled) says so instead of passing
 * for an unpinned one.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isPinned, makeSlot, openSlot, openSlotKeys, pinNames, pinSlot, sealKeyToSlot, type KeySlotV2 } from '../../../electron/core/db/keyslot';
import { TEST_KDF } from '../../helpers/ledger';

const LEDGER = 'ledger-1';
const keys = () => ({ dbKey: randomBytes(32), sensitiveKey: randomBytes(32) });
const open = (slot: KeySlotV2, secret = 'pw-1') => {
  const o = openSlot(LEDGER, slot, secret);
  o?.kek.fill(0);
  return o;
};
/** Session 18's layout (nothing pinned), as the previous version wrote its slots. */
const OLDER_LAYOUT = { writeVersion: 2 } as const;
const olderSlot = (k: ReturnType<typeof keys>) => makeSlot(LEDGER, 'a', 'pw-1', k, TEST_KDF, k.sensitiveKey, [], OLDER_LAYOUT);

describe('pinned slots', () => {
  it('a new slot pins the sensitive key it holds; a viewer slot pins none; a wrong password opens nothing', () => {
    const k = keys();
    const holder = makeSlot(LEDGER, 'a', 'pw-1', k, TEST_KDF);
    expect(isPinned(holder)).toBe(true);
    const opened = open(holder)!;
    expect(pinNames(opened.pin!, k.sensitiveKey)).toBe(true);
    expect(pinNames(opened.pin!, randomBytes(32))).toBe(false);
    expect(open(makeSlot(LEDGER, 'v', 'pw-1', { dbKey: k.dbKey, sensitiveKey: null }, TEST_KDF))!.pin).toBeNull();
    expect(open(holder, 'pw-2')).toBeNull();
  });

  it('a key sealed in by anyone opens, but the pin still names the one the holder held', () => {
    const k = keys();
    const chosen = randomBytes(32);
    const slot = sealKeyToSlot(LEDGER, makeSlot(LEDGER, 'a', 'pw-1', k, TEST_KDF), 'sensitive', chosen);
    const opened = open(slot)!;
    expect(opened.sensitiveKey!.equals(chosen)).toBe(true);
    expect(pinNames(opened.pin!, chosen)).toBe(false);
  });

  it('the pin stripped, or the slot relabelled either way: broken, never unpinned; openSlotKeys then drops the key', () => {
    const k = keys();
    const slot = makeSlot(LEDGER, 'a', 'pw-1', k, TEST_KDF);
    const { pin: _stripped, ...bare } = slot;
    for (const rewritten of [bare, { ...bare, v: 2 as const }]) {
      expect(open(rewritten)).toMatchObject({ pinBroken: true });
      expect(openSlotKeys(LEDGER, rewritten, 'pw-1')!.sensitiveKey).toBeNull();
    }
    const older = olderSlot(k);
    expect(open(older)!.pin).toBeUndefined();
    expect(open({ ...older, v: 3, pin: slot.pin })).toMatchObject({ pinBroken: true });
  });

  it('pinSlot turns a version-2 slot into a pinned one with the unlock’s wrapping key, keeping its key pair and keys', () => {
    const k = keys();
    const older = olderSlot(k);
    const o = openSlot(LEDGER, older, 'pw-1')!;
    const pinned = pinSlot(LEDGER, older, o.kek, k.sensitiveKey)!;
    o.kek.fill(0);
    expect(pinned.publicKey).toBe(older.publicKey);
    const again = open(pinned)!;
    expect(pinNames(again.pin!, k.sensitiveKey)).toBe(true);
    expect(again.dbKey.equals(k.dbKey)).toBe(true);
  });
});
