/**
 * Rows bound on a ledger from before migration 036, and kept bound through a
 * key rotation (db/row-binding.ts). A ledger the previous version wrote is
 * this version's ledger with every `row_mac` NULL and no binding marker (036
 * only adds the column): made here by clearing both with the database key.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { ROW_BINDINGS } from '../../../electron/core/sealed-columns';
import { memorialFields } from '../honours/helpers';
import { ADMIN, ADMIN_NEXT, openTestLedger, PASSWORD, type TestLedger, rotating } from '../../helpers/ledger';
import { damagedAudits, DAMAGED, offline, swapColumns } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

interface Office {
  residents: number[];
  staff: number;
  memorial: number;
}

/** `before036`: the ledger is made as the previous version made it (no binding at setup); its rows are unbound later. */
async function officeWithEveryKind(before036 = false): Promise<Office> {
  t = await openTestLedger(before036 ? { core: { rowBindings: [] } } : {});
  t.core.services.rowBindings = ROW_BINDINGS;
  await t.sessionAs('viewer', 'viewer1');
  const community = await t.call('org.communities.save', { name: '东风社区' });
  const h = await t.call('households.save', { communityId: community.id, addressText: '路1号', phone: '13700001111' });
  const residents: number[] = [];
  for (const [n, name] of ['王小明', '李小红', '赵大勇'].entries())
    residents.push(
      (await t.call('residents.save', { householdId: h.id, name, idNumber: makeIdNumber('410102', `198${n}-01-0${n + 1}`, 10 + n), phone: `1380371100${n}` }))
        .id,
    );
  const staff = (await t.call('rota.staff.save', { name: '张医生', kind: 'medical', idNumber: makeIdNumber('410105', '1985-03-12', 17), phone: '13800000001' }))
    .id;
  const memorial = (await t.call('honours.memorials.save', memorialFields())).id;
  await t.call('export.officeKey', {});
  return { residents, staff, memorial };
}

async function lockEveryone(): Promise<void> {
  await t.call('auth.lock', {}, 'viewer1');
  await t.call('auth.lock', {});
}

const unlockAdmin = () => t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });

/** Everything a coordinator opens in this office, to compare before and after. */
async function opened(o: Office): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const id of o.residents)
    out.push(await t.call('residents.reveal', { residentId: id, field: 'idNumber' }), await t.call('residents.reveal', { residentId: id, field: 'phone' }));
  out.push(await t.call('rota.staff.reveal', { id: o.staff }));
  const m = await t.call('honours.memorials.get', { id: o.memorial });
  out.push({ name: m.name, cause: m.cause, circumstances: m.circumstances });
  return out;
}

const unbound = () => {
  const db = t.core.services.ledger.handle();
  return ROW_BINDINGS.map((b) => (db.prepare(`SELECT count(*) AS n FROM ${b.table} WHERE row_mac IS NULL`).get() as { n: number }).n).reduce((x, y) => x + y);
};

/** As the previous version left it: no row MAC anywhere, no marker. */
const asWrittenBefore036 = (db: import('../../../electron/core/db/types').Database) => {
  for (const b of ROW_BINDINGS) db.prepare(`UPDATE ${b.table} SET row_mac = NULL`).run();
  db.prepare(`DELETE FROM meta WHERE key = 'rows_bound'`).run();
};

const bindingAudits = () =>
  (
    t.core.services.ledger
      .handle()
      .prepare(`SELECT after_json AS after FROM audit_log WHERE entity = 'ledger' AND channel = 'auth.unlock' ORDER BY id`)
      .all() as Array<{
      after: string;
    }>
  )
    .map((r) => JSON.parse(r.after) as { sealed?: string; rows?: number })
    .filter((a) => a.sealed === 'rows.bound');

describe('a ledger written before the binding', () => {
  it('is bound at the next coordinator unlock, audited, and every value opens as before; a swap afterwards is caught', async () => {
    const o = await officeWithEveryKind(true);
    const before = await opened(o);
    await lockEveryone();
    offline(t, asWrittenBefore036);
    // A viewer's unlock binds nothing (no key) and is not refused anything.
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    expect(unbound()).toBeGreaterThan(0);
    await t.call('residents.get', { id: o.residents[0]! }, 'viewer1');
    await unlockAdmin();
    expect(bindingAudits()).toEqual([{ sealed: 'rows.bound', rows: expect.any(Number) }]);
    expect(bindingAudits()[0]!.rows).toBeGreaterThanOrEqual(7);
    const db = t.core.services.ledger.handle();
    expect((db.prepare(`SELECT count(*) AS n FROM residents WHERE row_mac IS NULL`).get() as { n: number }).n).toBe(0);
    expect(await opened(o)).toEqual(before);
    // Bound now: the next swap is caught.
    await lockEveryone();
    offline(t, (d) => swapColumns(d, 'residents', ['phone_sealed'], o.residents[0]!, o.residents[1]!));
    await unlockAdmin();
    expect((await t.fail('residents.reveal', { residentId: o.residents[0]!, field: 'phone' })).message).toMatch(DAMAGED);
    expect(bindingAudits()).toHaveLength(1);
  });

  it('the marker deleted and the MACs cleared after a swap: the next unlock does not bind the swapped rows, they stay refused', async () => {
    const o = await officeWithEveryKind();
    await lockEveryone();
    offline(t, (db) => {
      swapColumns(db, 'residents', ['phone_sealed'], o.residents[0]!, o.residents[1]!);
      asWrittenBefore036(db);
    });
    await unlockAdmin();
    // The audit log still shows this ledger was bound when it was made: unbound rows holding sealed values are damage.
    for (const id of o.residents) expect((await t.fail('residents.reveal', { residentId: id, field: 'phone' })).code).toBe('LEDGER_DAMAGED');
    expect(damagedAudits(t).map((r) => r.table)).toEqual(['residents', 'residents', 'residents']);
  });
});

describe('the marker deleted outside the program (nineteenth attack run, S33-A1)', () => {
  const markerAudits = () =>
    (
      t.core.services.ledger
        .handle()
        .prepare(`SELECT after_json AS after FROM audit_log WHERE entity = 'ledger' AND after_json LIKE '%rows.bound.marker%' ORDER BY id`)
        .all() as Array<{ after: string }>
    ).map((r) => JSON.parse(r.after) as Record<string, unknown>);

  it('alone: the next coordinator unlock puts it back, audited; nothing is damaged, every value opens as before, nothing is bound again', async () => {
    const o = await officeWithEveryKind();
    const before = await opened(o);
    await lockEveryone();
    offline(t, (db) => db.prepare(`DELETE FROM meta WHERE key = 'rows_bound'`).run());
    await unlockAdmin();
    expect(markerAudits()).toEqual([{ sealed: 'rows.bound.marker', rows: 0, markerRestored: 'rows_bound' }]);
    expect(t.core.services.ledger.handle().prepare(`SELECT 1 FROM meta WHERE key = 'rows_bound'`).get()).toBeDefined();
    expect(bindingAudits()).toEqual([]);
    expect(await opened(o)).toEqual(before);
  });

  it('with the log’s record of the first binding cut too: the broken chain proves nothing, swapped unbound rows stay refused and are named', async () => {
    const o = await officeWithEveryKind();
    const [a, b] = o.residents as [number, number];
    await lockEveryone();
    offline(t, (db) => {
      swapColumns(db, 'residents', ['phone_sealed', 'phone_masked', 'phone_tail_index'], a, b);
      db.prepare(`UPDATE residents SET row_mac = NULL WHERE id IN (?, ?)`).run(a, b);
      db.prepare(`DELETE FROM meta WHERE key = 'rows_bound'`).run();
      const guards = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'`).all() as Array<{ sql: string }>;
      db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
      db.prepare(`DELETE FROM audit_log WHERE entity = 'ledger' AND after_json LIKE '%"rowsBound":true%'`).run();
      for (const { sql } of guards) db.exec(sql);
    });
    await unlockAdmin();
    expect(markerAudits()).toEqual([expect.objectContaining({ markerRestored: 'rows_bound', damagedRows: { residents: [a, b] } })]);
    for (const id of [a, b]) expect((await t.fail('residents.reveal', { residentId: id, field: 'phone' })).message).toMatch(DAMAGED);
    expect(bindingAudits()).toEqual([]);
  });
});

describe('key rotation', () => {
  it('keeps every bound row opening under the new key, and a swapped row refused (named in the rotation’s audit row)', async () => {
    const o = await officeWithEveryKind();
    const before = await opened(o);
    await lockEveryone();
    offline(t, (db) => swapColumns(db, 'residents', ['name'], o.residents[0]!, o.residents[1]!));
    await unlockAdmin();
    await t.call('users.rotateKeys', { ...rotating() });
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
    const third = o.residents[2]!;
    expect(await t.call('residents.reveal', { residentId: third, field: 'phone' })).toEqual(before[5]);
    expect(await t.call('rota.staff.reveal', { id: o.staff })).toEqual(before[6]);
    expect((await t.call('honours.memorials.get', { id: o.memorial })).circumstances).toEqual((before[7] as { circumstances: string }).circumstances);
    for (const id of o.residents.slice(0, 2)) expect((await t.fail('residents.reveal', { residentId: id, field: 'phone' })).code).toBe('LEDGER_DAMAGED');
    const rotated = t.core.services.ledger
      .handle()
      .prepare(`SELECT after_json AS after FROM audit_log WHERE after_json LIKE '%keysRotated%' AND after_json LIKE '%damagedRows%'`)
      .all() as Array<{ after: string }>;
    expect(JSON.parse(rotated[0]!.after)).toMatchObject({ damagedRows: { residents: o.residents.slice(0, 2) } });
  });
});
