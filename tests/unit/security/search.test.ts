/**
 * The un-masking attack, replayed: a viewer extends a digit search one digit
 * at a time and reads the last four digits off the mask. Viewers now search by
 * name only (the numbers are sealed with a key they do not hold); clerks keep
 * the digit search.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upsertHousehold, upsertResident } from '../../../electron/core/caseload/write-queries';
import { asWriteDb } from '../../../electron/core/db/types';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openOffice, type Office } from '../caseload/fixture';

const ID = makeIdNumber('410102', '1980-01-01', 77);
let o: Office;
beforeEach(async () => {
  o = await openOffice();
  const db = asWriteDb(o.t.core.services.ledger.handle());
  const now = '2020-02-17T01:00:00.000Z';
  db.transaction(() => {
    const sealer = o.t.core.services.ledger.sealer();
    const h = upsertHousehold(db, { communityId: o.communityId, gridId: o.gridId, addressText: '路1号' }, now, '2020-02-17', sealer);
    upsertResident(db, { householdId: h.id, name: '王小明', idNumber: ID, phone: '13803711002' }, now, '2020-02-17', sealer);
  })();
});
afterEach(() => o.t.close());

describe('search that leaks nothing', () => {
  it('a viewer cannot search by the end of an ID number or phone, on residents or cases', async () => {
    const viewer = await o.t.sessionAs('viewer');
    for (const q of [ID.slice(-4), ID.slice(-5), '1002', '13803711002', ID.slice(0, 17), ID]) {
      for (const channel of ['residents.list', 'cases.list'] as const) {
        const e = await o.t.fail(channel, { filter: { q }, offset: 0, limit: 10 }, viewer);
        expect([q, channel, e.code]).toEqual([q, channel, 'FORBIDDEN']);
        expect(e.message).toContain('只能按姓名搜索');
      }
    }
  });

  it('a viewer finds a person by name; a clerk still searches by digits', async () => {
    const viewer = await o.t.sessionAs('viewer');
    expect((await o.t.call('residents.list', { filter: { q: '王小' }, offset: 0, limit: 10 }, viewer)).rows.map((r) => r.name)).toEqual(['王小明']);
    const clerk = await o.t.sessionAs('clerk');
    expect((await o.t.call('residents.list', { filter: { q: ID.slice(-4) }, offset: 0, limit: 10 }, clerk)).rows.map((r) => r.name)).toEqual(['王小明']);
  });

  it('a clerk finds people by the end of an ID number or phone through the keyed tail index, checking every digit typed; audited without the number', async () => {
    // Same last four digits as 王小明's phone (1002), other digits before them.
    const h = await o.t.call('households.save', { communityId: o.communityId, addressText: '路2号' });
    await o.t.call('residents.save', { householdId: h.id, name: '李小红', phone: '13903721002' });
    const clerk = await o.t.sessionAs('clerk');
    const names = async (q: string) => (await o.t.call('residents.list', { filter: { q }, offset: 0, limit: 10 }, clerk)).rows.map((r) => r.name).sort();
    expect(await names('1002')).toEqual(['李小红', '王小明']);
    expect(await names('11002')).toEqual(['王小明']);
    expect(await names('21002')).toEqual(['李小红']);
    expect(await names('13803711002')).toEqual(['王小明']);
    expect(await names(ID.slice(-6))).toEqual(['王小明']);
    expect(await names(ID)).toEqual(['王小明']);
    expect(await names('99991002')).toEqual([]);
    const cases = await o.t.call('cases.list', { filter: { q: '21002' }, offset: 0, limit: 10 }, clerk);
    expect(cases.total).toBe(0);
    const logged = (
      asWriteDb(o.t.core.services.ledger.handle()).prepare(`SELECT after_json FROM audit_log WHERE entity = 'search' ORDER BY id`).all() as Array<{
        after_json: string;
      }>
    ).map((r) => JSON.parse(r.after_json) as { q: string; matches: number });
    expect(logged).toContainEqual({ q: '*******1002', matches: 1 });
    expect(logged).toContainEqual({ q: `${'*'.repeat(14)}${ID.slice(-4)}`, matches: 1 });
    expect(JSON.stringify(logged)).not.toContain('13803711002');
    expect(JSON.stringify(logged)).not.toContain(ID);
  });

  it('a viewer sees the birth year at most; a clerk the whole date', async () => {
    const viewer = await o.t.sessionAs('viewer');
    const clerk = await o.t.sessionAs('clerk');
    const asViewer = (await o.t.call('residents.list', { filter: { q: '王小明' }, offset: 0, limit: 10 }, viewer)).rows[0]!;
    expect(asViewer.birthDate).toBe('1980');
    expect((await o.t.call('residents.get', { id: asViewer.id }, viewer)).birthDate).toBe('1980');
    expect((await o.t.call('residents.get', { id: asViewer.id }, clerk)).birthDate).toBe('1980-01-01');
    const c = await o.t.call('cases.open', { residentId: asViewer.id, category: 'returnee', openedOn: '2020-02-17' });
    expect((await o.t.call('cases.list', { filter: { q: '王小明' }, offset: 0, limit: 10 }, viewer)).rows[0]!.birthDate).toBe('1980');
    expect((await o.t.call('cases.get', { id: c.id }, viewer)).case.birthDate).toBe('1980');
    expect((await o.t.call('cases.get', { id: c.id }, clerk)).case.birthDate).toBe('1980-01-01');
  });
});
