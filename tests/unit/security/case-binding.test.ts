/**
 * Cases bound to whose case they are (caseload/case-binding.ts, migration 043;
 * third attack run of issue 19). Someone holding only the database key (a
 * viewer's password, offline with the files) re-points a case at another
 * resident: the observation roster would list B, with B's full numbers, under
 * A's observation, and a fever referral would be opened for B. A clerk's or
 * coordinator's session refuses to show, export, sign or refer such a case
 * (LEDGER_DAMAGED, audited); viewers and grid pages are not refused. An older
 * ledger's cases are bound at the next key holder's unlock; a key rotation
 * keeps them bound.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { ROW_BINDINGS } from '../../../electron/core/sealed-columns';
import type { Database } from '../../../electron/core/db/types';
import { ADMIN_NEXT, ADMIN, PASSWORD, openTestLedger, type TestLedger, rotating } from '../../helpers/ledger';
import { PERIOD, ZIP_PASSWORD } from '../export/fixture';
import { openAsViewerOffline, rechain } from '../../helpers/attacker';
import { damagedAudits, DAMAGED, offline } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

interface Office {
  a: number;
  b: number;
  /** A's home observation (with a fever on 2020-02-12, its escalation open) and B's returnee case. */
  obsA: number;
  returneeB: number;
  feverCheck: number;
}

/** `before043`: made as the previous version made it (setup bound 036's tables only); its cases are unbound later. */
async function office(before043 = false): Promise<Office> {
  t = await openTestLedger(before043 ? { core: { rowBindings: ROW_BINDINGS.filter((b) => b.table !== 'cases') } } : {});
  t.core.services.rowBindings = ROW_BINDINGS;
  await t.sessionAs('viewer', 'viewer1');
  const community = await t.call('org.communities.save', { name: '东风社区' });
  const h = await t.call('households.save', { communityId: community.id, addressText: '路1号' });
  const a = await t.call('residents.save', { householdId: h.id, name: '王小明', idNumber: makeIdNumber('410102', '1980-01-01', 77), phone: '13803711002' });
  const b = await t.call('residents.save', { householdId: h.id, name: '李小红', idNumber: makeIdNumber('410102', '1990-02-02', 82), phone: '13903722003' });
  const obsA = await t.call('cases.open', { residentId: a.id, category: 'home_observation', obsStartOn: '2020-02-10' });
  const returneeB = await t.call('cases.open', { residentId: b.id, category: 'returnee', openedOn: '2020-02-11' });
  const fever = await t.call('checks.record', { caseId: obsA.id, checkDate: '2020-02-12', temperature: 38.2, method: 'visit', checkedBy: '社区医生' });
  expect(fever.flagged).toBe(true);
  await lockEveryone();
  return { a: a.id, b: b.id, obsA: obsA.id, returneeB: returneeB.id, feverCheck: fever.check.id };
}

async function lockEveryone(): Promise<void> {
  await t.call('auth.lock', {}, 'viewer1');
  await t.call('auth.lock', {});
}

const unlockAdmin = () => t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
const repoint = (caseId: number, residentId: number) => (db: Database) => db.prepare(`UPDATE cases SET resident_id = ? WHERE id = ?`).run(residentId, caseId);

async function expectCaseDamaged(channel: string, input: unknown): Promise<void> {
  const e = await t.fail(channel, input);
  expect(e.code, channel).toBe('LEDGER_DAMAGED');
  expect(e.message).toMatch(DAMAGED);
  expect(e.message).toContain('个案');
}

const db = () => t.core.services.ledger.handle();
const unboundCases = () => (db().prepare(`SELECT count(*) AS n FROM cases WHERE row_mac IS NULL`).get() as { n: number }).n;

describe('a case re-pointed at another resident with the database key only', () => {
  it('the drawer, a check recorded on it and a fever referral from it are refused and audited; the other case, lists and viewers are not', async () => {
    const o = await office();
    offline(t, repoint(o.obsA, o.b));
    await unlockAdmin();
    await expectCaseDamaged('cases.get', { id: o.obsA });
    await expectCaseDamaged('checks.record', { caseId: o.obsA, checkDate: '2020-02-13', temperature: 36.5, method: 'phone', checkedBy: '社区医生' });
    await expectCaseDamaged('checks.escalate', { checkId: o.feverCheck });
    expect((db().prepare(`SELECT count(*) AS n FROM cases WHERE category = 'fever_referral'`).get() as { n: number }).n).toBe(0);
    expect((await t.call('cases.get', { id: o.returneeB })).case.residentId).toBe(o.b);
    expect((await t.call('cases.list', { offset: 0, limit: 50 })).total).toBe(2);
    expect(damagedAudits(t)).toEqual([
      { channel: 'cases.get', entityId: String(o.obsA), table: 'cases', username: ADMIN.username },
      { channel: 'checks.record', entityId: String(o.obsA), table: 'cases', username: ADMIN.username },
      { channel: 'checks.escalate', entityId: String(o.obsA), table: 'cases', username: ADMIN.username },
    ]);
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    expect((await t.call('cases.get', { id: o.obsA }, 'viewer1')).case.name).toBe('李小红');
  });

  it('two cases’ residents swapped, or a case’s category or start day changed: refused', async () => {
    const o = await office();
    offline(t, (d) => {
      repoint(o.obsA, o.b)(d);
      repoint(o.returneeB, o.a)(d);
    });
    await unlockAdmin();
    await expectCaseDamaged('cases.get', { id: o.obsA });
    await expectCaseDamaged('cases.get', { id: o.returneeB });
    await t.call('auth.lock', {});
    offline(t, (d) => {
      repoint(o.obsA, o.a)(d);
      repoint(o.returneeB, o.b)(d);
      d.prepare(`UPDATE cases SET category = 'medical_observation' WHERE id = ?`).run(o.obsA);
      d.prepare(`UPDATE cases SET opened_on = '2020-02-01' WHERE id = ?`).run(o.returneeB);
    });
    await unlockAdmin();
    await expectCaseDamaged('cases.get', { id: o.obsA });
    await expectCaseDamaged('cases.get', { id: o.returneeB });
  });

  it('the observation roster with a re-pointed case: nothing is exported, written or signed, and the audit says why', async () => {
    const o = await office();
    offline(t, repoint(o.obsA, o.b));
    await unlockAdmin();
    const stick = mkdtempSync(join(tmpdir(), 'taizhang-case-export-'));
    try {
      const e = await t.fail('export.write', { ...PERIOD, formIds: ['observation-roster'], folder: stick, password: ZIP_PASSWORD, numbersReason: '核对' });
      expect(e.code).toBe('LEDGER_DAMAGED');
      expect(e.message).toContain('个案');
      expect(readdirSync(stick)).toEqual([]);
      expect(damagedAudits(t)).toEqual([expect.objectContaining({ channel: 'export.write', table: 'cases', entityId: String(o.obsA) })]);
    } finally {
      rmSync(stick, { recursive: true, force: true });
    }
  });
});

describe('cases of a ledger from before the binding (043)', () => {
  /** As the previous version left it: no case MAC, no cases marker (036's tables stay bound). */
  const asWrittenBefore043 = (d: Database) => {
    d.prepare(`UPDATE cases SET row_mac = NULL`).run();
    d.prepare(`DELETE FROM meta WHERE key = 'cases_bound'`).run();
  };
  const caseBindingAudits = () =>
    (
      db().prepare(`SELECT after_json AS after FROM audit_log WHERE entity = 'ledger' AND channel = 'auth.unlock' ORDER BY id`).all() as Array<{
        after: string;
      }>
    )
      .map((r) => JSON.parse(r.after) as { sealed?: string; rows?: number })
      .filter((a) => a.sealed === 'cases.bound');

  it('are bound at the next coordinator unlock (audited), a viewer’s unlock binds nothing and is refused nothing; a re-point afterwards is caught', async () => {
    const o = await office(true);
    offline(t, asWrittenBefore043);
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    expect(unboundCases()).toBe(2);
    expect((await t.call('cases.get', { id: o.obsA }, 'viewer1')).case.residentId).toBe(o.a);
    await unlockAdmin();
    expect(caseBindingAudits()).toEqual([{ sealed: 'cases.bound', rows: 2 }]);
    expect(unboundCases()).toBe(0);
    expect((await t.call('cases.get', { id: o.obsA })).case.residentId).toBe(o.a);
    await lockEveryone();
    offline(t, repoint(o.obsA, o.b));
    await unlockAdmin();
    await expectCaseDamaged('cases.get', { id: o.obsA });
    expect(caseBindingAudits()).toHaveLength(1);
  });

  it('the marker deleted and the MACs cleared after a re-point: the next unlock binds nothing, every case stays refused', async () => {
    const o = await office();
    offline(t, (d) => {
      repoint(o.obsA, o.b)(d);
      asWrittenBefore043(d);
    });
    await unlockAdmin();
    // The setup row says this ledger bound its cases from the start: an unbound case is damage.
    for (const id of [o.obsA, o.returneeB]) await expectCaseDamaged('cases.get', { id });
    expect(unboundCases()).toBe(2);
  });

  it('…and the audit rows that recorded the binding deleted and the log re-chained: the anchor no longer holds, so nothing is bound as found', async () => {
    const o = await office();
    const d = openAsViewerOffline(t.dir);
    try {
      repoint(o.obsA, o.b)(d);
      asWrittenBefore043(d);
      d.prepare(`DELETE FROM audit_log WHERE after_json LIKE '%casesBound%'`).run();
      rechain(d);
    } finally {
      d.close();
    }
    await unlockAdmin();
    for (const id of [o.obsA, o.returneeB]) await expectCaseDamaged('cases.get', { id });
    expect(unboundCases()).toBe(2);
    expect((await t.call('audit.verify', {})).anchor).toMatchObject({ state: 'mismatch' });
  });
});

describe('key rotation', () => {
  it('rebinds every case under the new key; a re-pointed one stays refused and is named in the rotation’s audit row', async () => {
    const o = await office();
    offline(t, repoint(o.obsA, o.b));
    await unlockAdmin();
    await t.call('users.rotateKeys', { ...rotating() });
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
    expect((await t.call('cases.get', { id: o.returneeB })).case.residentId).toBe(o.b);
    await expectCaseDamaged('cases.get', { id: o.obsA });
    const rotated = db()
      .prepare(`SELECT after_json AS after FROM audit_log WHERE after_json LIKE '%keysRotated%' AND after_json LIKE '%damagedRows%'`)
      .all() as Array<{ after: string }>;
    expect(JSON.parse(rotated[0]!.after)).toMatchObject({ damagedRows: { cases: [o.obsA] } });
  });
});
