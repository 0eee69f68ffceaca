/**
 * The notice's elders and children: a care case opened from a staff member's record (their
 * dependant, while they work on the front line) or from a quarantined person's observation
 * (a dependant at another address), and 生活不能自理 making the visits daily.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { nextDay, observedHousehold, openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice();
});
afterEach(() => o.t.close());

/** A household at another address with one elder living alone. */
async function elderElsewhere(tags: Array<'solitary_elderly' | 'cannot_self_care'> = ['solitary_elderly']) {
  const h = await o.t.call('households.save', { communityId: o.otherCommunityId, gridId: o.otherGridId, addressText: '和平路8号', headName: '赵秀兰' });
  return o.t.call('residents.save', { householdId: h.id, name: '赵秀兰', idNumber: makeIdNumber('410105', '1938-05-02', 31), tags });
}

async function careTaskOf(caseId: number) {
  const detail = await o.t.call('cases.get', { id: caseId });
  const task = detail.careTasks.find((t) => t.status === 'open');
  if (!task) throw new Error('no open care task');
  return { detail, task };
}

describe('care for dependants (空巢老人, 监护缺失儿童)', () => {
  it('opens a care case from a quarantined person’s observation for an elder at another address, and says why', async () => {
    const { obs } = await observedHousehold(o);
    const elder = await elderElsewhere();
    const care = await o.t.call('cases.open', { residentId: elder.id, category: 'solitary_elderly', originCaseId: obs.id });
    const { detail, task } = await careTaskOf(care.id);
    expect(detail.careFor).toBe('子女亲属王建华居家观察');
    expect(task.reason).toContain('子女亲属王建华居家观察');
    expect(task.intervalDays).toBe(7);
    const today = await o.t.call('today.list', {});
    expect(today.items.some((i) => i.kind === 'care_visit_due' && i.title === '赵秀兰')).toBe(true);
  });

  it('opens a care case from a staff member’s record for their dependant', async () => {
    const staff = await o.t.call('rota.staff.save', { name: '李志强', kind: 'community_worker', communityId: o.communityId, phone: '13900000000' });
    const h = await o.t.call('households.save', { communityId: o.communityId, gridId: o.gridId, addressText: '幸福路9号', headName: '李志强' });
    const child = await o.t.call('residents.save', { householdId: h.id, name: '李小雨', idNumber: makeIdNumber('410102', '2013-09-01', 62) });
    const care = await o.t.call('cases.open', { residentId: child.id, category: 'child_without_guardian', originStaffId: staff.id });
    const { detail } = await careTaskOf(care.id);
    expect(detail.careFor).toBe('子女亲属李志强参加疫情防控一线工作');
  });

  it('refuses an origin that is not an observation, the person themself, both at once, or on a case that is not care', async () => {
    const { obs, person } = await observedHousehold(o);
    const elder = await elderElsewhere();
    const staff = await o.t.call('rota.staff.save', { name: '李志强', kind: 'community_worker', communityId: o.communityId, phone: '13900000000' });
    const notObs = await o.t.call('cases.open', { residentId: person.id, category: 'returnee' });
    expect((await o.t.fail('cases.open', { residentId: elder.id, category: 'solitary_elderly', originCaseId: notObs.id })).message).toContain(
      '不是居家观察或医学观察',
    );
    expect((await o.t.fail('cases.open', { residentId: person.id, category: 'solitary_elderly', originCaseId: obs.id })).message).toContain(
      '不能是被照料人本人',
    );
    expect(
      (await o.t.fail('cases.open', { residentId: elder.id, category: 'solitary_elderly', originCaseId: obs.id, originStaffId: staff.id })).message,
    ).toContain('请只选一项');
    expect((await o.t.fail('cases.open', { residentId: elder.id, category: 'psychological_support', originStaffId: staff.id })).message).toContain(
      '「照料缘由」只适用于照料类个案',
    );
    expect((await o.t.fail('cases.open', { residentId: elder.id, category: 'solitary_elderly', originStaffId: 9999 })).message).toContain(
      '「照料缘由（工作人员）」',
    );
    // Nothing half-written: no care case was opened by the refused calls.
    expect((await o.t.call('cases.list', { filter: { categories: ['solitary_elderly'] }, limit: 10, offset: 0 })).total).toBe(0);
  });

  it('visits someone 生活不能自理 daily, and moves an open case to daily (and back) when the flag is set or cleared', async () => {
    const daily = await elderElsewhere(['solitary_elderly', 'cannot_self_care']);
    const careDaily = await o.t.call('cases.open', { residentId: daily.id, category: 'solitary_elderly' });
    expect((await careTaskOf(careDaily.id)).task.intervalDays).toBe(1);

    const h = await o.t.call('households.save', { communityId: o.communityId, gridId: o.gridId, addressText: '幸福路12号', headName: '孙玉珍' });
    const weekly = await o.t.call('residents.save', {
      householdId: h.id,
      name: '孙玉珍',
      idNumber: makeIdNumber('410102', '1936-01-20', 84),
      tags: ['solitary_elderly'],
    });
    const care = await o.t.call('cases.open', { residentId: weekly.id, category: 'solitary_elderly' });
    let { task } = await careTaskOf(care.id);
    await o.t.call('care.visits.record', { careTaskId: task.id, visitDate: '2020-02-17', visitedBy: '刘晓燕' });
    ({ task } = await careTaskOf(care.id));
    expect(task).toMatchObject({ intervalDays: 7, nextVisitOn: '2020-02-24' });
    await nextDay(o);
    await o.t.call('residents.save', { id: weekly.id, name: '孙玉珍', tags: ['solitary_elderly', 'cannot_self_care'] });
    ({ task } = await careTaskOf(care.id));
    expect(task).toMatchObject({ intervalDays: 1, nextVisitOn: '2020-02-18' });
    expect((await o.t.call('today.list', {})).items.some((i) => i.kind === 'care_visit_due' && i.title === '孙玉珍')).toBe(true);
    await o.t.call('residents.save', { id: weekly.id, name: '孙玉珍', tags: ['solitary_elderly'] });
    ({ task } = await careTaskOf(care.id));
    expect(task.intervalDays).toBe(7);
  });
});
