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
import { asWriteDb } from '../../../electron/core/db/types';
import { ADMIN, openTestLedger, PASSWORD, type TestLedger } from '../../helpers/ledger';
import { addResident } from '../../helpers/sealed-residents';
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
  const db = asWriteDb(t.core.services.ledger.handle());
  const columns = (db.prepare(`SELECT name, "notnull" AS nn, pk FROM pragma_table_info('residents')`).all() as { name: string; nn: number; pk: number }[])
    .filter((c) => c.pk === 0 && c.nn === 1)
    .map((c) => c.name)
    .join(', ');
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @more)
     INSERT INTO residents (${columns}) SELECT ${columns} FROM n, (SELECT * FROM residents ORDER BY id LIMIT 1)`,
  ).run({ more: ROWS });
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

  it('the ledger locked by the other window meanwhile: the sign-in is refused with words, holds nothing, and the next one goes ahead', async () => {
    const viewer = await bigLedgerAnchorBroken();
    const signIn = startSignIn();
    for (let i = 0; i < 3; i++) await turn();
    await t.call('auth.unlock', { username: viewer, password: PASSWORD }, viewer);
    await t.call('auth.lock', {}, viewer);
    expect(t.core.services.ledger.isOpen()).toBe(false);
    const r = await signIn.reply;
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/请重新输入密码解锁/) } });
    expect(t.core.services.ledger.isOpen()).toBe(false);
    expect(t.core.services.ledger.sealer()).toBeNull();
    const again = await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(again).toMatchObject({ user: { role: 'coordinator' }, keyNotice: null, anchorFinding: { state: 'forged' } });
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
