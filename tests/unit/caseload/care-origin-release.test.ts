/**
 * Releasing an observation that dependants' care cases were opened for: release asks about
 * each (keep by default: never closed silently); one the user closes is closed with its
 * audit row in the release's transaction, its reason naming the release.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { observedHousehold, openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice('2020-02-17T01:00:00.000Z');
});
afterEach(() => o.t.close());

async function resident(name: string, birth: string, seq: number) {
  const h = await o.t.call('households.save', { communityId: o.otherCommunityId, gridId: o.otherGridId, addressText: `和平路${seq}号`, headName: name });
  return o.t.call('residents.save', { householdId: h.id, name, idNumber: makeIdNumber('410105', birth, seq), tags: ['solitary_elderly'] });
}

/** 王建华 observed from 02-03 (period over by 02-17), 赵秀兰's care case opened because of it, and the household elder's task decided. */
async function scene() {
  const { obs } = await observedHousehold(o, '2020-02-03');
  const elder = await resident('赵秀兰', '1938-05-02', 31);
  const care = await o.t.call('cases.open', { residentId: elder.id, category: 'solitary_elderly', originCaseId: obs.id });
  const task = (await o.t.call('cases.get', { id: obs.id })).careTasks.find((t) => t.triggerCaseId === obs.id)!;
  return { obs, care, careTasks: [{ careTaskId: task.id, keep: true }] };
}

function auditOf(caseId: number) {
  return o.t.core.services.ledger
    .handle()
    .prepare(`SELECT channel, after_json AS afterJson FROM audit_log WHERE entity = 'case' AND entity_id = @id ORDER BY id`)
    .all({ id: String(caseId) }) as Array<{ channel: string; afterJson: string }>;
}

function closeReasonOf(caseId: number): string | null {
  const row = o.t.core.services.ledger.handle().prepare(`SELECT close_reason AS closeReason FROM cases WHERE id = @caseId`).get({ caseId }) as {
    closeReason: string | null;
  };
  return row.closeReason;
}

describe('release and the care cases opened because of it', () => {
  it('lists the dependant on the 待解除观察 item with the choice', async () => {
    const { obs, care } = await scene();
    const item = (await o.t.call('today.list', {})).items.find((i) => i.kind === 'release_due');
    if (item?.kind !== 'release_due') throw new Error('not listed');
    expect(item.caseId).toBe(obs.id);
    expect(item.careCases).toEqual([{ careCaseId: care.id, residentName: '赵秀兰', category: 'solitary_elderly' }]);
    expect(item.detail).toContain('照料个案 1 件');
  });

  it('keeps the care case open when kept', async () => {
    const { obs, care, careTasks } = await scene();
    await o.t.call('cases.transition', { caseId: obs.id, to: 'released', reason: '补登', careTasks, careCases: [{ careCaseId: care.id, keep: true }] });
    const detail = await o.t.call('cases.get', { id: care.id });
    expect(detail.case.status).toBe('open');
    expect(detail.careTasks.some((t) => t.status === 'open')).toBe(true);
    expect(auditOf(care.id).map((a) => a.channel)).toEqual(['cases.open']);
  });

  it('keeps it open when the release says nothing about it (never closed silently)', async () => {
    const { obs, care, careTasks } = await scene();
    await o.t.call('cases.transition', { caseId: obs.id, to: 'released', reason: '补登', careTasks });
    expect((await o.t.call('cases.get', { id: care.id })).case.status).toBe('open');
    expect(auditOf(care.id).map((a) => a.channel)).toEqual(['cases.open']);
  });

  it('closes it with the release when chosen, with its audit row and a reason naming the release', async () => {
    const { obs, care, careTasks } = await scene();
    await o.t.call('cases.transition', { caseId: obs.id, to: 'released', reason: '补登', careTasks, careCases: [{ careCaseId: care.id, keep: false }] });
    const detail = await o.t.call('cases.get', { id: care.id });
    expect(detail.case).toMatchObject({ status: 'closed', closedOn: '2020-02-17' });
    expect(closeReasonOf(care.id)).toBe('照料缘由解除：王建华解除居家观察');
    expect(detail.careTasks.every((t) => t.status !== 'open')).toBe(true);
    const rows = auditOf(care.id);
    expect(rows.map((a) => a.channel)).toEqual(['cases.open', 'cases.transition']);
    expect(JSON.parse(rows[1]!.afterJson)).toMatchObject({ status: 'closed', close_reason: '照料缘由解除：王建华解除居家观察' });
    expect((await o.t.call('today.list', {})).items.some((i) => i.kind === 'care_visit_due' && i.title === '赵秀兰')).toBe(false);
  });

  it('leaves a care case of another observation, and one already closed, untouched', async () => {
    const { obs, care, careTasks } = await scene();
    const other = await resident('钱德明', '1980-01-09', 41);
    const otherObs = await o.t.call('cases.open', { residentId: other.id, category: 'home_observation', obsStartOn: '2020-02-10', openedOn: '2020-02-10' });
    const child = await resident('钱小宝', '2014-06-01', 52);
    const otherCare = await o.t.call('cases.open', { residentId: child.id, category: 'child_without_guardian', originCaseId: otherObs.id });
    const elder2 = await resident('孙玉珍', '1936-03-03', 63);
    const done = await o.t.call('cases.open', { residentId: elder2.id, category: 'solitary_elderly', originCaseId: obs.id });
    await o.t.call('cases.transition', { caseId: done.id, to: 'closed', reason: '已由子女接走' });
    const before = auditOf(done.id).length;

    // Neither may be named in this release's decisions: the whole release is refused, nothing written.
    for (const careCaseId of [otherCare.id, done.id]) {
      const e = await o.t.fail('cases.transition', { caseId: obs.id, to: 'released', reason: '补登', careTasks, careCases: [{ careCaseId, keep: false }] });
      expect(e.message).toContain(`「照料个案」编号 ${careCaseId}`);
      expect((await o.t.call('cases.get', { id: obs.id })).case.status).toBe('observing');
    }
    await o.t.call('cases.transition', { caseId: obs.id, to: 'released', reason: '补登', careTasks, careCases: [{ careCaseId: care.id, keep: false }] });
    expect((await o.t.call('cases.get', { id: otherCare.id })).case.status).toBe('open');
    expect((await o.t.call('cases.get', { id: done.id })).case.status).toBe('closed');
    expect(closeReasonOf(done.id)).toBe('已由子女接走');
    expect(auditOf(done.id)).toHaveLength(before);
    expect(auditOf(otherCare.id).map((a) => a.channel)).toEqual(['cases.open']);
  });

  it('decides care cases only on release: a referral leaves the dependant’s care case open', async () => {
    const { obs, care, careTasks } = await scene();
    const e = await o.t.fail('cases.transition', {
      caseId: obs.id,
      to: 'referred',
      reason: '转医学观察点',
      careTasks,
      careCases: [{ careCaseId: care.id, keep: false }],
    });
    expect(e.message).toContain('只在解除观察时');
    await o.t.call('cases.transition', { caseId: obs.id, to: 'referred', reason: '转医学观察点', careTasks });
    expect((await o.t.call('cases.get', { id: care.id })).case.status).toBe('open');
  });
});
