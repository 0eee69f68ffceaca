/**
 * The thirty-second attack run (session 46), target 5: a voided 发热筛查分诊 case puts its fever back on 待处置 and a
 * restore refers it again (case-void.ts referralFevers, health-checks.repo.ts moveReferredFevers). Races between a void,
 * a restore and the fever handled meanwhile; what the lists count after each.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observedHousehold, openOffice, type Office } from '../caseload/fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice('2020-02-17T02:00:00.000Z');
});
afterEach(() => o.t.close());

const DAY = '2020-02-17';
async function waiting() {
  const today = await o.t.call('today.list', {});
  return { today: today.counts.escalation, dashboard: (await o.t.call('dashboard.summary', {})).caseload!.escalations };
}
const escalationOf = async (caseId: number, checkId: number) => (await o.t.call('checks.list', { caseId })).find((c) => c.id === checkId)!;
const db = () => o.t.core.services.ledger.handle();
/** Live 发热筛查分诊 cases of the observed person. */
const liveReferrals = () => db().prepare(`SELECT count(*) FROM cases WHERE category = 'fever_referral' AND voided_at IS NULL`).pluck().get();

async function feverReferred() {
  const { obs } = await observedHousehold(o, '2020-02-15');
  const check = (await o.t.call('checks.record', { caseId: obs.id, checkDate: DAY, temperature: 38.4, method: 'phone', checkedBy: '刘晓燕' })).check;
  const referral = await o.t.call('checks.escalate', { checkId: check.id });
  return { obs, check, referral };
}

describe('a voided referral, its fever and a restore', () => {
  it('a clerk’s window may void and restore; a viewer’s is refused and the fever stays as it was', async () => {
    const { obs, check, referral } = await feverReferred();
    const viewer = await o.t.sessionAs('viewer', 'viewer1');
    expect((await o.t.fail('cases.void', { caseId: referral.id, kind: 'mistake', reason: '错了' }, viewer)).code).toBe('FORBIDDEN');
    expect((await escalationOf(obs.id, check.id)).escalation).toBe('referred');
    const clerk = await o.t.sessionAs('clerk', 'clerk1');
    await o.t.call('cases.void', { caseId: referral.id, kind: 'mistake', reason: '错了' }, clerk);
    expect((await o.t.fail('cases.restore', { caseId: referral.id, reason: '核实' }, viewer)).code).toBe('FORBIDDEN');
    expect((await escalationOf(obs.id, check.id)).escalation).toBe('open');
  });

  it('voided twice in a row and restored twice: the second of each is refused, the fever moves once each way', async () => {
    const { obs, check, referral } = await feverReferred();
    await o.t.call('cases.void', { caseId: referral.id, kind: 'mistake', reason: '错了' });
    expect((await o.t.fail('cases.void', { caseId: referral.id, kind: 'mistake', reason: '错了' })).code).toBe('CONFLICT');
    expect(await waiting()).toEqual({ today: 1, dashboard: 1 });
    await o.t.call('cases.restore', { caseId: referral.id, reason: '核实' });
    expect((await o.t.fail('cases.restore', { caseId: referral.id, reason: '核实' })).code).toBe('CONFLICT');
    expect((await escalationOf(obs.id, check.id)).escalation).toBe('referred');
    expect(await waiting()).toEqual({ today: 0, dashboard: 0 });
  });

  it('re-referred meanwhile (a second referral, still open): the first cannot be restored beside it', async () => {
    const { obs, check, referral } = await feverReferred();
    await o.t.call('cases.void', { caseId: referral.id, kind: 'mistake', reason: '错了' });
    const second = await o.t.call('checks.escalate', { checkId: check.id });
    expect((await o.t.fail('cases.restore', { caseId: referral.id, reason: '核实' })).code).toBe('CONFLICT');
    expect(await escalationOf(obs.id, check.id)).toMatchObject({ escalation: 'referred' });
    expect(liveReferrals()).toBe(1);
    expect(second.id).not.toBe(referral.id);
  });

  // S46-A1 (fixed by the lead, 075 referral_checks): restoreCase found the fevers to refer again by
  // health_checks.referral_case_id, which the second referral overwrote; each referral now keeps its fever.
  it('S46-A1: the second referral voided too, then the first restored: the fever is not left on 待处置 under a live referral', async () => {
    const { obs, check, referral } = await feverReferred();
    await o.t.call('cases.void', { caseId: referral.id, kind: 'mistake', reason: '错了' });
    const second = await o.t.call('checks.escalate', { checkId: check.id });
    await o.t.call('cases.void', { caseId: second.id, kind: 'duplicate', reason: '重复' });
    await o.t.call('cases.restore', { caseId: referral.id, reason: '第一次是对的' });
    // The first referral lives again and was opened for this fever; the fever should not wait on 待处置 beside it.
    expect(liveReferrals()).toBe(1);
    expect((await escalationOf(obs.id, check.id)).escalation).toBe('referred');
    expect(await waiting()).toEqual({ today: 0, dashboard: 0 });
  });

  // S46-A2 (fixed by the lead): the restore refused a twin only among open cases; a fever referred again, its second
  // referral closed, now refuses the first's restore (case-void.ts refuseFeverReferredAgain).
  it('S46-A2: re-referred meanwhile and the second referral closed: the first is not restored beside it', async () => {
    const { check, referral } = await feverReferred();
    await o.t.call('cases.void', { caseId: referral.id, kind: 'mistake', reason: '错了' });
    const second = await o.t.call('checks.escalate', { checkId: check.id });
    await o.t.call('cases.transition', { caseId: second.id, to: 'closed', reason: '排除' });
    const r = await o.t.raw('cases.restore', { caseId: referral.id, reason: '核实' });
    // One fever, one referral: a restore beside a second referral made for the same fever meanwhile would count two.
    expect([r.ok, liveReferrals()]).toEqual([false, 1]);
  });
});
