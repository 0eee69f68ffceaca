/**
 * The twentieth attack run (session 34) on S33-A6's fix (25aeb11f: a key history that does not open is started afresh
 * at the next rotation, audited `keyHistoryDamaged`). Can a viewer set that off on purpose, and is it said?
 *
 * S34-A5: yes, and it is said only in the rotation's audit row. Offline with viewer1's database key, after one
 * rotation: meta `sensitive_key_history` overwritten with junk. The coordinator's unlock says nothing (keyNotice,
 * anchorFinding null; 审计核对 intact), 设置 › 用户 › 密钥 says nothing; 更换密钥 answers `rotated` and nothing else.
 * After it every audit payload sealed under a retired key is gone for good (audit.reveal: 「…无法解开…请从备份恢复」),
 * the details of what was done before the last rotation erased by the one who may have done it. Before the rotation
 * audit.reveal said 「…sensitive_key_history」格式不正确…请从备份恢复」: the time to restore was then, and nobody was told.
 * Fixed in session 35 (w53-keys): said at sign-in, on 密钥, by 操作日志's check, logged once; 更换密钥 asks first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { offline } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

describe('S34-A5: the key history damaged on purpose, then a rotation', () => {
  // S34-A5, fixed (keys/key-history-finding.ts): the unlock, the key status and the rotation's reply say it, and the
  // rotation asks before it starts the history afresh (refused without `dropKeyHistory`).
  it('the coordinator is told before the retired keys are given up; the old payloads are not lost unsaid', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    const { id: communityId } = await t.call('org.communities.save', { name: '东风社区' });
    const { id: householdId } = await t.call('households.save', { communityId, addressText: '路1号' });
    await t.call('residents.save', { householdId, name: '王大明', phone: '13803711001', idNumber: '110101199003074514' });
    const id = (await t.call('audit.list', { filter: { channel: 'residents.save' }, offset: 0, limit: 1 })).rows[0]!.id;
    await t.call('users.rotateKeys', { ...rotating() });
    expect((await t.raw('audit.reveal', { id })).ok).toBe(true);
    for (const s of ['viewer1', 'admin']) await t.call('auth.lock', {}, s);
    offline(t, (db) => db.prepare(`UPDATE meta SET value = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE key = 'sensitive_key_history'`).run());
    const unlocked = await t.call('auth.unlock', { username: ADMIN.username, password: 'correct-horse-2' });
    const status = await t.call('users.keyStatus', {});
    const asked = await t.raw('users.rotateKeys', { password: 'correct-horse-2', newPassword: 'correct-horse-3', newPasswordAgain: 'correct-horse-3' });
    expect(asked).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const rotated = await t.raw('users.rotateKeys', {
      password: 'correct-horse-2',
      newPassword: 'correct-horse-3',
      newPasswordAgain: 'correct-horse-3',
      dropKeyHistory: true,
    });
    // Held: the restart is audited (25aeb11f).
    const rows = (await t.call('audit.list', { filter: { channel: 'keys.rotate' }, offset: 0, limit: 10 })).rows.map((r) => r.after ?? '');
    expect(rows.some((a) => a.includes('keyHistoryDamaged'))).toBe(true);
    expect(await t.raw('audit.reveal', { id })).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
    // Said: the unlock, the key status and the rotation's reply each carry it.
    expect(unlocked.keyHistory?.message).toMatch(/旧密钥/);
    expect(status.keyHistory?.message).toMatch(/旧密钥/);
    expect(JSON.stringify([asked, rotated])).toMatch(/旧密钥/);
  });
});
