/**
 * A ledger with viewer1, a community, a backup on a stick (a temp folder), then 更换密钥; every window locked: what a
 * viewer finds before deleting the key history (session 36's S36-A4/A4b, session 37's S37-A1). Registers its own
 * afterEach (the ledger closed, the stick removed).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openTestLedger, rotating, type TestLedger } from './ledger';
import { removeFolder } from './stop-child';

export function backupThenRotationHarness(): () => Promise<{ t: TestLedger; path: string }> {
  let t: TestLedger | null = null;
  let stick = '';
  afterEach(() => {
    t?.close();
    t = null;
    if (stick) removeFolder(stick);
    stick = '';
  });
  return async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    await t.call('org.communities.save', { name: '东风社区' });
    stick = mkdtempSync(join(tmpdir(), 'taizhang-stick-'));
    const { path } = await t.call('backup.create', { folder: stick });
    await t.call('users.rotateKeys', { ...rotating() });
    for (const s of ['viewer1', 'admin']) await t.call('auth.lock', {}, s);
    return { t, path };
  };
}
