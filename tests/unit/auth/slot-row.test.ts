/**
 * A slot whose password someone else set and its rows are one transaction, the keyring file saved last (auth/slot-row.ts).
 * The file is saved before the transaction commits: here the commit fails after the save (a throwing statement after
 * it, as a full disk at COMMIT would): the keyring as before is put back. And the program stopping between the save and
 * the commit (the file as saved left in place, the rows gone): the slot, marked with its audit row's hash, opens nothing
 * at its holder's unlock until a coordinator resets it again. Before, both gaps left a password nobody was recorded
 * setting: the initial one the coordinator knows opened the clerk's account with no audit row and no first-login change.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Keyring } from '../../../electron/core/db/keyring';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import { openTestLedger, PASSWORD, type TestLedger } from '../../helpers/ledger';

const INITIAL = 'Initial-Pass-9';
let t: TestLedger;
afterEach(() => {
  vi.restoreAllMocks();
  t?.close();
});

const db = () => t.core.services.ledger.handle();
const keyringPath = () => t.core.services.ledger.paths.keyring;
const rowsAbout = (id: number) => db().prepare(`SELECT COUNT(*) FROM audit_log WHERE entity = 'user' AND entity_id = ?`).pluck().get(String(id));

/** The clerk liuxy, signed in once and locked again. */
async function clerk(): Promise<number> {
  t = await openTestLedger();
  await t.sessionAs('clerk', 'liuxy');
  await t.call('auth.lock', {}, 'liuxy');
  return getUserByName(db(), 'liuxy')!.id;
}

/** The next keyring save goes through, then the transaction fails before its commit; `left` is the file as the save left it. */
function commitFailsAfterSave(): { left: () => string } {
  const ledger = t.core.services.ledger;
  const save = ledger.saveKeyring.bind(ledger);
  let left = '';
  vi.spyOn(ledger, 'saveKeyring').mockImplementationOnce((k: Keyring) => {
    save(k);
    left = readFileSync(keyringPath(), 'utf8');
    throw new Error('SQLITE_FULL: database or disk is full');
  });
  return { left: () => left };
}

const reset = (id: number) => t.raw('users.resetPassword', { id, password: INITIAL });
const recover = () => t.raw('auth.recover', { username: 'liuxy', recoveryKey: t.recoveryKey, newPassword: INITIAL }, 'w2');

describe('a slot written by someone else and its rows: the commit fails after the keyring was saved', () => {
  for (const [what, run] of [
    ['重设密码', reset],
    ['用恢复密钥', () => recover()],
  ] as const) {
    it(`${what}: the keyring as before is put back, the old password opens, the new one does not, no row`, async () => {
      const id = await clerk();
      const rows = rowsAbout(id);
      commitFailsAfterSave();
      expect((await run(id)).ok).toBe(false);
      expect(rowsAbout(id)).toBe(rows);
      expect((await t.fail('auth.unlock', { username: 'liuxy', password: INITIAL }, 'w3')).code).toBe('WRONG_PASSWORD');
      expect((await t.call('auth.unlock', { username: 'liuxy', password: PASSWORD }, 'w4')).user.username).toBe('liuxy');
    });
  }
});

describe('a slot written by someone else: the program stopped between the keyring save and the commit', () => {
  for (const [what, run] of [
    ['重设密码', reset],
    ['用恢复密钥', () => recover()],
  ] as const) {
    it(`${what}: the password nobody was recorded setting opens nothing; a coordinator's reset afterwards does`, async () => {
      const id = await clerk();
      const rows = rowsAbout(id);
      const crash = commitFailsAfterSave();
      await run(id);
      // The file as the crash left it: the new slot, its rows rolled back.
      writeFileSync(keyringPath(), crash.left());
      expect(rowsAbout(id)).toBe(rows);
      const refused = await t.fail('auth.unlock', { username: 'liuxy', password: INITIAL }, 'w3');
      expect(refused.code).toBe('CONFLICT');
      expect(refused.message).toContain('没有写完');
      expect(t.core.services.sessions.get('w3')).toBeUndefined();
      // A right password: not counted as a wrong one (the next right sign-in is not made to wait).
      expect(readFileSync(`${t.dir}/taizhang.throttle.json`, 'utf8')).not.toContain('liuxy');
      expect((await t.fail('auth.unlock', { username: 'liuxy', password: PASSWORD }, 'w4')).code).toBe('WRONG_PASSWORD');
      // (Another initial password: the one in the slot counts as one the user had.)
      expect(await t.raw('users.resetPassword', { id, password: 'Initial-Pass-10' })).toMatchObject({ ok: true });
      expect((await t.call('auth.unlock', { username: 'liuxy', password: 'Initial-Pass-10' }, 'w5')).user.mustChangePassword).toBe(true);
    });
  }
});
