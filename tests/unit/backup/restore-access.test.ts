/**
 * Keys after a restore (issue 19 item 4): a backup carries the keyring of its
 * day. Restoring one made before a user was disabled (or made a viewer) must
 * not give their password its way back in, and the keys of that day are
 * replaced at the coordinator's next unlock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring } from '../../../electron/core/db/keyring';
import { openSlotKeys, slotHoldsSensitive } from '../../../electron/core/db/keyslot';
import { openEncrypted } from '../../../electron/core/db/open';
import { ADMIN, ADMIN_NEXT, PASSWORD, openTestLedger, type TestLedger, rotating } from '../../helpers/ledger';
import { openBackupDb, resign } from './tamper';

let t: TestLedger;
let stick: string;
beforeEach(async () => {
  t = await openTestLedger();
  stick = mkdtempSync(join(tmpdir(), 'taizhang-stick-'));
});
afterEach(() => {
  t.close();
  rmSync(stick, { recursive: true, force: true });
});

const userNamed = async (name: string) => (await t.call('users.list', {})).find((u) => u.username === name)!;
const keyringNow = () => readKeyring(join(t.dir, 'taizhang.keyring.json'));

describe('restore keeps who may open the ledger', () => {
  it('a user disabled since the backup stays disabled, their password opens nothing, and the keys of that day stop working', async () => {
    await t.sessionAs('clerk', 'leaver');
    await t.sessionAs('clerk', 'demoted');
    await t.call('org.communities.save', { name: '幸福社区' });
    const b = await t.call('backup.create', { folder: stick });
    // The database key of the backup's day, as the leaver could have kept it.
    const backupKeyring = readKeyring(join(b.path, 'taizhang.keyring.json'));
    const keptKey = openSlotKeys(backupKeyring.ledgerId, findSlot(backupKeyring, 'leaver')!, PASSWORD)!.dbKey;

    await t.call('users.disable', { id: (await userNamed('leaver')).id, ...rotating() });
    await t.call('users.update', { id: (await userNamed('demoted')).id, role: 'viewer', ...rotating(ADMIN_NEXT, 'correct-horse-3') });
    expect(keyringNow().keyId).not.toBe(backupKeyring.keyId);

    // The backup predates the rotation: its keys open with the coordinator's password of that day.
    const r = await t.call('backup.restore', { path: b.path, password: ADMIN.password, confirm: true });
    expect(r.notes.join('')).toContain('自动更换密钥');
    expect(r.notes.join('')).toContain('测试clerk');
    expect(findSlot(keyringNow(), 'leaver')).toBeUndefined();
    expect(slotHoldsSensitive(findSlot(keyringNow(), 'demoted')!)).toBe(false);

    const refused = await t.fail('auth.unlock', { username: 'leaver', password: PASSWORD }, 'leaver');
    expect(refused.code).toBe('WRONG_PASSWORD');

    // The coordinator's unlock stops at 设置新密码 and runs the rotation the restore left due once they set one.
    expect((await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).rotationDue).not.toBeNull();
    await t.call('auth.finishRotation', rotating());
    expect(await userNamed('leaver')).toMatchObject({ disabled: true });
    expect(await userNamed('demoted')).toMatchObject({ role: 'viewer', disabled: false });
    const status = await t.call('users.keyStatus', {});
    expect(status.rotationDue).toBeNull();
    expect(status.lastRotatedAt).not.toBeNull();
    expect(keyringNow().keyId).not.toBe(backupKeyring.keyId);
    expect(() => openEncrypted(join(t.dir, 'taizhang.db'), keptKey).prepare('SELECT count(*) FROM audit_log').get()).toThrow();
    expect((await t.call('org.communities.list', {})).map((c) => c.name)).toContain('幸福社区');
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true, anchor: { state: 'ok' } });
    // The demoted user still opens the ledger, as a viewer.
    await t.call('auth.unlock', { username: 'demoted', password: PASSWORD }, 'demoted');
    expect((await t.call('auth.whoami', {}, 'demoted'))?.user.role).toBe('viewer');
  });

  it('a backup from an older schema (before users.role_sealed) is brought up to date before the disabled user is kept out', async () => {
    await t.sessionAs('clerk', 'leaver');
    const b = await t.call('backup.create', { folder: stick });
    const copy = openBackupDb(b.path, Buffer.from(t.core.services.ledger.currentKey()));
    copy.exec(`ALTER TABLE users DROP COLUMN role_sealed; DELETE FROM schema_migrations WHERE version = 31;`);
    copy.close();
    resign(b.path, Buffer.from(t.core.services.ledger.currentKey()));
    await t.call('users.disable', { id: (await userNamed('leaver')).id, ...rotating() });
    const r = await t.call('backup.restore', { path: b.path, password: ADMIN.password, confirm: true });
    expect(r.notes.join('')).toContain('自动更换密钥');
    expect((await t.fail('auth.unlock', { username: 'leaver', password: PASSWORD }, 'leaver')).code).toBe('WRONG_PASSWORD');
    expect((await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).rotationDue).not.toBeNull();
    await t.call('auth.finishRotation', rotating());
    expect(await userNamed('leaver')).toMatchObject({ disabled: true });
  });

  it('a backup that already agrees with the ledger restores without notes or a rotation', async () => {
    await t.sessionAs('clerk', 'clerk1');
    const b = await t.call('backup.create', { folder: stick });
    const r = await t.call('backup.restore', { path: b.path, confirm: true });
    expect(r.notes).toEqual([]);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect((await t.call('users.keyStatus', {})).rotationDue).toBeNull();
    await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
  });
});
