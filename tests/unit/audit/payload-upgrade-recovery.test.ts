/**
 * A ledger from before the audit rule where 用恢复密钥 comes before the first key holder's unlock: the recovery's slot
 * is marked with its audit row (auth/slot-row.ts), then the payload upgrade at that unlock re-chains the log from its
 * first old row, so the row's hash changes under the mark. The recovered password must still open the ledger (found
 * by the seventeenth attack run, read not built; a clerk was refused 「…没有写完…」 before the fix).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readMeta } from '../../../electron/core/db/ledger-files';
import { appendAsBefore, closeAsBefore } from '../../helpers/audit-before';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

async function ledgerFromBefore(): Promise<void> {
  t = await openTestLedger();
  await t.sessionAs('clerk', 'clerk1');
  await t.call('auth.lock', {}, 'clerk1');
  const db = t.core.services.ledger.handle();
  db.transaction(() =>
    appendAsBefore(db, {
      channel: 'residents.save',
      entity: 'resident',
      entityId: '1',
      after: { name: '李秀英', id_number: makeIdNumber('410105', '1985-03-12', 17) },
    }),
  )();
  closeAsBefore(t);
}

describe('用恢复密钥 as the first act on a ledger from before the audit rule', () => {
  it('the recovered password opens the ledger at the next unlock (the re-chain keeps the slot mark true)', async () => {
    await ledgerFromBefore();
    await t.call('auth.recover', { username: ADMIN.username, recoveryKey: t.recoveryKey, newPassword: 'recovered-pass-9' });
    await t.call('auth.lock', {});
    await t.call('auth.unlock', { username: ADMIN.username, password: 'recovered-pass-9' });
    // The upgrade ran at this unlock: the log re-chained from its old row, the recovery's row under it.
    expect(readMeta(t.core.services.ledger.handle(), 'audit_clear_before')).toBe('0');
    await t.call('auth.lock', {});
    const info = await t.call('auth.unlock', { username: ADMIN.username, password: 'recovered-pass-9' });
    expect(info.user.username).toBe(ADMIN.username);
  });

  it('a clerk recovered before the coordinator’s first unlock still opens with the recovered password after the re-chain', async () => {
    await ledgerFromBefore();
    await t.call('auth.recover', { username: 'clerk1', recoveryKey: t.recoveryKey, newPassword: 'recovered-pass-8' }, 'clerk1');
    const marks = () => JSON.stringify(t.core.services.ledger.keyring()).match(/"auditHash":"[0-9a-f]+"/g);
    const before = marks();
    expect(before).toHaveLength(1);
    await t.call('auth.lock', {}, 'clerk1');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(readMeta(t.core.services.ledger.handle(), 'audit_clear_before')).toBe('0');
    // The clerk's slot still carries the mark of its row, whose hash the re-chain changed.
    expect(marks()).toEqual(before);
    await t.call('auth.lock', {});
    const info = await t.call('auth.unlock', { username: 'clerk1', password: 'recovered-pass-8' }, 'clerk1');
    expect(info.user.username).toBe('clerk1');
  });

  it('a map that is not what the upgrade wrote finds nothing through it: the clerk is refused as a missing row, nothing thrown', async () => {
    await ledgerFromBefore();
    await t.call('auth.recover', { username: 'clerk1', recoveryKey: t.recoveryKey, newPassword: 'recovered-pass-8' }, 'clerk1');
    await t.call('auth.lock', {}, 'clerk1');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const db = t.core.services.ledger.handle();
    db.prepare(`UPDATE meta SET value = '{not json' WHERE key = 'audit_rechained_user_rows'`).run();
    await t.call('auth.lock', {});
    const e = await t.fail('auth.unlock', { username: 'clerk1', password: 'recovered-pass-8' }, 'clerk1');
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('没有写完');
  });
});
