/**
 * The thirtieth attack run (session 44), target 1: 作废登记 (case-void.ts) and the care channels. A voided case is
 * read-only until restored and counted nowhere (careTaskOwed, liveCase); these are the writes that reach a voided case
 * by another way than its id: an observation's release (the care cases opened because of it), a care case opened
 * "because of" a voided observation, and the visits and closing of a care task a voided case no longer owes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { observedHousehold, openOffice, type Office } from '../caseload/fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice('2020-02-17T01:00:00.000Z');
});
afterEach(() => o.t.close());

const db = () => o.t.core.services.ledger.handle();

/** 赵秀兰 (another household) whose care case was opened because of 王建华's observation (from 02-03, over by 02-17). */
async function careBecauseOf() {
  const { obs } = await observedHousehold(o, '2020-02-03');
  const h = await o.t.call('households.save', { communityId: o.otherCommunityId, gridId: o.otherGridId, addressText: '和平路31号', headName: '赵秀兰' });
  const elder = await o.t.call('residents.save', { householdId: h.id, name: '赵秀兰', idNumber: makeIdNumber('410105', '1938-05-02', 31) });
  const care = await o.t.call('cases.open', { residentId: elder.id, category: 'solitary_elderly', originCaseId: obs.id });
  const linked = (await o.t.call('cases.get', { id: obs.id })).careTasks.filter((t) => t.triggerCaseId === obs.id);
  return { obs, care, careTasks: linked.map((t) => ({ careTaskId: t.id, keep: true })) };
}

function caseState(id: number) {
  return db().prepare(`SELECT status, closed_on AS closedOn, voided_at AS voidedAt FROM cases WHERE id = @id`).get({ id });
}

describe('S44-A1: an observation’s release and a voided care case opened because of it', () => {
  it('the 待解除观察 item does not offer the voided care case', async () => {
    const { obs, care } = await careBecauseOf();
    await o.t.call('cases.void', { caseId: care.id, kind: 'duplicate', reason: '' });
    const item = (await o.t.call('today.list', {})).items.find((i) => i.kind === 'release_due');
    if (item?.kind !== 'release_due') throw new Error('not listed');
    expect(item.caseId).toBe(obs.id);
    expect(item.careCases).toEqual([]);
  }, 60_000);

  it('a release naming the voided care case to close is refused naming it; the voided row is not written', async () => {
    const { obs, care, careTasks } = await careBecauseOf();
    await o.t.call('cases.void', { caseId: care.id, kind: 'duplicate', reason: '' });
    const before = caseState(care.id);
    const observation = caseState(obs.id);
    const e = await o.t.fail('cases.transition', {
      caseId: obs.id,
      to: 'released',
      reason: '补登',
      careTasks,
      careCases: [{ careCaseId: care.id, keep: false }],
    });
    expect([e.code, e.message]).toEqual(['BAD_INPUT', expect.stringContaining(`编号 ${care.id}`)]);
    expect(caseState(care.id)).toEqual(before);
    expect(caseState(obs.id)).toEqual(observation);
  }, 60_000);
});

describe('S44-A2: a care case opened “because of” a voided observation', () => {
  it('is refused in words naming the origin field and the case', async () => {
    const { obs } = await observedHousehold(o, '2020-02-10');
    await o.t.call('cases.void', { caseId: obs.id, kind: 'mistake', reason: '' });
    const h = await o.t.call('households.save', { communityId: o.otherCommunityId, gridId: o.otherGridId, addressText: '和平路32号', headName: '钱秀英' });
    const elder = await o.t.call('residents.save', { householdId: h.id, name: '钱秀英', idNumber: makeIdNumber('410105', '1939-01-02', 32) });
    const e = await o.t.fail('cases.open', { residentId: elder.id, category: 'solitary_elderly', originCaseId: obs.id });
    expect([e.code, e.message]).toEqual(['BAD_INPUT', expect.stringMatching(new RegExp(`照料缘由.*${obs.id}.*已作废`))]);
    expect(db().prepare(`SELECT count(*) FROM cases WHERE resident_id = @id`).pluck().get({ id: elder.id })).toBe(0);
  }, 60_000);
});

describe('S44-A3: the care task of a voided care case (no longer owed, read-only until restored)', () => {
  async function voidedCareTask() {
    const { care } = await careBecauseOf();
    const task = db().prepare(`SELECT id FROM care_tasks WHERE care_case_id = @id`).get({ id: care.id }) as { id: number };
    await o.t.call('cases.void', { caseId: care.id, kind: 'duplicate', reason: '' });
    return { care, task };
  }
  const taskState = (id: number) => db().prepare(`SELECT status, next_visit_on AS next FROM care_tasks WHERE id = @id`).get({ id });

  it('登记走访 (care.visits.record) is refused naming the voided case; no visit written', async () => {
    const { care, task } = await voidedCareTask();
    const before = taskState(task.id);
    const e = await o.t.fail('care.visits.record', { careTaskId: task.id, visitDate: '2020-02-17', visitedBy: '李敏' });
    expect([e.code, e.message]).toEqual(['CONFLICT', expect.stringMatching(new RegExp(`${care.id}.*已作废`))]);
    expect(db().prepare(`SELECT count(*) FROM care_visits`).pluck().get()).toBe(0);
    expect(taskState(task.id)).toEqual(before);
  }, 60_000);

  it('结束照料 (care.tasks.close) is refused the same way; the task stays as it was for a restore', async () => {
    const { care, task } = await voidedCareTask();
    const e = await o.t.fail('care.tasks.close', { careTaskId: task.id, reason: '不再需要' });
    expect([e.code, e.message]).toEqual(['CONFLICT', expect.stringMatching(new RegExp(`${care.id}.*已作废`))]);
    expect(taskState(task.id)).toMatchObject({ status: 'open' });
  }, 60_000);

  it('control: restored, the same task takes a visit again', async () => {
    const { care, task } = await voidedCareTask();
    await o.t.call('cases.restore', { caseId: care.id, reason: '作废有误' });
    await o.t.call('care.visits.record', { careTaskId: task.id, visitDate: '2020-02-17', visitedBy: '李敏' });
    expect(db().prepare(`SELECT count(*) FROM care_visits`).pluck().get()).toBe(1);
  }, 60_000);
});

describe('S44-A5: a housemate’s daily care that only a voided 特困 case made owed, at the observation’s release', () => {
  /** 王建华 observed from 02-03 (over by 02-17); 李秀珍 in the same household, 特困 by a case voided as a mistake. */
  async function scene() {
    const h = await o.t.call('households.save', { communityId: o.communityId, gridId: o.gridId, addressText: '幸福小区5号楼101室', headName: '王建华' });
    const person = await o.t.call('residents.save', { householdId: h.id, name: '王建华', idNumber: makeIdNumber('410102', '1985-03-12', 41) });
    const member = await o.t.call('residents.save', { householdId: h.id, name: '李秀珍', idNumber: makeIdNumber('410102', '1950-06-01', 42) });
    const poor = await o.t.call('cases.open', { residentId: member.id, category: 'extreme_poverty' });
    const obs = await o.t.call('cases.open', { residentId: person.id, category: 'home_observation', obsStartOn: '2020-02-03', openedOn: '2020-02-03' });
    const task = db().prepare(`SELECT id FROM care_tasks WHERE trigger_case_id = @id`).get({ id: obs.id }) as { id: number };
    await o.t.call('cases.void', { caseId: poor.id, kind: 'mistake', reason: '' });
    return { obs, task };
  }

  it('the 待解除观察 item does not ask about it', async () => {
    const { obs } = await scene();
    const item = (await o.t.call('today.list', {})).items.find((i) => i.kind === 'release_due');
    if (item?.kind !== 'release_due') throw new Error('not listed');
    expect([item.caseId, item.careTasks]).toEqual([obs.id, []]);
  }, 60_000);

  it('the release needs no decision on it and ends it with the observation (a restore of the 特困 case finds it ended)', async () => {
    const { obs, task } = await scene();
    await o.t.call('cases.transition', { caseId: obs.id, to: 'released', reason: '补登' });
    expect(db().prepare(`SELECT status FROM care_tasks WHERE id = @id`).pluck().get({ id: task.id })).toBe('done');
  }, 60_000);
});
