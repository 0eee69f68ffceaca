/**
 * The nineteenth attack run (session 33): the retired sensitive keys' list (meta `sensitive_key_history`, sealed under
 * today's key, keys/key-history.ts) is read inside every rotation's transaction, and meta is written with the database
 * key alone. A user about to be disabled (here a viewer, who holds the database key) who damages it offline: does 停用
 * still retire the key they saved? S33-A6: no. The rotation fails inside its transaction (LEDGER_DAMAGED, undone), the
 * user stays disabled, no rotation is left owed, and every later 更换密钥 fails the same way until a backup is restored.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rotationTestHooks } from '../../../electron/core/auth/keys';
import { findSlot, openSlotKeys, readKeyring } from '../../../electron/core/db/keyring';
import { ADMIN, PASSWORD, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { offline } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

describe('S33-A6: the key history damaged offline', () => {
  // S33-A6, fixed by w51-keys (keys/rotation.ts retiredBefore: the list started afresh, audited). Was it.fails: red at
  // the first expect (LEDGER_DAMAGED, nothing rotated).
  it('停用 of the viewer who damaged it still retires the database key they saved', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await t.sessionAs('viewer', 'viewer1');
    // One rotation first, so the ledger has a history to damage (a fresh ledger has none).
    await t.call('users.rotateKeys', { ...rotating() });
    const k = readKeyring(join(t.dir, 'taizhang.keyring.json'));
    const saved = Buffer.from(openSlotKeys(k.ledgerId, findSlot(k, 'viewer1')!, PASSWORD)!.dbKey);
    for (const s of ['clerk1', 'viewer1', 'admin']) await t.call('auth.lock', {}, s);
    offline(t, (db) => db.prepare(`UPDATE meta SET value = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE key = 'sensitive_key_history'`).run());
    await t.call('auth.unlock', { username: ADMIN.username, password: 'correct-horse-2' });
    const viewer = (await t.call('users.list', {})).find((u) => u.username === 'viewer1')!.id;
    const r = await t.raw('users.disable', { id: viewer, password: 'correct-horse-2', newPassword: 'correct-horse-3', newPasswordAgain: 'correct-horse-3' });
    // Red: LEDGER_DAMAGED 「加密保存的「meta.sensitive_key_history」格式不正确…请从备份恢复」, the viewer disabled all the
    // same, no rotation owed (keyStatus.rotationDue null), and every later 更换密钥 refused the same way.
    expect(r.ok === false ? r.error.code : 'ok').not.toBe('INTERNAL');
    expect((await t.call('users.list', {})).find((u) => u.username === 'viewer1')!.disabled).toBe(true);
    expect(t.core.services.ledger.currentKey().equals(saved)).toBe(false);
    // Not silently: the rotation's row says the list was started afresh; nothing left owed.
    const rows = (await t.call('audit.list', { filter: { channel: 'keys.rotate' }, offset: 0, limit: 5 })).rows.map((row) => JSON.parse(row.after!));
    expect(rows.find((a) => a.keysRotated === 'started')).toMatchObject({ keyHistoryDamaged: true });
    expect((await t.call('users.keyStatus', {})).rotationDue).toBeNull();
  });

  // S33-A6's second half: whatever stops the rotation after the user is disabled, it is left owed (it was left
  // undone, nothing owed: red at rotationDue null).
  it('a 停用 whose rotation fails leaves it owed: the user disabled, the failure said, the next coordinator sign-in asked to run it', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    const viewer = (await t.call('users.list', {})).find((u) => u.username === 'viewer1')!.id;
    const key = Buffer.from(t.core.services.ledger.currentKey());
    rotationTestHooks.faults = {
      afterRekey: () => {
        throw new Error('injected');
      },
    };
    try {
      expect((await t.fail('users.disable', { id: viewer, ...rotating() })).code).toBe('INTERNAL');
    } finally {
      rotationTestHooks.faults = null;
    }
    expect((await t.call('users.list', {})).find((u) => u.username === 'viewer1')!.disabled).toBe(true);
    expect(t.core.services.ledger.currentKey().equals(key)).toBe(true);
    expect((await t.call('users.keyStatus', {})).rotationDue).toMatchObject({ reason: expect.stringContaining('停用') });
  });
});
