/**
 * A coordinator cannot change their own account's role or disable it (auth/user-handlers.ts). 设置 › 用户 hides the
 * buttons on one's own row; the core refuses it too, with the reason, before any password is checked: another
 * coordinator exists here, so the last-coordinator rule does not decide it. Nothing is written: not the users table,
 * not a byte of the keyring, not an audit row; no rotation runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger, rotating } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const auditCount = (): number => (t.core.services.ledger.handle().prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

describe('a coordinator’s own account', () => {
  it('demoting or disabling oneself is refused with the reason, nothing written (another coordinator exists)', async () => {
    t = await openTestLedger();
    await t.sessionAs('coordinator', 'deputy');
    const users = await t.call('users.list', {});
    const self = users.find((u) => u.username === ADMIN.username)!;
    const keyringBefore = readFileSync(join(t.dir, 'taizhang.keyring.json'), 'utf8');
    const auditBefore = auditCount();

    for (const role of ['viewer', 'clerk'] as const) {
      const refused = await t.fail('users.update', { id: self.id, role, ...rotating() });
      expect(refused).toMatchObject({ code: 'CONFLICT', details: { fields: ['role'] } });
      expect(refused.message).toBe('不能更改自己正在使用的账号的角色。需要时请另一位统筹负责人来改。');
    }
    // The reason first, whatever password was typed.
    const disabled = await t.fail('users.disable', { id: self.id, ...rotating('not-my-password-9') });
    expect(disabled).toMatchObject({ code: 'CONFLICT', message: '不能停用自己正在使用的账号。需要时请另一位统筹负责人来停用。' });

    expect(await t.call('users.list', {})).toEqual(users);
    expect(readFileSync(join(t.dir, 'taizhang.keyring.json'), 'utf8')).toBe(keyringBefore);
    expect(auditCount()).toBe(auditBefore);
    // Their own name is theirs to change; the same role sent again is no change.
    const renamed = await t.call('users.update', { id: self.id, displayName: '主任', role: 'coordinator' });
    expect(renamed).toMatchObject({ displayName: '主任', role: 'coordinator' });
    // Another coordinator may demote them (the rotation that follows needs the deputy's passwords).
    const byDeputy = await t.call('users.update', { id: self.id, role: 'clerk' }, 'deputy');
    expect(byDeputy.role).toBe('clerk');
  });
});
