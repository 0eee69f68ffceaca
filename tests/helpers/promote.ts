/**
 * Raising a 只读查看 user's role, the way the program does it now and the way it did before session 22 (W1 through
 * a promotion, issue 19): fixtures for the tests that promote users.
 */
import type { Role } from '../../electron/core/contract';
import { getUser, getUserByName, updateUser } from '../../electron/core/auth/user-queries';
import { vouchRole } from '../../electron/core/auth/vouched-roles';
import { asWriteDb } from '../../electron/core/db/types';
import { ADMIN, type TestLedger } from './ledger';

/** The one-time password the promoting coordinator gives in these tests. */
export const INITIAL_PASSWORD = 'initial-pass-77';

async function idOf(t: TestLedger, username: string): Promise<number> {
  return (await t.call('users.list', {})).find((u) => u.username === username)!.id;
}

/** A promotion from 只读查看 as 设置 › 用户 makes it (auth/user-handlers.ts): a new initial password, the coordinator's own to confirm. */
export async function promote(t: TestLedger, username: string, role: Exclude<Role, 'viewer'> = 'clerk', session = 'admin'): Promise<void> {
  await t.call('users.update', { id: await idOf(t, username), role, initialPassword: INITIAL_PASSWORD, password: ADMIN.password }, session);
}

/** The promoted user's first sign-in with the initial password, and the password of their own it asks for. */
export async function firstSignIn(t: TestLedger, username: string, ownPassword: string): Promise<void> {
  await t.call('auth.unlock', { username, password: INITIAL_PASSWORD }, username);
  await t.call('auth.changePassword', { oldPassword: INITIAL_PASSWORD, newPassword: ownPassword }, username);
}

/**
 * A promotion as versions before session 22 made it (and still the state of a slot a grant gave the key to while its
 * pin names none): the role set and vouched by the coordinator's key, the key sealed to the slot's public key by a
 * grant, no password asked. The coordinator's session must hold the key.
 */
export function promoteByGrant(t: TestLedger, username: string, role: Exclude<Role, 'viewer'> = 'clerk'): void {
  const ledger = t.core.services.ledger;
  const db = asWriteDb(ledger.handle());
  const before = getUserByName(db, username)!;
  db.transaction(() => {
    updateUser(db, before.id, { displayName: before.displayName, role, disabled: false }, t.clock.nowIso());
    vouchRole(db, ledger.sealer(), getUser(db, before.id)!);
  })();
  if (ledger.grantSensitiveKey([username]).length !== 1) throw new Error(`no key granted to ${username}`);
}
