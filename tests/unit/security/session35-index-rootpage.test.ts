/**
 * The twenty-first attack run (session 35): db/program-schema.ts compares each index's name and the SHA-256 of its SQL
 * with what the migrations make, not the b-tree the schema row points at (`rootpage`). Offline with viewer1's database
 * key (`unsafeMode`, `writable_schema`, as S34-A1's row was planted): a foreign index with the same columns but another
 * expression is made (SQLite fills it), the program's `supply_movements_stock` row is pointed at its b-tree, and the
 * foreign row is deleted. Nothing stored in a table changes; the schema holds only the program's rows, with the
 * program's SQL. Every query the planner answers from that index alone (the stock per store and item, covering) now
 * reads what the viewer chose.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';
import type { Database } from '../../../electron/core/db/types';
import { offline } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

/** Points the program's index `target` at the b-tree of a foreign index built from `columns` (same shape), as the file's holder can. */
function redirectIndex(db: Database, target: string, table: string, columns: string): void {
  db.exec(`CREATE INDEX attacker_shape ON ${table} (${columns})`);
  const root = db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'attacker_shape'`).pluck().get() as number;
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare(`UPDATE sqlite_master SET rootpage = ? WHERE type = 'index' AND name = ?`).run(root, target);
  db.prepare(`DELETE FROM sqlite_master WHERE name = 'attacker_shape'`).run();
  db.pragma('writable_schema = OFF');
}

async function stockedLedger(): Promise<{ itemId: number }> {
  t = await openTestLedger();
  const items = await t.call('supplies.items.list', {});
  const itemId = items.find((i) => i.name === '口罩')!.id;
  await t.call('supplies.receive', { storeId: 0, itemId, day: t.clock.today(), quantity: 100, sourceKind: 'upstream', sourceName: '区卫健委' });
  await t.sessionAs('viewer', 'viewer1');
  for (const who of ['viewer1', 'admin']) await t.call('auth.lock', {}, who);
  return { itemId };
}

describe('S35-A1: a program index pointed at another b-tree (rootpage), its SQL untouched', () => {
  it('without the redirect: 900 out of 100 refused, naming the stock (the check the attack bends)', async () => {
    const { itemId } = await stockedLedger();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const issued = await t.raw('supplies.issue', { storeId: 0, itemId, day: t.clock.today(), quantity: 900, recipient: '卡点' });
    expect(issued).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', details: { field: 'quantity', stock: 100 } } });
  }, 30_000);

  // S35-A1 (medium), fixed by the lead (db/ledger-contents.ts: with no note of the file as the program closed it, the
  // first keyed sign-in checks every index against its table); was: the unlock ok, the issue of 900 in (stock read 1000).
  it('S35-A1: the redirected index is refused at the open, or the stock check still says 100', async () => {
    const { itemId } = await stockedLedger();
    // The foreign b-tree holds each movement's delta ×10: 1000 masks on hand where 100 were received.
    offline(t, (db) => redirectIndex(db, 'supply_movements_stock', 'supply_movements', 'store_id, item_id, delta * 10'));
    const opened = await t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    if (!opened.ok) return expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
    const issued = await t.raw('supplies.issue', { storeId: 0, itemId, day: t.clock.today(), quantity: 900, recipient: '卡点' });
    expect(issued).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', details: { stock: 100 } } });
  }, 30_000);
});

/** users' UNIQUE username index (an automatic one, no SQL) pointed at a b-tree where `a` and `b` trade names. */
function namesTraded(db: Database, a: string, b: string): void {
  const expr = `(CASE username WHEN '${a}' THEN '${b}' WHEN '${b}' THEN '${a}' ELSE username END) COLLATE NOCASE`;
  redirectIndex(db, 'sqlite_autoindex_users_1', 'users', expr);
}

/** admin, clerk1 and viewer1 with one resident; every window locked; the users' index traded offline by viewer1. */
async function tradedLedger(): Promise<{ residentId: number; clerkId: number }> {
  t = await openTestLedger();
  await t.sessionAs('clerk', 'clerk1');
  await t.sessionAs('viewer', 'viewer1');
  const clerkId = (await t.call('auth.whoami', {}, 'clerk1'))!.user.id;
  const { id: communityId } = await t.call('org.communities.save', { name: '东风社区' });
  const { id: householdId } = await t.call('households.save', { communityId, addressText: '路1号' });
  const a = await t.call('residents.save', { householdId, name: '王大明', phone: '13803711001' });
  for (const who of ['clerk1', 'viewer1', 'admin']) await t.call('auth.lock', {}, who);
  offline(t, (db) => namesTraded(db, 'admin', 'clerk1'));
  return { residentId: a.id, clerkId };
}

const lastReveal = (): unknown =>
  t.core.services.ledger
    .handle()
    .prepare(`SELECT username, user_id AS userId FROM audit_log WHERE channel = 'residents.reveal' ORDER BY id DESC LIMIT 1`)
    .get();

describe('S35-A2: users’ UNIQUE username index pointed at a b-tree where two names trade rows', () => {
  // S35-A2 (medium-high), fixed by the lead (auth/user-queries.ts getUserByName reads the row's name from the table and
  // refuses another's; db/ledger-contents.ts checks the file); was: clerk1's session ran as row 1, its reveal audited
  // with user_id 1; the coordinator's ran as clerk1's row, a clerk.
  it('S35-A2: refused at the open, or each sign-in is its own row: the reveal audited as clerk1’s, the coordinator a coordinator', async () => {
    const { residentId, clerkId } = await tradedLedger();
    const clerk = await t.raw('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    if (!clerk.ok) return expect(clerk).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
    await t.call('residents.reveal', { residentId, field: 'phone' }, 'clerk1');
    expect(lastReveal()).toEqual({ username: 'clerk1', userId: clerkId });
    const admin = await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(admin.user).toMatchObject({ id: 1, username: 'admin', role: 'coordinator' });
  }, 30_000);

  it('as found then, refused now: neither clerk1 nor the coordinator signs in on the other’s row; nothing is revealed', async () => {
    await tradedLedger();
    for (const [username, password, window] of [
      ['clerk1', PASSWORD, 'clerk1'],
      [ADMIN.username, ADMIN.password, 'admin'],
    ] as const) {
      const refused = await t.fail('auth.unlock', { username, password }, window);
      expect(refused).toMatchObject({ code: 'LEDGER_DAMAGED', message: expect.stringContaining('台账文件的用户索引与用户表不一致') });
    }
    expect(t.core.services.ledger.isOpen()).toBe(false);
  }, 30_000);
});

describe('S35-A1 on the log: audit_log_by_user pointed at a b-tree without viewer1’s rows', () => {
  // S35-A1, fixed by the lead (db/ledger-contents.ts); was: 操作日志 filtered by 用户名 viewer1 showed nothing while 审计核对
  // said intact (the rows all there).
  it('S35-A1 (log): refused at the open, or the log filtered by viewer1 lists viewer1’s sign-ins', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    for (const who of ['viewer1', 'admin']) await t.call('auth.lock', {}, who);
    offline(t, (db) => redirectIndex(db, 'audit_log_by_user', 'audit_log', `(CASE WHEN username = 'viewer1' THEN '' ELSE username END), id`));
    const opened = await t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    if (!opened.ok) return expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true });
    const listed = await t.call('audit.list', { filter: { username: 'viewer1' } });
    expect(listed.total).toBeGreaterThan(0);
  }, 30_000);
});
