/**
 * The twenty-first attack run (session 35) on the lead's S34-A2 fix (db/open.ts `exclusive`: the program's connection
 * holds its ledger file with locking_mode EXCLUSIVE while any window is signed in). A colleague with viewer1's
 * password (the database key, the same PC's account) and any SQLite holding the key:
 * - holds the file first (their tool left open on it after one read) when the coordinator signs in;
 * - tries the file while one of two windows is still signed in (the other locked);
 * - tries it once the last window is locked.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring } from '../../../electron/core/db/keyring';
import { openSlotKeys } from '../../../electron/core/db/keyslot';
import { openEncrypted } from '../../../electron/core/db/open';
import type { Database } from '../../../electron/core/db/types';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
let held: Database | null = null;
afterEach(() => {
  held?.close();
  held = null;
  t?.close();
});

/** viewer1's SQLite on the ledger file, as their own tool opens it (normal locking, WAL as the file says), after one read. */
function viewersTool(): Database {
  const keyring = readKeyring(join(t.dir, 'taizhang.keyring.json'));
  const keys = openSlotKeys(keyring.ledgerId, findSlot(keyring, 'viewer1')!, PASSWORD)!;
  const db = openEncrypted(join(t.dir, 'taizhang.db'), keys.dbKey);
  db.pragma('busy_timeout = 0');
  db.prepare('SELECT count(*) FROM residents').get();
  return db;
}

const HELD = /台账文件正被另一个程序打开/;

async function seeded(): Promise<void> {
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  const { id: communityId } = await t.call('org.communities.save', { name: '东风社区' });
  const { id: householdId } = await t.call('households.save', { communityId, addressText: '路1号' });
  await t.call('residents.save', { householdId, name: '王大明', phone: '13803711001' });
}

describe('the exclusive lock, from the outside', () => {
  it('a tool holding the file first: the sign-in says so (CONFLICT), counts no wrong password, and works once it lets go', async () => {
    await seeded();
    for (const who of ['viewer1', 'admin']) await t.call('auth.lock', {}, who);
    held = viewersTool();
    const first = await t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(first).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(JSON.stringify(first)).toMatch(HELD);
    expect(t.core.services.ledger.isOpen()).toBe(false);
    held.close();
    held = null;
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true });
    // The refused open was not a wrong password: the next sign-in audits no failure (session-start.ts auth.unlock.failures).
    const failures = t.core.services.ledger.handle().prepare(`SELECT count(*) FROM audit_log WHERE channel = 'auth.unlock.failures'`).pluck().get();
    expect(failures).toBe(0);
  }, 60_000);

  it('one of two windows locked: the file is still held; the last one locked: it is free (the offline case)', async () => {
    await seeded();
    await t.call('auth.lock', {}, 'admin');
    expect(() => viewersTool()).toThrow(HELD);
    await t.call('auth.lock', {}, 'viewer1');
    held = viewersTool();
    expect(held.prepare(`SELECT count(*) FROM residents`).pluck().get()).toBe(1);
  }, 60_000);
});
