/**
 * What the core tells a user about the key rules of issue 19 (auth/key-notice.ts, audit/anchor-unlock.ts
 * anchorFinding, auth/keys.ts keyStatus): a clerk whose slot holds no sensitive key learns why and what fixes
 * it, at sign-in and on a refused reveal or digit search; a coordinator signing in after the anchor was erased
 * is told the core's finding; 设置 → 用户 names changed slots, split into users and the recovery key.
 * Real ledgers; the keyring and the anchor changed on disk by the test, as someone with the files would.
 */
import { newRawPair } from '../../../electron/core/db/x25519';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isNoSensitiveKey } from '../../../electron/core/contract';
import { findSlot, RECOVERY_SLOT, type Keyring } from '../../../electron/core/db/keyring';
import type { KeySlotV2 } from '../../../electron/core/db/keyslot';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { lockedLedgerWithHistory } from '../../helpers/attacker';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger, rotating } from '../../helpers/ledger';
import { promoteByGrant } from '../../helpers/promote';

let t: TestLedger;
afterEach(() => t?.close());

const keyringPath = () => join(t.dir, 'taizhang.keyring.json');
function editSlot(name: string, change: (slot: KeySlotV2) => void): void {
  const k = JSON.parse(readFileSync(keyringPath(), 'utf8')) as Keyring;
  change(findSlot(k, name) as KeySlotV2);
  writeFileSync(keyringPath(), JSON.stringify(k, null, 2));
}
const adminUnlock = () => t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });

describe('a clerk whose slot holds no sensitive key', () => {
  it('waiting: told at sign-in and by whoami; reveal and a digit search say why, not 没有权限; after a holder signs in, the key is there', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    const communityId = (await t.call('org.communities.save', { name: '幸福社区' })).id;
    const idNumber = makeIdNumber('410102', '1985-03-12', 123);
    const rid = (await t.call('residents.save', { communityId, name: '李四', idNumber, phone: '13800138000' })).id;
    for (const s of ['clerk1', 'admin']) await t.call('auth.lock', {}, s);
    // The slot as a new user's is before any holder signed in: its public key vouched, the sensitive key not yet sealed to it.
    editSlot('clerk1', (slot) => delete slot.keys.sensitive);

    const info = await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    expect(info.user.role).toBe('viewer');
    expect(info.keyNotice).toMatchObject({ case: 'waiting', role: 'clerk' });
    expect(info.keyNotice!.message).toContain('您的账号（录入员）还没有拿到敏感信息密钥：请另一位统筹负责人或录入员登录一次，之后您重新登录即可。');
    expect((await t.call('auth.whoami', {}, 'clerk1'))!.keyNotice).toEqual(info.keyNotice);

    const reveal = await t.fail('residents.reveal', { residentId: rid, field: 'idNumber' }, 'clerk1');
    expect(reveal).toMatchObject({ code: 'FORBIDDEN', message: info.keyNotice!.message, details: { noSensitiveKey: 'waiting' } });
    expect(isNoSensitiveKey(reveal)).toBe(true);
    const digits = await t.fail('residents.list', { filter: { q: '4477' }, offset: 0, limit: 20 }, 'clerk1');
    expect(digits).toMatchObject({ code: 'FORBIDDEN', details: { noSensitiveKey: 'waiting', field: 'q' } });
    // A coordinator's channel stays the bare refusal: a clerk's role would not do either.
    expect(isNoSensitiveKey(await t.fail('users.list', {}, 'clerk1'))).toBe(false);

    await adminUnlock();
    await t.call('auth.lock', {}, 'clerk1');
    const again = await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    expect(again.user.role).toBe('clerk');
    expect(again.keyNotice).toBeNull();
    expect((await t.call('residents.reveal', { residentId: rid, field: 'idNumber' }, 'clerk1')).value).toBe(idNumber);
  });

  it('promoted: a viewer promoted before session 22 (the key granted to a slot pinning none) is told a reset fixes it; the reset does', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    await t.call('auth.changePassword', { oldPassword: PASSWORD, newPassword: 'viewer-own-pass-1' }, 'viewer1');
    await t.call('auth.lock', {}, 'viewer1');
    promoteByGrant(t, 'viewer1');
    const id = (await t.call('users.list', {})).find((u) => u.username === 'viewer1')!.id;

    const info = await t.call('auth.unlock', { username: 'viewer1', password: 'viewer-own-pass-1' }, 'viewer1');
    expect(info.keyNotice).toMatchObject({ case: 'promoted', role: 'clerk' });
    expect(info.keyNotice!.message).toContain('还需要统筹负责人在「设置 → 用户」为您重设一次密码，您用新密码登录后才能查看完整号码、登记或修改。');
    expect(await t.fail('residents.reveal', { residentId: 1, field: 'phone' }, 'viewer1')).toMatchObject({ details: { noSensitiveKey: 'promoted' } });

    await t.call('auth.lock', {}, 'viewer1');
    await t.call('users.resetPassword', { id, password: 'reset-by-admin-1' });
    const after = await t.call('auth.unlock', { username: 'viewer1', password: 'reset-by-admin-1' }, 'viewer1');
    expect(after).toMatchObject({ keyNotice: null, user: { role: 'clerk' } });
  });

  it('promoted, no key in the slot yet: a clerk made by a coordinator without the key is told a reset, not waiting, helps', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    await t.call('auth.lock', {}, 'viewer1');
    // As a clerk made from a session without the key leaves it: a role no holder vouched, a slot pinning none.
    const db = t.core.services.ledger.handle();
    db.prepare(`UPDATE users SET role = 'clerk' WHERE username = 'viewer1'`).run();
    const info = await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    expect(info.keyNotice).toMatchObject({ case: 'promoted', role: 'clerk' });
  });

  it('refused before any holder signed in: a slot no statement vouches for (made without the key) will be refused too', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    for (const s of ['clerk1', 'admin']) await t.call('auth.lock', {}, s);
    editSlot('clerk1', (slot) => delete slot.keys.sensitive);
    await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    // As a slot made without the key leaves it: no statement for clerk1, statements for the others.
    t.core.services.ledger.handle().prepare(`DELETE FROM slot_keys WHERE name = 'clerk1'`).run();
    await t.call('auth.lock', {}, 'clerk1');
    expect((await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1')).keyNotice).toMatchObject({ case: 'refused' });
  });

  it('a real viewer and a holder get no notice', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    await t.sessionAs('clerk', 'clerk1');
    expect((await t.call('auth.whoami', {}, 'viewer1'))!.keyNotice).toBeNull();
    expect((await t.call('auth.whoami', {}, 'clerk1'))!.keyNotice).toBeNull();
    const plain = await t.fail('residents.list', { filter: { q: '4477' }, offset: 0, limit: 20 }, 'viewer1');
    expect(plain).toMatchObject({ code: 'FORBIDDEN', message: '只读查看账号只能按姓名搜索。' });
    expect(isNoSensitiveKey(plain)).toBe(false);
  });
});

describe('an erased audit anchor, at a coordinator sign-in', () => {
  it("the unlock reply and whoami carry the core's finding, as audit.verify words it; a clerk is not told; a sound ledger says nothing", async () => {
    t = await lockedLedgerWithHistory();
    rmSync(join(t.dir, 'taizhang.anchor.json'));
    const info = await adminUnlock();
    expect(info.anchorFinding?.state).toBe('missing');
    expect(info.anchorFinding!.message).toContain('操作日志的锚点不见了');
    expect(info.anchorFinding!.message).toBe((await t.call('audit.verify', {})).anchor!.message);
    expect((await t.call('auth.whoami', {}))!.anchorFinding).toEqual(info.anchorFinding);
    const clerk = await t.sessionAs('clerk', 'clerk1');
    expect((await t.call('auth.whoami', {}, clerk))!.anchorFinding).toBeNull();
  });

  it('a sound anchor: no finding', async () => {
    t = await lockedLedgerWithHistory();
    expect((await adminUnlock()).anchorFinding).toBeNull();
  });
});

describe('设置 → 用户: changed slots by kind', () => {
  const swapPublicKey = (slot: KeySlotV2) => {
    slot.publicKey = newRawPair().pub.toString('hex');
    delete slot.keys.sensitive;
  };

  it('a user and the recovery key, each named where the fix is', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    for (const s of ['clerk1', 'admin']) await t.call('auth.lock', {}, s);
    editSlot('clerk1', swapPublicKey);
    editSlot(RECOVERY_SLOT, swapPublicKey);
    await adminUnlock();
    expect(await t.call('users.keyStatus', {})).toMatchObject({ changedUsers: ['测试clerk'], recoveryChanged: true });
    // The user's fix, a password reset, clears theirs only; the recovery key's is a new one (生成新的恢复密钥: a rotation, below).
    const clerk = (await t.call('users.list', {})).find((u) => u.username === 'clerk1')!;
    await t.call('users.resetPassword', { id: clerk.id, password: 'initial-pass-7' });
    expect(await t.call('users.keyStatus', {})).toMatchObject({ changedUsers: [], recoveryChanged: true, slotsChanged: ['恢复密钥'] });
  });

  // Session 21: a rotation makes the recovery slot afresh for a new recovery key (before: it dropped the unvouched one, recoveryExists false).
  it('a rotation replaces an unvouched recovery slot with a new recovery key: the status says it is there and vouched', async () => {
    t = await openTestLedger();
    await t.call('auth.lock', {});
    editSlot(RECOVERY_SLOT, swapPublicKey);
    await adminUnlock();
    expect((await t.call('users.keyStatus', {})).recoveryChanged).toBe(true);
    const rotated = await t.call('users.rotateKeys', { ...rotating() });
    expect(rotated.recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(await t.call('users.keyStatus', {})).toMatchObject({
      recoveryExists: true,
      recoveryChanged: false,
      recoveryHoldsSensitive: true,
      recoveryMissedRotation: false,
    });
  });
});
