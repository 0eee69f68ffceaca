/**
 * S37-L1 (the lead, session 37; low): a rotation stopped right after its switch (a kill there), then the list of
 * retired keys (meta sensitive_key_history) set to junk offline with a viewer's database key. The next sign-in is the
 * coordinator's first after a rotation, so no exact pin decides and the sealed data is asked as the key's witness
 * (keys/sealed-witness.ts). The witness read the junk list as "this key is not the ledger's" and the coordinator signed
 * in read-only with the 'witness' notice: the wrong story (their key is the ledger's; the list is what was damaged).
 * The same list deleted instead was judged on the values alone and told as the list's finding.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_NEXT, callsOn, rotating, type TestLedger } from '../../helpers/ledger';
import { ledgerAndRestart } from '../../helpers/restart';
import { stopNextRotationAfterSwitch } from '../../helpers/rotation-stop';
import { offline } from './swap-helpers';

let t: TestLedger;
const folders = ledgerAndRestart({ withAppDir: true });

const JUNK = `UPDATE meta SET value = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE key = 'sensitive_key_history'`;
const DELETE = `DELETE FROM meta WHERE key = 'sensitive_key_history'`;

interface SignIn {
  user: { role: string };
  keyNotice: { kind: string } | null;
  keyHistory: { state: string } | null;
}

/** 更换密钥 stopped after its switch, then `edit` offline, then the next start's sign-in. */
async function stoppedThen(edit: string): Promise<{ signIn: SignIn; call: ReturnType<typeof callsOn>['call'] }> {
  t = await folders.open();
  await t.sessionAs('viewer', 'viewer1');
  await t.call('auth.lock', {}, 'viewer1');
  stopNextRotationAfterSwitch();
  expect((await t.raw('users.rotateKeys', { ...rotating() })).ok).toBe(false);
  t.core.close();
  offline(t, (db) => db.prepare(edit).run());
  const { call } = callsOn(folders.restart());
  const signIn = (await call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT })) as SignIn;
  return { signIn, call };
}

describe('S37-L1: a stopped rotation, then the list of retired keys damaged offline', () => {
  // S37-L1, fixed (keys/sealed-witness.ts: a list that does not open under the key is left out of the witness, the values
  // judged under the key alone, as a deleted list always was). Red before: keyNotice 'witness', the sign-in read-only.
  it('junked: the coordinator signs in as coordinator, told the list is damaged, not that the key is not the ledger’s', async () => {
    const { signIn } = await stoppedThen(JUNK);
    expect(signIn.keyNotice).toBeNull();
    expect(signIn.user.role).toBe('coordinator');
    expect(signIn.keyHistory).toMatchObject({ state: 'damaged' });
  }, 60_000);

  // Deleted, with nothing sealed under the retired key yet, the sign-in says nothing of the list (S36-A4: nothing unreadable).
  it('control: deleted, the same sign-in is the coordinator’s', async () => {
    const { signIn } = await stoppedThen(DELETE);
    expect(signIn.keyNotice).toBeNull();
    expect(signIn.user.role).toBe('coordinator');
  }, 60_000);
});
