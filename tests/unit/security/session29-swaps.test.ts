/**
 * The fifteenth attack run (session 29, docs/security/attack-run-session29.md): files swapped between two ledgers of
 * one office (same office name, same coordinator and password), as someone with both folders could. Held: the anchor
 * is MACed with the other ledger's sensitive key, and a keyring opens only the database it was made with.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';

let ledgers: TestLedger[] = [];
afterEach(() => {
  for (const t of ledgers) t.close();
  ledgers = [];
});

async function twoLedgersOfOneOffice(): Promise<[TestLedger, TestLedger]> {
  const a = await openTestLedger();
  const b = await openTestLedger();
  ledgers = [a, b];
  // B's log longer than A's: its anchor names a head A never had.
  for (let i = 0; i < 3; i++) await b.call('org.communities.save', { name: `社区${i}` });
  await a.call('auth.lock', {});
  await b.call('auth.lock', {});
  return [a, b];
}

describe('two ledgers of one office, files swapped between them', () => {
  it('the other ledger’s audit anchor: A still opens, audit.verify says the anchor is forged', async () => {
    const [a, b] = await twoLedgersOfOneOffice();
    copyFileSync(join(b.dir, 'taizhang.anchor.json'), join(a.dir, 'taizhang.anchor.json'));
    await a.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const v = await a.call('audit.verify', {});
    expect(v.intact).toBe(false);
    expect(v.anchor).toMatchObject({ state: 'forged' });
  });

  it('the other ledger’s keyring: KEYRING_MISMATCH before any password, and at sign-in', async () => {
    const [a, b] = await twoLedgersOfOneOffice();
    copyFileSync(join(b.dir, 'taizhang.keyring.json'), join(a.dir, 'taizhang.keyring.json'));
    const status = await a.call('setup.status', {}, 'x');
    expect(status.problem?.code).toBe('KEYRING_MISMATCH');
    expect((await a.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).code).toBe('KEYRING_MISMATCH');
  });
});
