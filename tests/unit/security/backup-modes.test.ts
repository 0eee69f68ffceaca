/**
 * Session 15's attack run (docs/security/attack-run-session15.md, finding 8's
 * variant): the ledger folder is 0700 and its files 0600, but a backup written
 * to a local folder came out 0755 / 0644 (umask 022), so another account on
 * the same Linux PC could copy the keyring and the database and guess
 * passwords offline. A backup is now owner-only like the ledger.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
let folder: string;
afterEach(() => {
  t?.close();
  rmSync(folder, { recursive: true, force: true });
});

const mode = (p: string) => statSync(p).mode & 0o777;

describe.skipIf(process.platform === 'win32')('a backup in a local folder', () => {
  it('is readable by its owner only: folder 0700, every file 0600, whatever the umask', async () => {
    const before = process.umask(0o022);
    try {
      t = await openTestLedger();
      folder = mkdtempSync(join(tmpdir(), 'taizhang-backups-'));
      const b = await t.call('backup.create', { folder });
      expect(mode(b.path).toString(8)).toBe('700');
      const files = readdirSync(b.path);
      expect(files).toEqual(expect.arrayContaining(['backup.json', 'taizhang.db', 'taizhang.keyring.json']));
      for (const f of files) expect(`${f} ${mode(join(b.path, f)).toString(8)}`).toBe(`${f} 600`);
    } finally {
      process.umask(before);
    }
  });

  // Attack run 15 (session 29): the restore's safety copy of the replaced ledger was made 0755 inside the 0700 folder.
  it('a restore keeps the replaced ledger owner-only too: safety folder 0700, its files 0600', async () => {
    const before = process.umask(0o022);
    try {
      t = await openTestLedger();
      folder = mkdtempSync(join(tmpdir(), 'taizhang-backups-'));
      const b = await t.call('backup.create', { folder });
      const r = await t.call('backup.restore', { path: b.path, confirm: true });
      expect(mode(r.safetyCopy).toString(8)).toBe('700');
      const files = readdirSync(r.safetyCopy);
      expect(files).toEqual(expect.arrayContaining(['taizhang.db', 'taizhang.keyring.json']));
      for (const f of files) expect(`${f} ${mode(join(r.safetyCopy, f)).toString(8)}`).toBe(`${f} 600`);
    } finally {
      process.umask(before);
    }
  });
});
