/**
 * The spoiled recovery sheet of session 38's S38-A2 case, shared by the files that attack what follows it
 * (session38-recovery-note, session39-recovery-slot-gone): a rotation shows and notes the recovery slot, then a key of
 * someone's choosing is sealed into that slot by its public key (the keyring file, the same PC account), so the printed
 * sheet opens the file but gives no sensitive key.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { RECOVERY_SHEET_SHOWN } from '../../../electron/core/auth/unseen-recovery-sheet';
import { findSlot, RECOVERY_SLOT, replaceSlot } from '../../../electron/core/db/keyring';
import { sealKeyToSlot, type KeySlotV2 } from '../../../electron/core/db/keyslot';
import { readMeta } from '../../../electron/core/db/ledger-files';
import { openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { offline } from './swap-helpers';

/** A rotation (its reply shows the sheet, the note written), the note copied offline, the slot given a chosen key. */
export async function sheetShownThenSpoiled(): Promise<{ t: TestLedger; recoveryKey: string; note: string }> {
  const t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  await t.sessionAs('clerk', 'clerk1');
  for (const s of ['viewer1', 'clerk1']) await t.call('auth.lock', {}, s);
  const { recoveryKey } = await t.call('users.rotateKeys', rotating());
  await t.call('auth.lock', {});
  let note: string | null = null;
  offline(t, (db) => (note = readMeta(db, RECOVERY_SHEET_SHOWN)));
  expect(note).not.toBeNull();
  const ledger = t.core.services.ledger;
  const keyring = ledger.keyring();
  const slot = findSlot(keyring, RECOVERY_SLOT) as KeySlotV2;
  ledger.saveKeyring(replaceSlot(keyring, sealKeyToSlot(keyring.ledgerId, slot, 'sensitive', randomBytes(32))));
  return { t, recoveryKey: recoveryKey!, note: note! };
}

/** 用恢复密钥重设密码 for clerk1 in a window of its own; whether it held the sensitive key. */
export async function recoverClerk(t: TestLedger, recoveryKey: string, newPassword: string): Promise<boolean> {
  await t.call('auth.recover', { username: 'clerk1', recoveryKey, newPassword }, 'rescuer');
  const sensitive = t.core.services.sessions.get('rescuer')!.sensitive;
  await t.call('auth.lock', {}, 'rescuer');
  return sensitive;
}
