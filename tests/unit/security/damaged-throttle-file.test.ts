/**
 * Session 19's attack run (docs/security/attack-run-session19.md, T1): single bytes flipped in the failure file
 * (taizhang.throttle.json) where a record's `times` is written ("times" → "tiMes") made every sign-in of every user
 * answer INTERNAL (内部错误), the right password included, until someone repaired the file by hand: the file's
 * outer shape was checked, its records were not, and the unlock read `times` of each. A record that is not a
 * record is now a file that cannot be read: the sign-in goes ahead and the next unlock audits it as tampered.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { THROTTLE_FILE } from '../../../electron/core/db/ledger-files';
import { ADMIN, type TestLedger } from '../../helpers/ledger';
import { ledgerAndRestart } from '../../helpers/restart';

/** The ledger, and the core opened again on the same folder (a restart). */
const folders = ledgerAndRestart();
let t: TestLedger;

const throttlePath = () => join(t.dir, THROTTLE_FILE);

/** The failure file with the admin's record changed by `edit` (as a flipped byte or a hand edit would leave it). */
function editRecord(edit: (record: Record<string, unknown>) => Record<string, unknown>): void {
  const file = JSON.parse(readFileSync(throttlePath(), 'utf8')) as { names: Record<string, Record<string, unknown>> };
  file.names[ADMIN.username] = edit(file.names[ADMIN.username]!);
  writeFileSync(throttlePath(), JSON.stringify(file, null, 2));
}

const variants: Array<[string, (r: Record<string, unknown>) => Record<string, unknown>]> = [
  ['"times" misspelt', ({ times, ...r }) => ({ ...r, tiMes: times })],
  ['times not a list', (r) => ({ ...r, times: 7 })],
  ['the record not an object', () => null as unknown as Record<string, unknown>],
];

describe('a damaged record in the failure file', () => {
  for (const [what, edit] of variants) {
    it(`(${what}) does not stop sign-in, and the next unlock says the file was altered`, async () => {
      t = await folders.open();
      await t.call('auth.lock', {});
      await t.fail('auth.unlock', { username: ADMIN.username, password: 'wrong-1' });
      editRecord(edit);
      // Before: INTERNAL for the right password, in this process and after a restart.
      const info = await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
      expect(info.user.role).toBe('coordinator');
      const log = await t.call('audit.list', { filter: { channel: 'auth.unlock.failures' }, offset: 0, limit: 20 });
      expect(JSON.stringify(log)).toContain('无法读取');
      await t.call('auth.lock', {});
      await t.fail('auth.unlock', { username: ADMIN.username, password: 'wrong-2' });
      editRecord(edit);
      t.core.close();
      const r = await folders.restart().call('w', 'auth.unlock', { username: ADMIN.username, password: ADMIN.password });
      expect(r.ok, JSON.stringify(r)).toBe(true);
    });
  }
});
