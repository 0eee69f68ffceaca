/**
 * Slots' public keys vouched for with the sensitive key (migration 064; session 15 attack run, K1). Sealing a
 * key to a slot needs only the slot's public key, which is in clear in a file anyone who can reach the ledger
 * folder can rewrite: with the recovery slot's (or a clerk's) public key replaced by their own, a viewer was
 * handed the sensitive key at the next holder's unlock, or both new keys at a rotation. So a key goes only to a
 * slot whose public key matches the statement here (its name and public key, sealed under the sensitive key):
 * written by a session holding that key whenever a slot is made or replaced (setup, create user, reset,
 * password change, recovery, a new recovery key) and for the unlocking user's own slot (it opened with their
 * password, so it is theirs). Rotation re-seals the statements with the other sealed columns (sealed-users.ts).
 *
 * A ledger from before: at the first unlock by a holder whose slot still has the older layout
 * (db/keyslot.ts `legacyLayout`) while no statement opens, the public keys in the keyring are vouched as they
 * are: trust on first use, written into the audit log (auth/keys.ts `vouchKeysOnUpgrade`).
 */
import type { Sealer } from '../db/sealer';
import type { ReadDb, WriteDb } from '../db/types';
import { isV2, type KeySlot, type KeySlotV2 } from '../db/keyslot';
import { pinParts } from '../db/coordinator-pin';
import { SLOT_KEY_PURPOSE } from './sealed-users';
import { usernameKey } from './username.shared';

/** vouched: the public key is the one a holder vouched for; changed: another (or a statement that does not open); unknown: none written. */
export type SlotKeyVerdict = 'vouched' | 'changed' | 'unknown';

/**
 * Said in the statement of a slot whose coordinator pin names the key's signing public key (`fp:pub`, this version's
 * pin): the record PH2-P1 needed. The pin is in clear and whoever resets its away holder cannot check it (no
 * password); cut down by hand to `fp` alone it took the exemption older pins keep (auth/coordinator-key.ts
 * refuseKeyNotFromPin). A statement without it: a slot vouched before session 31, or holding no such pin.
 */
const PIN_PUB = 'pin:pub';

const statement = (slot: KeySlotV2): string => {
  const said = [usernameKey(slot.name), slot.publicKey];
  return JSON.stringify(pinParts(slot.coordinatorPin)?.pub ? [...said, PIN_PUB] : said);
};

/** The statement about `name` as a holder sealed it: [name, public key, PIN_PUB?]; null when none opens. */
function statementOf(db: ReadDb, sealer: Sealer, name: string): unknown[] | null {
  const row = db.prepare(`SELECT key_sealed AS sealed FROM slot_keys WHERE name = @name`).get({ name: usernameKey(name) }) as { sealed: Buffer } | undefined;
  if (!row) return null;
  try {
    const said = JSON.parse(sealer.open(SLOT_KEY_PURPOSE, row.sealed)) as unknown;
    return Array.isArray(said) && said[0] === usernameKey(name) ? said : null;
  } catch {
    return null;
  }
}

const putStatement = (w: WriteDb, name: string, sealed: Buffer): void => {
  w.prepare(`INSERT INTO slot_keys (name, key_sealed) VALUES (@name, @sealed) ON CONFLICT(name) DO UPDATE SET key_sealed = excluded.key_sealed`).run({
    name,
    sealed,
  });
};

/** Vouches for the slot's public key as it is now; nothing without the key (the slot stays unknown). */
export function vouchSlotKey(w: WriteDb, sealer: Sealer | null, slot: KeySlot): void {
  if (!sealer || !isV2(slot)) return;
  putStatement(w, usernameKey(slot.name), sealer.seal(SLOT_KEY_PURPOSE, statement(slot)));
}

/** The statements about `names` as stored (sealed, or none), to put back exactly when a rotation is undone (keys/rotation.ts `vouchNew`). */
export function storedSlotKeys(db: ReadDb, names: readonly string[]): Array<{ name: string; sealed: Buffer | null }> {
  const get = db.prepare(`SELECT key_sealed AS sealed FROM slot_keys WHERE name = @name`);
  return names.map((n) => ({ name: usernameKey(n), sealed: (get.get({ name: usernameKey(n) }) as { sealed: Buffer } | undefined)?.sealed ?? null }));
}

export function putBackSlotKeys(w: WriteDb, stored: ReadonlyArray<{ name: string; sealed: Buffer | null }>): void {
  for (const { name, sealed } of stored) {
    if (sealed === null) forgetSlotKey(w, name);
    else putStatement(w, name, sealed);
  }
}

/** A slot made without the key (a viewer's own password change): its old statement would name a key it no longer has. */
export function forgetSlotKey(w: WriteDb, name: string): void {
  w.prepare(`DELETE FROM slot_keys WHERE name = @name`).run({ name: usernameKey(name) });
}

export function slotKeyVerdict(db: ReadDb, sealer: Sealer, slot: KeySlot): SlotKeyVerdict {
  const row = db.prepare(`SELECT 1 FROM slot_keys WHERE name = @name`).get({ name: usernameKey(slot.name) });
  if (!row) return 'unknown';
  if (!isV2(slot)) return 'changed';
  // The public key alone: the pin's form is another question (pinPubVouched).
  return statementOf(db, sealer, slot.name)?.[1] === slot.publicKey ? 'vouched' : 'changed';
}

/**
 * Whether the last slot a holder vouched for under `name` carried a pin naming the signing public key (PH2-P1): a pin
 * of the fingerprint alone in that user's slot now was cut down by hand (no version writes one into a keyring that
 * has such pins). Whatever the slot's public key is now: a reset makes the slot anew anyway.
 */
export function pinPubVouched(db: ReadDb, sealer: Sealer | null, name: string): boolean {
  return sealer !== null && statementOf(db, sealer, name)?.[2] === PIN_PUB;
}

/** Whether any statement opens: once one does, the upgrade's trust on first use never runs again. */
export function anySlotKeyVouched(db: ReadDb, sealer: Sealer): boolean {
  for (const { sealed } of db.prepare(`SELECT key_sealed AS sealed FROM slot_keys`).all() as Array<{ sealed: Buffer }>) {
    try {
      sealer.open(SLOT_KEY_PURPOSE, sealed);
      return true;
    } catch {
      // Not sealed by a holder: keep looking.
    }
  }
  return false;
}
