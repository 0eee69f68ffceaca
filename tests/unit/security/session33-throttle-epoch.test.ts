/**
 * The nineteenth attack run (session 33) on the unlock throttle's record (issue 19 item 6: the failure count persists
 * beside the keyring, integrity-protected, and is audited at the next unlock). The database remembers the failure
 * file's epoch (meta `throttle_epoch`) so a file deleted or put back is reported as tampered; an empty epoch is read as
 * "just restored from a backup" (session-start.ts settleFailures), and meta is written with the database key alone.
 * S33-A5: three wrong guesses at the coordinator's password, then, offline with a viewer's slot, the failure file and
 * meta `throttle_epoch` deleted: the coordinator's next unlock audits nothing (the file deleted alone is reported).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { THROTTLE_FILE } from '../../../electron/core/db/ledger-files';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { offline } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

/** What the admin's unlock wrote about failures (auth.unlock.failures rows) after the last `id`. */
const failureRows = (after: number): string[] =>
  (
    t.core.services.ledger
      .handle()
      .prepare(`SELECT after_json AS a FROM audit_log WHERE channel = 'auth.unlock.failures' AND id > ? ORDER BY id`)
      .all(after) as Array<{ a: string }>
  ).map((r) => r.a);

async function guessedThen(erase: (db: Parameters<Parameters<typeof offline>[1]>[0]) => void, deleteFile: boolean): Promise<string[]> {
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  const head = (t.core.services.ledger.handle().prepare(`SELECT max(id) AS n FROM audit_log`).get() as { n: number }).n;
  await t.call('auth.lock', {});
  for (let i = 0; i < 3; i++) expect((await t.fail('auth.unlock', { username: ADMIN.username, password: `guess-${i}` })).code).toBe('WRONG_PASSWORD');
  await t.call('auth.lock', {}, 'viewer1');
  offline(t, erase);
  if (deleteFile) rmSync(join(t.dir, THROTTLE_FILE));
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  return failureRows(head);
}

describe('S33-A5: the guesses at the coordinator’s password erased from the record', () => {
  it('held: the failure file deleted alone is reported as tampered', async () => {
    const rows = await guessedThen(() => undefined, true);
    expect(rows.join()).toMatch(/tampered/);
  });

  // S33-A5, left: red, no row at all (the three guesses and the deletion unrecorded; the delays start afresh).
  it.fails('the failure file deleted and meta throttle_epoch deleted: the guesses or the deletion are still audited', async () => {
    const rows = await guessedThen((db) => db.prepare(`DELETE FROM meta WHERE key = 'throttle_epoch'`).run(), true);
    expect(rows.join()).toMatch(/tampered|failedAttempts/);
  });
});
