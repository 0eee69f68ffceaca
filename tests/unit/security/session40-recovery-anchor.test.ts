/**
 * The twenty-sixth attack run (session 40) on S40-A1's fix (db/recovery-slot-witness.ts): the audit anchor carries the
 * recovery slot as the program left it, and a keyed sign-in and 密钥 say when the keyring holds another. The anchor is
 * MACed under the sensitive key, so a viewer cannot write one; but an anchor with no digest "takes the slot as it finds
 * it" (a ledger from before this version), and the anchor file sits beside the keyring, where the same PC account
 * deletes it. Tried: the slot spoiled and the anchor deleted (or junked) together, every window locked.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RECOVERY_SLOT_ALTERED_WORDS } from '../../../electron/core/auth/recovery-notice.shared';
import { findSlot, readKeyring, RECOVERY_SLOT, replaceSlot, writeKeyring } from '../../../electron/core/db/keyring';
import type { KeySlotV2 } from '../../../electron/core/db/keyslot';
import { ADMIN, ADMIN_NEXT, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const keyringPath = (): string => join(t.dir, 'taizhang.keyring.json');
const anchorPath = (): string => join(t.dir, 'taizhang.anchor.json');
const junk = (hex: string): string => ((parseInt(hex.slice(0, 2), 16) ^ 0xff).toString(16).padStart(2, '0') + hex.slice(2)).slice(0, hex.length);

/** A ledger with clerk1 whose 更换密钥 showed the office a new sheet; every window locked. */
async function sheetShown(): Promise<void> {
  t = await openTestLedger();
  await t.sessionAs('clerk', 'clerk1');
  await t.call('auth.lock', {}, 'clerk1');
  await t.call('users.rotateKeys', rotating());
  await t.call('auth.lock', {});
}

/** The slot's wrapped private key junked in the file, its public key kept. */
function spoilSlot(): void {
  const keyring = readKeyring(keyringPath());
  const slot = findSlot(keyring, RECOVERY_SLOT) as KeySlotV2;
  writeKeyring(keyringPath(), replaceSlot(keyring, { ...slot, privateKey: { ...slot.privateKey, wrapped: junk(slot.privateKey.wrapped) } }));
}

/** The coordinator's sign-in (the sheet notice, the anchor's finding, 密钥's flag), one write, then locked. */
async function coordinatorSees(): Promise<{ notice: string | null; altered: boolean; anchor: unknown }> {
  const info = (await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT })) as unknown as {
    recoverySheetUnseen: string | null;
    anchorFinding: { state: string } | null;
  };
  const s = (await t.call('users.keyStatus', {})) as unknown as { recoverySlotAltered: boolean };
  await t.call('org.communities.save', { name: `社区${Math.random().toString(36).slice(2, 6)}` });
  await t.call('auth.lock', {});
  return { notice: info.recoverySheetUnseen, altered: s.recoverySlotAltered, anchor: info.anchorFinding?.state ?? null };
}

describe('the recovery slot spoiled and the anchor taken away with it', () => {
  // S40-A2 (low; S40-A1's fix narrowed), fixed: the slot's digest lives in the anchor, and `recoverySlotAlteredNow` said
  // nothing when the anchor file was not a sound anchor. The same PC account spoiled the slot and deleted (or junked)
  // taizhang.anchor.json with it: every sign-in said the anchor was missing (or unreadable) and advised a restore, but not
  // that the office's sheet may open nothing. Now a keyed ledger whose anchor cannot vouch for the slot says both.
  for (const [how, takeAway, state] of [
    ['deleted', () => rmSync(anchorPath()), 'missing'],
    ['junked', () => writeFileSync(anchorPath(), '{}'), 'unreadable'],
  ] as const) {
    it(`S40-A2: the anchor ${how} with it: every sign-in says the slot may be altered, beside the anchor's finding`, async () => {
      await sheetShown();
      spoilSlot();
      takeAway();
      const first = await coordinatorSees();
      const second = await coordinatorSees();
      expect([first.anchor, second.anchor]).toEqual([state, state]);
      expect([first.altered, second.altered]).toEqual([true, true]);
      expect([first.notice, second.notice]).toEqual([RECOVERY_SLOT_ALTERED_WORDS, RECOVERY_SLOT_ALTERED_WORDS]);
    }, 60_000);
  }
});
