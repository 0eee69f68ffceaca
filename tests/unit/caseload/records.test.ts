import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ID_A, openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice();
});
afterEach(() => o.t.close());

describe('households and residents', () => {
  it('saves a household, recognises the same address again, and refuses a grid of another community', async () => {
    const h = await o.t.call('households.save', {
      communityId: o.communityId,
      gridId: o.gridId,
      estate: '幸福小区',
      building: '3栋',
      unit: '2单元',
      room: '101室',
      phone: '138 1234 5678',
    });
    expect(h.address).toBe('幸福小区3栋2单元101室');
    expect(h.phone).toBe('138****5678');
    const again = await o.t.call('households.save', {
      communityId: o.communityId,
      gridId: o.gridId,
      estate: '幸福小区',
      building: '3',
      unit: '2',
      room: '101',
      screeningStatus: 'screened',
      screenedBy: '刘晓燕',
    });
    expect(again.id).toBe(h.id);
    expect(again.screeningStatus).toBe('screened');
    expect(again.screenedOn).toBe('2020-02-17');
    const audit = o.t.core.services.ledger.handle().prepare(`SELECT after_json FROM audit_log WHERE entity = 'household'`).all() as Array<{
      after_json: string;
    }>;
    expect(audit.map((a) => a.after_json).join()).not.toContain('13812345678');
    const viewer = await o.t.sessionAs('viewer');
    expect((await o.t.fail('households.save', { communityId: o.communityId, addressText: '幸福路5号' }, viewer)).code).toBe('FORBIDDEN');
    const err = await o.t.fail('households.save', { communityId: o.communityId, gridId: o.otherGridId, addressText: '杨庄村12号' });
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toContain('「网格」');
    expect((await o.t.call('households.list', { filter: { communityId: o.communityId }, sort: [] })).total).toBe(1);
    expect((await o.t.call('residents.list', { sort: [] })).total).toBe(0);
  });

  it('checks ID numbers, derives sex and birth date, masks in lists, keys residents by ID number', async () => {
    const h = await o.t.call('households.save', { communityId: o.communityId, gridId: o.gridId, addressText: '幸福路8号' });
    const bad = await o.t.fail('residents.save', { householdId: h.id, name: '李秀英', idNumber: '410102198503121230' });
    expect(bad.code).toBe('BAD_INPUT');
    expect(bad.message).toContain('「身份证号」');
    expect((await o.t.call('residents.list', {})).total).toBe(0);
    const r = await o.t.call('residents.save', { householdId: h.id, name: '李秀英', idNumber: ID_A.toLowerCase(), phone: '13912345678' });
    expect(r.idNumber).toBe(`${ID_A.slice(0, 4)}**********${ID_A.slice(-4)}`);
    expect(r.phone).toBe('139****5678');
    expect(r.sex).toBe('M');
    expect(r.birthDate).toBe('1985-03-12');
    expect(r.gridId).toBe(o.gridId);
    const same = await o.t.call('residents.save', { householdId: h.id, name: '李秀英', idNumber: ID_A });
    expect(same.id).toBe(r.id);
    expect((await o.t.call('residents.list', { filter: { q: ID_A.slice(-4) } })).rows.map((x) => x.id)).toEqual([r.id]);
    expect((await o.t.call('residents.list', { filter: { q: '5678' } })).total).toBe(1);
    expect((await o.t.call('residents.list', { filter: { q: '李' } })).total).toBe(1);
  });

  it('reveals a masked number to a clerk with an audit row, never to a viewer', async () => {
    const h = await o.t.call('households.save', { communityId: o.communityId, addressText: '幸福路8号' });
    const r = await o.t.call('residents.save', { householdId: h.id, name: '李秀英', idNumber: ID_A });
    const clerk = await o.t.sessionAs('clerk');
    expect((await o.t.call('residents.reveal', { residentId: r.id, field: 'idNumber' }, clerk)).value).toBe(ID_A);
    const viewer = await o.t.sessionAs('viewer');
    expect((await o.t.fail('residents.reveal', { residentId: r.id, field: 'idNumber' }, viewer)).code).toBe('FORBIDDEN');
    const rows = o.t.core.services.ledger.handle().prepare(`SELECT after_json FROM audit_log WHERE entity = 'reveal'`).all() as Array<{ after_json: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.after_json).not.toContain(ID_A);
  });
});
