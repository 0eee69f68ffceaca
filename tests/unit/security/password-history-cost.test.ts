/**
 * Ninth attack run (docs/security/attack-run-session23.md, H1), on R1b's fix (w39-r1b): each slot carries checks of
 * its holder's earlier passwords (db/password-history.ts), and a new password is run against every check the slot
 * holds, one scrypt each. A new slot keeps five (MAX_RETIRED), but the scan reads as many as the keyring holds. A
 * viewer who can reach the ledger folder re-makes their own slot with their own password and thousands of checks
 * (the keyring may be 4 MB: about 13,000 of 308 bytes), at parameters up to twice the default's work each. Their next 修改密码
 * held the core, every window waiting, one scrypt per check: 100 checks took 45 s at load 13. The same happened to a
 * coordinator's 重设密码 or a recovery of a slot the leaver stuffed. Counted here, not timed. Fixed by the lead:
 * `passwordChecks` reads at most MAX_RETIRED of them (red before: 43 runs).
 */
import * as crypto from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findSlot, openSlotKeys, readKeyring, writeKeyring } from '../../../electron/core/db/keyring';
import { makeSlot, type KeySlotV2 } from '../../../electron/core/db/keyslot';
import { MAX_RETIRED, passwordChecks } from '../../../electron/core/db/password-history';
import { PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';

vi.mock('node:crypto', async (original) => {
  const real = await original<typeof import('node:crypto')>();
  return { ...real, scryptSync: vi.fn(real.scryptSync) };
});
const scryptRuns = crypto.scryptSync as unknown as ReturnType<typeof vi.fn>;

let t: TestLedger;
afterEach(() => t?.close());

/** Offline, with the viewer's own password: their slot made anew with `count` checks of made-up passwords. */
function stuffOwnSlot(count: number): void {
  const path = join(t.dir, 'taizhang.keyring.json');
  const keyring = readKeyring(path);
  const own = findSlot(keyring, 'viewer1') as KeySlotV2;
  const keys = openSlotKeys(keyring.ledgerId, own, PASSWORD)!;
  const check = passwordChecks(keyring.ledgerId, own)[0]!;
  const checks = Array.from({ length: count }, (_, n) => ({ ...check, salt: n.toString(16).padStart(32, '0') }));
  const stuffed = makeSlot(keyring.ledgerId, 'viewer1', PASSWORD, keys, own.kdf, null, checks);
  writeKeyring(path, { ...keyring, slots: keyring.slots.map((s) => (s.name === 'viewer1' ? stuffed : s)) });
}

describe('a password history stuffed into a slot', () => {
  it(`a new password costs at most ${MAX_RETIRED} checks beside the current one, however many the slot holds (H1)`, async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    await t.call('auth.lock', {}, 'viewer1');
    stuffOwnSlot(40);
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    scryptRuns.mockClear();
    expect(await t.call('auth.changePassword', { oldPassword: PASSWORD, newPassword: 'viewer-own-2' }, 'viewer1')).toEqual({ changed: true });
    // The old password, the current slot's own check, five checks, the new slot: MAX_RETIRED + 3 (43 before the fix).
    expect(scryptRuns.mock.calls.length).toBeLessThanOrEqual(MAX_RETIRED + 3);
  });
});
