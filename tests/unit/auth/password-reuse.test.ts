/**
 * Issue 19, R1b: a password a holder had before is never accepted again as their new one, at every place one is set
 * (auth/password-reuse.ts), and a wrong try changes nothing. The attack itself (a put-back keyring after going back)
 * is in tests/unit/security/keyring-rollback.test.ts; the history's crypto in db/password-history.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring, writeKeyring, type Keyring } from '../../../electron/core/db/keyring';
import { type KeySlotV2 } from '../../../electron/core/db/keyslot';
import { MAX_RETIRED } from '../../../electron/core/db/password-history';
import { ADMIN, ADMIN_NEXT, openTestLedger, PASSWORD, rotating, type TestLedger } from '../../helpers/ledger';
import { leaveRotationDue } from '../../helpers/due-rotation';

let t: TestLedger;
beforeEach(async () => {
  t = await openTestLedger();
});
afterEach(() => t.close());

const keyringPath = () => join(t.dir, 'taizhang.keyring.json');
const slotOf = (name: string) => findSlot(readKeyring(keyringPath()), name) as KeySlotV2;
const userId = async (name: string) => (await t.call('users.list', {})).find((u) => u.username === name)!.id;

/** What a refused try must leave as it was: the keyring file, the users and the audit log. */
function snapshot(): unknown {
  const db = t.core.services.ledger.handle();
  return {
    keyring: readFileSync(keyringPath(), 'utf8'),
    users: db.prepare('SELECT id, username, role, disabled, must_change_password FROM users ORDER BY id').all(),
    audit: db.prepare('SELECT count(*) AS n FROM audit_log').get(),
  };
}

/** The call is refused with BAD_INPUT naming `field`, saying why, and nothing changes. */
async function refused(channel: string, input: unknown, field: string, sessionId = 'admin'): Promise<void> {
  const before = snapshot();
  const e = await t.fail(channel, input, sessionId);
  expect([e.code, e.details?.fields, e.message], channel).toEqual(['BAD_INPUT', [field], expect.stringContaining('以前用过的密码')]);
  expect(snapshot(), channel).toEqual(before);
}

describe('a password a holder had before is refused as their new one', () => {
  it('修改密码: the one before, and every earlier one the history carries; another is taken', async () => {
    await t.call('auth.changePassword', { oldPassword: ADMIN.password, newPassword: ADMIN_NEXT });
    await refused('auth.changePassword', { oldPassword: ADMIN_NEXT, newPassword: ADMIN.password }, 'newPassword');
    await t.call('auth.changePassword', { oldPassword: ADMIN_NEXT, newPassword: 'correct-horse-3' });
    await refused('auth.changePassword', { oldPassword: 'correct-horse-3', newPassword: ADMIN.password }, 'newPassword');
    await refused('auth.changePassword', { oldPassword: 'correct-horse-3', newPassword: ADMIN_NEXT }, 'newPassword');
    expect((await t.fail('auth.changePassword', { oldPassword: 'correct-horse-3', newPassword: 'correct-horse-3' })).message).toContain('与原密码相同');
    await t.call('auth.lock', {});
    expect((await t.call('auth.unlock', { username: ADMIN.username, password: 'correct-horse-3' })).keyNotice).toBeNull();
    expect(slotOf(ADMIN.username).retired).toHaveLength(2);
  });

  it('a rotation’s 新密码 (更换密钥, 停用, 改为只读查看): the password before is refused, no key changes', async () => {
    await t.sessionAs('clerk', 'leaver');
    await t.call('auth.changePassword', { oldPassword: ADMIN.password, newPassword: ADMIN_NEXT });
    const key = Buffer.from(t.core.services.ledger.currentKey());
    const leaver = await userId('leaver');
    await refused('users.rotateKeys', rotating(ADMIN_NEXT, ADMIN.password), 'newPassword');
    await refused('users.disable', { id: leaver, ...rotating(ADMIN_NEXT, ADMIN.password) }, 'newPassword');
    await refused('users.update', { id: leaver, role: 'viewer', ...rotating(ADMIN_NEXT, ADMIN.password) }, 'newPassword');
    expect(t.core.services.ledger.currentKey().equals(key)).toBe(true);
    // A rotation with a new one carries the history on: the one it retired and the one before are refused after it.
    await t.call('users.rotateKeys', rotating(ADMIN_NEXT, 'correct-horse-3'));
    for (const back of [ADMIN_NEXT, ADMIN.password]) await refused('auth.changePassword', { oldPassword: 'correct-horse-3', newPassword: back }, 'newPassword');
  });

  it('the due rotation’s step at sign-in (auth.finishRotation): the password before is refused, the rotation stays due', async () => {
    // viewer1 in the older layout holds the rotation off: the disable leaves it due.
    await leaveRotationDue(t);
    const ledger = t.core.services.ledger;
    expect((await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT })).rotationDue).not.toBeNull();
    const key = Buffer.from(ledger.currentKey());
    await refused('auth.finishRotation', rotating(ADMIN_NEXT, ADMIN.password), 'newPassword');
    expect([ledger.currentKey().equals(key), (await t.call('auth.whoami', {}))!.rotationDue]).toEqual([true, { reason: '停用了测试clerk' }]);
    expect(await t.call('auth.finishRotation', rotating(ADMIN_NEXT, 'correct-horse-3'))).toMatchObject({ rotated: true });
  });

  it('重设密码 and the first password after it: neither the user’s passwords before nor the initial one', async () => {
    await t.call('users.create', { username: 'liuxy', displayName: '刘晓燕', role: 'clerk', password: PASSWORD });
    await t.call('auth.unlock', { username: 'liuxy', password: PASSWORD }, 'liuxy');
    await t.call('auth.changePassword', { oldPassword: PASSWORD, newPassword: 'liu-own-1' }, 'liuxy');
    const liu = await userId('liuxy');
    // The coordinator may not hand them back one they had (the current one, or the initial one before it).
    for (const password of ['liu-own-1', PASSWORD]) await refused('users.resetPassword', { id: liu, password }, 'password');
    await t.call('users.resetPassword', { id: liu, password: 'initial-77' });
    await t.call('auth.unlock', { username: 'liuxy', password: 'initial-77' }, 'liuxy');
    // The reset slot carries the history of the slot it replaced: at the first-password step both are refused.
    for (const back of ['liu-own-1', PASSWORD]) await refused('auth.changePassword', { oldPassword: 'initial-77', newPassword: back }, 'newPassword', 'liuxy');
    await t.call('auth.changePassword', { oldPassword: 'initial-77', newPassword: 'liu-own-2' }, 'liuxy');
    await refused('auth.changePassword', { oldPassword: 'liu-own-2', newPassword: 'initial-77' }, 'newPassword', 'liuxy');
  });

  it('a promotion’s initial password and a recovery’s new password: not one the user had', async () => {
    await t.sessionAs('viewer', 'viewer1');
    await t.call('auth.changePassword', { oldPassword: PASSWORD, newPassword: 'viewer-own-1' }, 'viewer1');
    const id = await userId('viewer1');
    const promote = { id, role: 'clerk', initialPassword: PASSWORD, password: ADMIN.password };
    await refused('users.update', promote, 'initialPassword');
    await t.call('auth.lock', {}, 'viewer1');
    await refused('auth.recover', { username: 'viewer1', recoveryKey: t.recoveryKey, newPassword: PASSWORD }, 'newPassword', 'viewer1');
    await t.call('auth.recover', { username: 'viewer1', recoveryKey: t.recoveryKey, newPassword: 'viewer-own-2' }, 'viewer1');
    await refused('auth.changePassword', { oldPassword: 'viewer-own-2', newPassword: 'viewer-own-1' }, 'newPassword', 'viewer1');
  });
});

describe('where the history lives: inside the holder’s slot, bound to their password', () => {
  /** The coordinator after a rotation (ADMIN_NEXT, the history naming ADMIN.password), locked; then `edit` rewrites the keyring as the leaver can. */
  async function tampered(edit: (k: Keyring, own: KeySlotV2) => KeySlotV2): Promise<string> {
    await t.sessionAs('clerk', 'clerk1');
    const { recoveryKey } = await t.call('users.rotateKeys', rotating());
    await t.call('auth.changePassword', { oldPassword: PASSWORD, newPassword: 'clerk-own-2' }, 'clerk1');
    for (const s of ['admin', 'clerk1']) await t.call('auth.lock', {}, s);
    const k = readKeyring(keyringPath());
    const own = slotOf(ADMIN.username);
    expect(own.retired).toHaveLength(1);
    writeKeyring(keyringPath(), { ...k, slots: k.slots.map((s) => (s.name === ADMIN.username ? edit(k, own) : s)) });
    return recoveryKey!;
  }

  const cases: Array<[string, (k: Keyring, own: KeySlotV2) => KeySlotV2]> = [
    ['stripped', (_k, { retired: _gone, ...own }) => own],
    ['emptied', (_k, own) => ({ ...own, retired: [] })],
    ['swapped for another holder’s', (k, own) => ({ ...own, retired: (findSlot(k, 'clerk1') as KeySlotV2).retired! })],
    ['an entry’s salt changed', (_k, own) => ({ ...own, retired: own.retired!.map((e) => ({ ...e, salt: '00'.repeat(16) })) })],
  ];
  for (const [how, edit] of cases)
    it(`a history ${how} no longer opens with the current password (WRONG_PASSWORD), so it cannot be changed back through it`, async () => {
      await tampered(edit);
      expect((await t.fail('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT })).code).toBe('WRONG_PASSWORD');
      expect(t.core.services.sessions.get('admin')).toBeUndefined();
    });

  // The limit (electron/core/README.md "Password history"): a reset or a recovery cannot open the slot it replaces,
  // so it carries the checks it finds. After the leaver stripped them (the coordinator's own password then opens
  // nothing: the tell to restore a backup), a recovery to the password of before is taken.
  it('the limit: a recovery after the history was stripped carries what it finds, and the password of before is taken', async () => {
    const recoveryKey = await tampered((_k, { retired: _gone, ...own }) => own);
    const info = await t.call('auth.recover', { username: ADMIN.username, recoveryKey, newPassword: ADMIN.password });
    expect(info.user.username).toBe(ADMIN.username);
  });
});

describe('the history’s bound and the upgrade', () => {
  it(`carries the last ${MAX_RETIRED} passwords: the first comes back only after ${MAX_RETIRED} changes more (the stated bound)`, async () => {
    const passwords = Array.from({ length: MAX_RETIRED + 2 }, (_, n) => (n === 0 ? ADMIN.password : `correct-horse-${n + 10}`));
    for (let n = 1; n <= MAX_RETIRED; n++) await t.call('auth.changePassword', { oldPassword: passwords[n - 1]!, newPassword: passwords[n]! });
    expect(slotOf(ADMIN.username).retired).toHaveLength(MAX_RETIRED);
    await refused('auth.changePassword', { oldPassword: passwords[MAX_RETIRED]!, newPassword: ADMIN.password }, 'newPassword');
    await t.call('auth.changePassword', { oldPassword: passwords[MAX_RETIRED]!, newPassword: passwords[MAX_RETIRED + 1]! });
    expect(slotOf(ADMIN.username).retired).toHaveLength(MAX_RETIRED);
    expect(await t.call('auth.changePassword', { oldPassword: passwords[MAX_RETIRED + 1]!, newPassword: ADMIN.password })).toEqual({ changed: true });
  });

  it('a slot written without a history (as main wrote every slot) opens as before, and its first change starts one', async () => {
    const own = slotOf(ADMIN.username);
    // As main wrote it, and the coordinator key's pin a coordinator's slot carries since issue 19's CR1.
    expect(Object.keys(own).sort()).toEqual(['coordinatorPin', 'kdf', 'keys', 'name', 'pin', 'privateKey', 'publicKey', 'salt', 'v']);
    await t.call('auth.lock', {});
    expect((await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).keyNotice).toBeNull();
    await t.call('auth.changePassword', { oldPassword: ADMIN.password, newPassword: ADMIN_NEXT });
    expect(slotOf(ADMIN.username).retired).toHaveLength(1);
    await refused('auth.changePassword', { oldPassword: ADMIN_NEXT, newPassword: ADMIN.password }, 'newPassword');
  });
});
