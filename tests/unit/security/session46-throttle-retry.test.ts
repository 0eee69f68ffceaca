/**
 * The thirty-second attack run (session 46), target 6: S33-A5 retried on main after sessions 34–45 (the anchor's
 * findings at sign-in, the keyed witnesses, the exclusive file). Three wrong guesses at the coordinator's password, then
 * offline with viewer1's slot the failure file deleted and meta `throttle_epoch` emptied or deleted: does anything at
 * the coordinator's next sign-in say so (a failures row, the anchor's finding, a key notice)? Still no: the guesses are
 * audited only at the next unlock, so no anchored row holds them, and meta is written with the database key alone.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { THROTTLE_FILE } from '../../../electron/core/db/ledger-files';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { offline } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

async function guessedThenErased(epoch: 'deleted' | 'empty') {
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  const head = t.core.services.ledger.handle().prepare(`SELECT max(id) FROM audit_log`).pluck().get() as number;
  await t.call('auth.lock', {});
  for (let i = 0; i < 3; i++) expect((await t.fail('auth.unlock', { username: ADMIN.username, password: `guess-${i}` })).code).toBe('WRONG_PASSWORD');
  await t.call('auth.lock', {}, 'viewer1');
  offline(t, (db) =>
    epoch === 'deleted'
      ? db.prepare(`DELETE FROM meta WHERE key = 'throttle_epoch'`).run()
      : db.prepare(`UPDATE meta SET value = '' WHERE key = 'throttle_epoch'`).run(),
  );
  rmSync(join(t.dir, THROTTLE_FILE));
  const signIn = await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  const rows = t.core.services.ledger
    .handle()
    .prepare(`SELECT after_json FROM audit_log WHERE channel = 'auth.unlock.failures' AND id > ?`)
    .pluck()
    .all(head) as string[];
  return { said: [rows.join(), signIn.anchorFinding, signIn.keyNotice].filter((x) => x !== null && x !== ''), verify: await t.call('audit.verify', {}) };
}

describe('S33-A5 retried (session 46)', () => {
  // Left, as in session 33: nothing at all is said (red: said is []). The fix is S33-A5's (a keyed epoch, for the lead).
  it.fails('the epoch deleted: something at the coordinator’s sign-in speaks of the guesses or the erasure', async () => {
    expect((await guessedThenErased('deleted')).said).not.toEqual([]);
  });

  it.fails('the epoch emptied (read as "just restored from a backup"): something at the sign-in speaks of it', async () => {
    expect((await guessedThenErased('empty')).said).not.toEqual([]);
  });

  it('the log itself still verifies and its anchor agrees: the erasure touched no row of it', async () => {
    expect((await guessedThenErased('deleted')).verify).toMatchObject({ intact: true, anchor: { state: 'ok' } });
  });
});
