/**
 * A keyring as the versions before sealing wrote it: version 1, no keyId, every slot in the version-1 layout
 * wrapping the database key only. Removing the sensitive key from today's (version-2) slots is not that: it is
 * what a viewer can do to a sealed ledger (session 17 attack run, S1; db/keyring.ts keyedKeyring).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { findSlot, openSlotKeys, readKeyring, RECOVERY_SLOT, type Keyring } from '../../electron/core/db/keyring';
import { makeSlotV1 } from '../../electron/core/db/keyslot';
import { ADMIN, PASSWORD, TEST_KDF } from './ledger';

/** Each slot's secret in a test ledger: the admin's password, the recovery key, PASSWORD for everyone else. */
export const testSecrets =
  (recoveryKey: string) =>
  (name: string): string =>
    name === ADMIN.username ? ADMIN.password : name === RECOVERY_SLOT ? recoveryKey : PASSWORD;

/** Rewrites the keyring file at `path` as a version before sealing wrote it (the database key from the admin's slot). */
export function keyringBeforeSealing(path: string, secretOf: (name: string) => string): void {
  const keyring = JSON.parse(readFileSync(path, 'utf8')) as Keyring;
  const dbKey = openSlotKeys(keyring.ledgerId, findSlot(readKeyring(path), ADMIN.username)!, ADMIN.password)!.dbKey;
  const slots = keyring.slots.map((s) => makeSlotV1(s.name, secretOf(s.name), { dbKey, sensitiveKey: null }, TEST_KDF));
  const { keyId: _none, ...rest } = keyring;
  writeFileSync(path, JSON.stringify({ ...rest, version: 1, slots }, null, 2));
}
