/**
 * W2's remnant (issue 19; attack-run-session24.md): with the anchor's MAC broken, the coordinator's exactly pinned key
 * is judged by the sealed data, and that scan went over every resident row in one go: 2.7 s at a million rows, no other
 * channel answered meanwhile. It now runs in steps of rows (keys/sealed-witness.ts sealedWitnessInSteps), the core
 * thread given back between them (db/ledger-unlock.ts). Not timed: the test counts turns of the event loop. Before,
 * the whole sign-in ended within the turn it started in, so each "still pending" below was red.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, PASSWORD, type TestLedger } from '../../helpers/ledger';
import { addResident, copiesOfFirstResident } from '../../helpers/sealed-residents';
import { sealedWitnessInSteps } from '../../../electron/core/keys/sealed-witness';

/** Twelve steps of the scan (5,000 rows each): more than the turns the test waits before asking the other channels. */
const ROWS = 60_000;

let t: TestLedger;
afterEach(() => t.close());

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A coordinator, a viewer, one resident whose number is sealed and ROWS copies of it holding nothing sealed; all locked, the anchor's MAC broken. */
async function bigLedgerAnchorBroken(): Promise<string> {
  t = await openTestLedger();
  const { id: communityId } = await t.call('org.communities.save', { name: '东风社区' });
  addResident(t, { community_id: communityId, name: '张三', id_number: '110101199003077777' });
  const viewer = await t.sessionAs('viewer', 'zhaoliu');
  copiesOfFirstResident(t, ROWS);
  await t.call('auth.lock', {}, viewer);
  await t.call('auth.lock', {});
  expect(t.core.services.ledger.isOpen()).toBe(false);
  const anchor = join(t.dir, 'taizhang.anchor.json');
  const a = JSON.parse(readFileSync(anchor, 'utf8')) as { mac: string };
  writeFileSync(anchor, JSON.stringify({ ...a, mac: (a.mac[0] === '0' ? '1' : '0') + a.mac.slice(1) }));
  return viewer;
}

/** The coordinator's sign-in, started and not awaited; `done()` says whether it has answered. */
function startSignIn() {
  let answered = false;
  const reply = t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password }).finally(() => (answered = true));
  return { reply, done: () => answered };
}

describe('the sealed-data witness at sign-in, in steps', () => {
  it('other channels answer while it scans, a second user’s sign-in too; the verdict is as before: the key counts, the broken anchor is reported', async () => {
    const viewer = await bigLedgerAnchorBroken();
    const signIn = startSignIn();
    for (let i = 0; i < 3; i++) await turn();
    expect(signIn.done()).toBe(false);
    // Nothing written yet: the coordinator holds no key, no session.
    expect(t.core.services.ledger.sealer()).toBeNull();
    expect((await t.call('setup.status', {})).initialized).toBe(true);
    expect(signIn.done()).toBe(false);
    const info = await t.call('auth.unlock', { username: viewer, password: PASSWORD }, viewer);
    expect(info.user.role).toBe('viewer');
    expect(signIn.done()).toBe(false);
    const r = await signIn.reply;
    expect(r).toMatchObject({ ok: true, value: { user: { role: 'coordinator' }, keyNotice: null, anchorFinding: { state: 'forged' } } });
    expect(t.core.services.ledger.sealer()).not.toBeNull();
  });

  // It was refused (CONFLICT 「…请重新输入密码解锁」) when the other window's lock closed the ledger under it; a window that
  // never signed in could do the same at will (thirteenth attack run, W2-R2). In one-go order either call comes first
  // and the sign-in succeeds: now the ledger closes once no session is left and no sign-in is under way (auth/signing-in.ts).
  it('the other window signs in and locks meanwhile: the sign-in goes ahead, and the last lock after it closes the ledger', async () => {
    const viewer = await bigLedgerAnchorBroken();
    const signIn = startSignIn();
    for (let i = 0; i < 3; i++) await turn();
    await t.call('auth.unlock', { username: viewer, password: PASSWORD }, viewer);
    await t.call('auth.lock', {}, viewer);
    expect(t.core.services.ledger.isOpen()).toBe(true);
    const r = await signIn.reply;
    expect(r).toMatchObject({ ok: true, value: { user: { role: 'coordinator' }, keyNotice: null, anchorFinding: { state: 'forged' } } });
    await t.call('auth.lock', {});
    expect(t.core.services.ledger.isOpen()).toBe(false);
    expect(t.core.services.ledger.sealer()).toBeNull();
  });

  it('a step is 5,000 rows of a table whether they hold a value or not: 60,000 residents holding nothing take twelve turns, not one', async () => {
    await bigLedgerAnchorBroken();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const residents = t.core.services.sealedColumns.filter((c) => c.table === 'residents');
    let turns = 0;
    let scanning = true;
    const count = (): void => {
      turns++;
      if (scanning) setImmediate(count);
    };
    setImmediate(count);
    const verdict = await sealedWitnessInSteps(t.core.services.ledger.handle(), t.core.services.ledger.heldKeys().sensitiveKey!, residents);
    scanning = false;
    expect(verdict).toBe('holds');
    expect(turns).toBeGreaterThanOrEqual(ROWS / 5000);
  });
});
