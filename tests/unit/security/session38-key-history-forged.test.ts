/**
 * The twenty-fourth attack run (session 38) on S37-A1's fix (keys/key-history-finding.ts lastStoodRotation): the flag
 * `keyHistoryKept` is read from any `started` row up to the last rotation that stood, so a forged row can add it,
 * never take it away. Rows appended after the anchor's head pass as a viewer session's (the anchor's stated limit).
 * Here: can appended rows still hide the deleted list, and what does a forged flag make the coordinator do?
 * Offline with viewer1's database key, every window locked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rowHash } from '../../../electron/core/audit/audit-log';
import type { Database } from '../../../electron/core/db/types';
import { backupThenRotationHarness } from '../../helpers/backup-then-rotation';
import { ADMIN, ADMIN_NEXT, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { offline } from './swap-helpers';

const backupThenRotation = backupThenRotationHarness();
let t: TestLedger;
let own: TestLedger | null = null;
afterEach(() => {
  own?.close();
  own = null;
});

/** Appends a `keys.rotate` row chained after the head, as a tool with the database key would (optionally another ledger's `at`). */
function appendRotateRow(db: Database, after: Record<string, unknown>, at: string): void {
  const prev = db.prepare(`SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`).pluck().get() as string;
  const row = { at, username: ADMIN.username, channel: 'keys.rotate', entity: 'ledger', entity_id: null, before_json: null, after_json: JSON.stringify(after) };
  db.prepare(
    `INSERT INTO audit_log (at, user_id, username, channel, entity, entity_id, before_json, after_json, prev_hash, hash)
     VALUES (@at, 1, @username, @channel, @entity, @entity_id, @before_json, @after_json, @prev, @hash)`,
  ).run({ ...row, prev, hash: rowHash(prev, row) });
}

const DELETE = `DELETE FROM meta WHERE key = 'sensitive_key_history'`;
type Info = { keyHistory: { state: string; unreadableRows: number; message: string } | null };

describe('appended rows after the list is deleted (S37-A1’s fix)', () => {
  const forgeries: Array<[string, Array<[Record<string, unknown>, string]>]> = [
    ['a lone `done` row (a stood rotation with no started row of its own)', [[{ keysRotated: 'done' }, '2020-02-17T01:20:00.000Z']]],
    ['a `settled` row naming a started row that does not exist', [[{ keysRotated: 'settled', startedRow: 99_999 }, '2020-02-17T01:20:00.000Z']]],
    [
      'a started row dated before the first one, then done (out of order by time)',
      [
        [{ keysRotated: 'started', reason: '更换密钥' }, '2019-01-01T00:00:00.000Z'],
        [{ keysRotated: 'done' }, '2019-01-01T00:01:00.000Z'],
      ],
    ],
    [
      'a started row with keyHistoryKept false and a done row',
      [
        [{ keysRotated: 'started', reason: '更换密钥', keyHistoryKept: false }, '2020-02-17T01:20:00.000Z'],
        [{ keysRotated: 'done' }, '2020-02-17T01:21:00.000Z'],
      ],
    ],
  ];
  for (const [what, rows] of forgeries)
    it(`held: ${what}: the deleted list is still said at sign-in`, async () => {
      ({ t } = await backupThenRotation());
      offline(t, (db) => {
        db.prepare(DELETE).run();
        for (const [after, at] of rows) appendRotateRow(db, after, at);
      });
      const info = (await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT })) as unknown as Info;
      expect(info.keyHistory).toMatchObject({ state: 'missing' });
      expect(await t.raw('users.rotateKeys', rotating(ADMIN_NEXT, 'correct-horse-3'))).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', details: { fields: ['dropKeyHistory'] } },
      });
    }, 60_000);
});

describe('a forged flag on a ledger that never rotated', () => {
  /** A resident whose numbers are sealed in an audit payload, no rotation; that row's id. */
  async function sealedPayloadNoRotation(first: (db: Database) => void = () => undefined): Promise<number> {
    t = own = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    const { id: communityId } = await t.call('org.communities.save', { name: '东风社区' });
    const { id: householdId } = await t.call('households.save', { communityId, addressText: '路1号' });
    await t.call('residents.save', { householdId, name: '王大明', phone: '13803711001', idNumber: '110101199003074514' });
    const id = (await t.call('audit.list', { filter: { channel: 'residents.save' }, offset: 0, limit: 1 })).rows[0]!.id;
    for (const s of ['viewer1', 'admin']) await t.call('auth.lock', {}, s);
    offline(t, (db) => {
      first(db);
      appendRotateRow(db, { keysRotated: 'started', reason: '更换密钥', keyHistoryKept: true }, '2020-02-17T01:20:00.000Z');
      appendRotateRow(db, { keysRotated: 'done' }, '2020-02-17T01:21:00.000Z');
    });
    return id;
  }

  // S38-A3 (low): a started row with the flag and a done row, appended to a ledger that never rotated (no list, none
  // needed), make the sign-in say the list is gone and that the payloads before "that rotation" cannot be read any more
  // (unreadableRows counts every sealed payload before the forged row), and advise restoring a backup (re-entering the
  // work since). Every one of them opens under today's key. Said should be true: no rows said unreadable that open.
  // Fixed here (keys/key-history-finding.ts unreadableRowsBefore: a row whose sealed number holds under today's key is
  // readable). Red before: unreadableRows 1.
  it('S38-A3: what the sign-in says of a forged rotation is true (no payload said unreadable that opens)', async () => {
    const id = await sealedPayloadNoRotation();
    const info = (await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password })) as unknown as Info;
    expect(await t.raw('audit.reveal', { id })).toMatchObject({ ok: true });
    expect(info.keyHistory?.unreadableRows ?? 0).toBe(0);
  }, 60_000);

  it('the forged rotation is still a finding (it is tampering), says nothing unreadable, and 更换密钥 asks (nothing is lost by the tick)', async () => {
    await sealedPayloadNoRotation();
    const info = (await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password })) as unknown as Info;
    expect(info.keyHistory).toMatchObject({ state: 'missing' });
    expect(info.keyHistory!.message).toMatch(/现在还没有哪条操作日志记录因此无法查看/);
    expect(await t.raw('users.rotateKeys', rotating())).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await t.raw('users.rotateKeys', { ...rotating(), dropKeyHistory: true })).toMatchObject({ ok: true });
  }, 60_000);
  it('held: a row appended with "sealed" in a payload that is not JSON neither breaks the sign-in nor is taken as readable', async () => {
    await sealedPayloadNoRotation((db) => {
      const prev = db.prepare(`SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`).pluck().get() as string;
      const row = {
        at: '2020-02-17T01:19:00.000Z',
        username: 'viewer1',
        channel: 'residents.save',
        entity: 'residents',
        entity_id: null,
        before_json: null,
        after_json: '{"phone":{"masked":"x","sealed":',
      };
      db.prepare(
        `INSERT INTO audit_log (at, user_id, username, channel, entity, entity_id, before_json, after_json, prev_hash, hash)
         VALUES (@at, 2, @username, @channel, @entity, @entity_id, @before_json, @after_json, @prev, @hash)`,
      ).run({ ...row, prev, hash: rowHash(prev, row) });
    });
    const unlocked = await t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(unlocked).toMatchObject({ ok: true, value: { keyHistory: { state: 'missing', unreadableRows: 1 } } });
  }, 60_000);
});
