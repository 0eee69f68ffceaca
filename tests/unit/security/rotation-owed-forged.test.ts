/**
 * Tenth attack run (session 24), on RD1's fix (w40-rd1, auth/rotation-owed.ts): what a viewer, offline with their
 * own password, writes about a rotation owed. Both fixed by the lead after the run (auth/rotation-owed.ts).
 *
 * RD2: a 'due' row without `owedFor` is owed "until the key history holds a key retired at or after it". A viewer
 * appends one dated 9999-12-31 (appendAudit, chained; the anchor takes it at the next holder's write): no rotation
 * ever retires a key after it, so every coordinator sign-in is held at 「密钥需要更换」, each 更换密钥 asks a new
 * password, and the next sign-in is held again. audit.verify intact, 「锚点一致」.
 *
 * RD3: the mark `meta.keys_rotation_due` is read with a bare JSON.parse. A viewer writes `{` there: every sign-in
 * (coordinator, clerk) answers 程序内部出错, and nobody can sign in to restore a backup.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../../electron/core/audit/audit-log';
import { DAMAGED_MARK_REASON, KEYS_ROTATE } from '../../../electron/core/auth/rotation-owed';
import { asWriteDb } from '../../../electron/core/db/types';
import { openAsViewerOffline } from '../../helpers/attacker';
import { ADMIN, PASSWORD, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

/** A ledger with a clerk and a viewer, everyone locked, then `offline` with the viewer's key. */
async function viewerOffline(offline: (db: ReturnType<typeof openAsViewerOffline>) => void): Promise<void> {
  t = await openTestLedger();
  await t.sessionAs('clerk', 'clerk1');
  await t.sessionAs('viewer', 'viewer1');
  for (const s of ['clerk1', 'viewer1', 'admin']) await t.call('auth.lock', {}, s);
  const db = openAsViewerOffline(t.dir);
  offline(db);
  db.close();
}

describe('a viewer writes what a rotation owed says, offline', () => {
  it("RD2: a 'due' row dated 9999 is settled by the rotation it asks for (every sign-in asked another before)", async () => {
    await viewerOffline((db) =>
      appendAudit(
        asWriteDb(db),
        {
          at: '9999-12-31T00:00:00.000Z',
          userId: 1,
          username: ADMIN.username,
          channel: KEYS_ROTATE,
          entity: 'ledger',
          entityId: null,
          after: { keysRotated: 'due', reason: '恢复备份后停用或改为只读查看：viewer1' },
        },
        null,
      ),
    );
    expect((await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).rotationDue).not.toBeNull();
    await t.call('auth.finishRotation', rotating());
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true, anchor: { state: 'ok' } });
    await t.call('auth.lock', {});
    expect((await t.call('auth.unlock', { username: ADMIN.username, password: rotating().newPassword })).rotationDue).toBeNull();
  });

  it('RD3: a mark that is not JSON leaves sign-in working (every sign-in answered 程序内部出错 before)', async () => {
    await viewerOffline((db) => db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('keys_rotation_due', '{')`).run());
    for (const [user, password] of [
      [ADMIN.username, ADMIN.password],
      ['clerk1', PASSWORD],
    ] as const) {
      const r = await t.raw('auth.unlock', { username: user, password }, `after-${user}`);
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    // The damaged mark still says a rotation is due, in words, and the rotation it asks for clears it.
    const unlocked = await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password }, 'admin-again');
    expect(unlocked.rotationDue?.reason).toBe(DAMAGED_MARK_REASON);
    await t.call('auth.finishRotation', rotating(), 'admin-again');
    await t.call('auth.lock', {}, 'admin-again');
    expect((await t.call('auth.unlock', { username: ADMIN.username, password: rotating().newPassword })).rotationDue).toBeNull();
  });
});
