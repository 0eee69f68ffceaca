/**
 * The twenty-second attack run (session 36) on session 35's key history finding (keys/key-history-finding.ts): the
 * retired keys' list in meta, which a viewer offline can junk or delete (database key alone). The finding counts a
 * missing list only "where it matters": sealed audit payloads from before the last rotation. But the list is read
 * elsewhere too: backup/handlers.ts `usedByThisLedger` accepts a backup made before a rotation only when its key is in
 * the list. With no sealed audit payload yet (a rotation soon after setup, or after a clerk left early), the list
 * deleted offline: nothing said at sign-in, and the genuine backup from before the rotation is refused as altered.
 */
import { describe, expect, it } from 'vitest';
import { backupThenRotationHarness } from '../../helpers/backup-then-rotation';
import { ADMIN, ADMIN_NEXT, rotating, type TestLedger } from '../../helpers/ledger';
import { offline } from './swap-helpers';

const backupThenRotation = backupThenRotationHarness();
let t: TestLedger;

const admin = { username: 'admin', password: ADMIN_NEXT };

describe('the key history lost, then a backup from before the rotation', () => {
  it('control: the backup from before the rotation restores with the list in place', async () => {
    const { t: ledger, path } = await backupThenRotation();
    t = ledger;
    await t.call('auth.unlock', admin);
    const restored = await t.raw('backup.restore', { path, confirm: true, password: ADMIN.password });
    expect(restored).toMatchObject({ ok: true });
  }, 60_000);

  // S36-A4 (low-medium), fixed here (io/backup/handlers.ts historyLostRefusal): the restore names the ledger's lost
  // list as the cause instead of the backup. Red before: 「…不是这本台账用过的…备份可能被人改动过」. The sign-in still says
  // nothing when no sealed payload predates the rotation (keys/key-history-finding.ts: nothing unreadable yet).
  for (const [how, edit, said] of [
    ['deleted', `DELETE FROM meta WHERE key = 'sensitive_key_history'`, '不见了'],
    ['junked', `UPDATE meta SET value = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE key = 'sensitive_key_history'`, '已损坏'],
  ] as const)
    it(`S36-A4: with the list ${how}, the backup from before the rotation is refused naming the lost list, not as altered`, async () => {
      const { t: ledger, path } = await backupThenRotation();
      t = ledger;
      offline(t, (db) => db.prepare(edit).run());
      await t.call('auth.unlock', admin);
      const refused = await t.raw('backup.restore', { path, confirm: true, password: ADMIN.password });
      expect(refused).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED', message: expect.stringContaining(`旧密钥记录`) } });
      expect(JSON.stringify(refused)).toContain(said);
      expect(JSON.stringify(refused)).not.toMatch(/备份可能被人改动过/);
      expect(JSON.stringify(refused)).toMatch(/当前台账没有被改动/);
    }, 60_000);
});

describe('the key history deleted, then the next 更换密钥 (the tick the finding would have asked for)', () => {
  const third = 'correct-horse-3';
  // S36-A4b (low-medium): nothing is asked, the list is started afresh without the key retired first, and the backup
  // from before the first rotation is again refused as altered (the list now opens, so nothing says it was cut).
  // Fixed (keys/key-history-finding.ts): a rotation's started row says it kept the list, so its absence is a finding.
  it('S36-A4b: after the list is deleted, the next rotation asks first, or the backup from before still restores', async () => {
    const { t: ledger, path } = await backupThenRotation();
    t = ledger;
    offline(t, (db) => db.prepare(`DELETE FROM meta WHERE key = 'sensitive_key_history'`).run());
    await t.call('auth.unlock', admin);
    const rotated = await t.raw('users.rotateKeys', rotating(ADMIN_NEXT, third));
    if (!rotated.ok) return expect(rotated).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { fields: ['dropKeyHistory'] } } });
    const restored = await t.raw('backup.restore', { path, confirm: true, password: ADMIN.password });
    expect(restored).toMatchObject({ ok: true });
  }, 60_000);

  it('control: with the list in place, the backup from before two rotations restores', async () => {
    const { t: ledger, path } = await backupThenRotation();
    t = ledger;
    await t.call('auth.unlock', admin);
    await t.call('users.rotateKeys', rotating(ADMIN_NEXT, third));
    const restored = await t.raw('backup.restore', { path, confirm: true, password: ADMIN.password });
    expect(restored).toMatchObject({ ok: true });
  }, 60_000);
});
