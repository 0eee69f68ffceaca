/**
 * The twenty-third attack run (session 37) on session 36's slot damage screen (db/slot-damage.ts: ACCOUNT_KEY_DAMAGED,
 * 「这个账号的密钥无法打开」): viewer1, offline with the files, damages the only coordinator's slot so the screen sends
 * the coordinator down the recovery key's path. What that path leaves: the keys, the coordinator key (sealed only into
 * coordinator slots), the notices.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring, replaceSlot, writeKeyring } from '../../../electron/core/db/keyring';
import type { KeySlotV2 } from '../../../electron/core/db/keyslot';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const RECOVERED = 'recovered-pass-1';

describe('the only coordinator’s slot damaged by a viewer, then the recovery key', () => {
  it('held: the screen sends them to the recovery key; afterwards the coordinator holds every key, nothing left owed, the others as before', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    await t.sessionAs('clerk', 'clerk1');
    await t.call('org.communities.save', { name: '和平社区' });
    for (const s of ['viewer1', 'clerk1', 'admin']) await t.call('auth.lock', {}, s);
    const path = join(t.dir, 'taizhang.keyring.json');
    const keyring = readKeyring(path);
    const slot = findSlot(keyring, ADMIN.username) as KeySlotV2;
    // A hex digit of the sealed database key's ephemeral key made another character (session 19's T2).
    writeKeyring(path, replaceSlot(keyring, { ...slot, keys: { ...slot.keys, db: { ...slot.keys.db, epk: `'${slot.keys.db.epk.slice(1)}` } } }));
    const e = await t.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(e).toMatchObject({ code: 'ACCOUNT_KEY_DAMAGED', details: { accountKeyDamaged: 'recovery' } });
    const info = await t.call('auth.recover', { username: ADMIN.username, recoveryKey: t.recoveryKey, newPassword: RECOVERED }, 'rescuer');
    expect(info).toMatchObject({ user: { role: 'coordinator' }, keyNotice: null, anchorFinding: null, keyHistory: null });
    expect(await t.call('users.keyStatus', {}, 'rescuer')).toMatchObject({
      recoveryHoldsSensitive: true,
      slotsChanged: [],
      unconfirmedCoordinators: [],
      unvouchedRoles: [],
      rotationDue: null,
    });
    expect(((await t.call('org.communities.list', {}, 'rescuer')) as Array<{ name: string }>).map((c) => c.name)).toContain('和平社区');
    await t.call('auth.lock', {}, 'rescuer');
    expect((await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1')).user.role).toBe('clerk');
    expect((await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1')).user.role).toBe('viewer');
    expect((await t.call('auth.unlock', { username: ADMIN.username, password: RECOVERED })).keyNotice).toBeNull();
  }, 60_000);
});
