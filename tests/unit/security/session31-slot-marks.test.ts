/**
 * Seventeenth attack run (session 31): the mark a slot someone else set carries (auth/slot-row.ts `auditHash`: the hash
 * of the audit row written with it; a slot whose row is not in the log opens nothing at its holder's unlock). The mark
 * is not sealed: whoever writes the files can add or strip it, as they can put any slot there (slot-row.ts says so).
 * What a file writer gets from it, tried here: a denial with the words of an unfinished reset, undone by the recovery
 * key, as deleting the slot would be. Held as designed (docs/security/attack-run-session31.md).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring, replaceSlot, writeKeyring, type KeySlot } from '../../../electron/core/db/keyring';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const keyringPath = () => join(t.dir, 'taizhang.keyring.json');
function markSlot(name: string, auditHash: string | undefined): void {
  const keyring = readKeyring(keyringPath());
  const { auditHash: _dropped, ...slot } = findSlot(keyring, name) as KeySlot & { auditHash?: string };
  writeKeyring(keyringPath(), replaceSlot(keyring, (auditHash === undefined ? slot : { ...slot, auditHash }) as KeySlot));
}

describe('the auditHash mark edited by a file writer', () => {
  it('a forged mark on the coordinator’s slot: the right password opens nothing (CONFLICT, the ledger closed); the recovery key sets a new one', async () => {
    t = await openTestLedger();
    await t.call('auth.lock', {});
    markSlot(ADMIN.username, 'f'.repeat(64));
    const e = await t.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect([e.code, e.message]).toEqual(['CONFLICT', expect.stringContaining('没有写完')]);
    expect([t.core.services.sessions.size(), t.core.services.ledger.isOpen()]).toEqual([0, false]);
    const info = await t.call('auth.recover', { username: ADMIN.username, recoveryKey: t.recoveryKey, newPassword: 'after-mark-5' });
    expect([info.user.role, info.keyNotice]).toEqual(['coordinator', null]);
  });

  it('a reset’s mark stripped: the password the coordinator set opens as before (the mark refuses only an unwritten row)', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    const clerk = (await t.call('users.list', {})).find((u) => u.username === 'clerk1')!;
    await t.call('users.resetPassword', { id: clerk.id, password: 'initial-from-admin' });
    expect(typeof (findSlot(readKeyring(keyringPath()), 'clerk1') as { auditHash?: unknown }).auditHash).toBe('string');
    await t.call('auth.lock', {});
    markSlot('clerk1', undefined);
    const info = await t.call('auth.unlock', { username: 'clerk1', password: 'initial-from-admin' }, 'clerk1');
    expect(info.user.mustChangePassword).toBe(true);
  });
});
