/**
 * A lock while a sign-in is still being judged (thirteenth attack run, W2-R2; auth/signing-in.ts). The sign-in's scan
 * of the sealed data runs in steps and answers other channels meanwhile (db/ledger-unlock.ts); there is no session
 * yet, and auth.lock from a window that holds none used to close the ledger under it. Not timed: turns of the event
 * loop are counted, as witness-in-steps.test.ts does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { addResident, copiesOfFirstResident } from '../../helpers/sealed-residents';

/** Several steps of the scan (5,000 rows each). */
const ROWS = 30_000;

let t: TestLedger;
afterEach(() => t.close());

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await turn();
};

/** One resident whose number is sealed and ROWS copies holding nothing sealed; everyone locked, the anchor's MAC broken (so the sign-in scans). */
async function scanningLedger(): Promise<void> {
  t = await openTestLedger();
  const { id: communityId } = await t.call('org.communities.save', { name: '东风社区' });
  addResident(t, { community_id: communityId, name: '张三', id_number: '110101199003077777' });
  copiesOfFirstResident(t, ROWS);
  await t.call('auth.lock', {});
  expect(t.core.services.ledger.isOpen()).toBe(false);
  const anchor = join(t.dir, 'taizhang.anchor.json');
  const a = JSON.parse(readFileSync(anchor, 'utf8')) as { mac: string };
  writeFileSync(anchor, JSON.stringify({ ...a, mac: (a.mac[0] === '0' ? '1' : '0') + a.mac.slice(1) }));
}

describe('auth.lock while a sign-in is being judged (W2-R2)', () => {
  it('from a window that never signed in: the sign-in goes ahead; a lock after it closes the ledger as before', async () => {
    await scanningLedger();
    let answered = false;
    const admin = t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password }).finally(() => (answered = true));
    // Until the file is open: the password's scrypt runs on libuv's pool, the scan after it (db/ledger-unlock.ts).
    for (let i = 0; i < 100_000 && !t.core.services.ledger.isOpen(); i++) await turn();
    await turns(1);
    expect(answered).toBe(false);
    // Red before the fix: the ledger closed here and the sign-in answered CONFLICT 「…请重新输入密码解锁」.
    expect(await t.raw('auth.lock', {}, 'a-window-never-signed-in')).toMatchObject({ ok: true });
    expect(t.core.services.ledger.isOpen()).toBe(true);
    expect(await admin).toMatchObject({ ok: true, value: { user: { role: 'coordinator' } } });
    await t.call('auth.lock', {});
    expect(t.core.services.ledger.isOpen()).toBe(false);
  }, 120_000);
});
