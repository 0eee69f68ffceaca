/**
 * A recovery slot pinned to no key (made anew without the sensitive key, its public key vouched as the program vouches
 * a slot it made), then given the key by the admin's next unlock (auth/keys.ts grantPendingKeys); every window of the
 * admin locked after. What auth.recover through it meets (tests/unit/auth/recover-unpinned.test.ts, and the session 37
 * attack run's notice). Returns the recovery key as typed.
 */
import { expect } from 'vitest';
import { vouchSlotKey } from '../../electron/core/auth/slot-keys';
import { findSlot, makeSlot, newRecoveryKey, normaliseRecoveryKey, RECOVERY_SLOT, replaceSlot } from '../../electron/core/db/keyring';
import { slotHoldsSensitive } from '../../electron/core/db/keyslot';
import { asWriteDb } from '../../electron/core/db/types';
import { ADMIN, TEST_KDF, type TestLedger } from './ledger';

export async function recoverySlotPinnedToNone(t: TestLedger): Promise<string> {
  const ledger = t.core.services.ledger;
  const secret = newRecoveryKey();
  const keyring = ledger.keyring();
  const slot = makeSlot(keyring.ledgerId, RECOVERY_SLOT, normaliseRecoveryKey(secret), { dbKey: ledger.currentKey(), sensitiveKey: null }, TEST_KDF);
  asWriteDb(ledger.handle()).transaction(() => vouchSlotKey(asWriteDb(ledger.handle()), ledger.sealer(), slot))();
  ledger.saveKeyring(replaceSlot(keyring, slot));
  await t.call('auth.lock', {});
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  expect(slotHoldsSensitive(findSlot(ledger.keyring(), RECOVERY_SLOT)!)).toBe(true);
  await t.call('auth.lock', {});
  expect(ledger.isOpen()).toBe(false);
  return secret;
}
