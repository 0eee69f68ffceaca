/**
 * The thirty-third attack run (session 47), target 3: migration 075 referral_checks (each 发热筛查分诊 case keeps the
 * fever it was opened for; case-void.ts). Void, restore and re-refer with three referrals of one fever, one closed
 * between: at every step one live referral at most, and the fever names it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observedHousehold, openOffice, type Office } from '../caseload/fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice('2020-02-17T02:00:00.000Z');
});
afterEach(() => o.t.close());

const db = () => o.t.core.services.ledger.handle();
const live = () => db().prepare(`SELECT id FROM cases WHERE category = 'fever_referral' AND voided_at IS NULL ORDER BY id`).pluck().all();
const VOID = { kind: 'mistake', reason: '错了' } as const;

describe('three referrals of one fever', () => {
  it('held: voided, re-referred, closed, restored in turn: never two live referrals, the fever always names the live one', async () => {
    const { obs } = await observedHousehold(o, '2020-02-15');
    const check = (await o.t.call('checks.record', { caseId: obs.id, checkDate: '2020-02-17', temperature: 38.6, method: 'phone', checkedBy: '刘晓燕' })).check;
    const fever = async () => (await o.t.call('checks.list', { caseId: obs.id })).find((c) => c.id === check.id)!;
    const r1 = (await o.t.call('checks.escalate', { checkId: check.id })).id;
    await o.t.call('cases.void', { caseId: r1, ...VOID });
    const r2 = (await o.t.call('checks.escalate', { checkId: check.id })).id;
    await o.t.call('cases.void', { caseId: r2, ...VOID });
    const r3 = (await o.t.call('checks.escalate', { checkId: check.id })).id;
    await o.t.call('cases.transition', { caseId: r3, to: 'closed', reason: '排除' });
    expect(live()).toEqual([r3]);
    // While R3 stands (closed), neither earlier one comes back.
    for (const r of [r1, r2])
      expect(await o.t.fail('cases.restore', { caseId: r, reason: '核实' })).toMatchObject({ code: 'CONFLICT', details: { caseId: r3 } });
    // R3 voided: the fever waits again; R2 restored takes it; R1 is refused naming R2.
    await o.t.call('cases.void', { caseId: r3, ...VOID });
    expect(await fever()).toMatchObject({ escalation: 'open' });
    await o.t.call('cases.restore', { caseId: r2, reason: '核实' });
    expect(await fever()).toMatchObject({ escalation: 'referred' });
    expect(db().prepare(`SELECT referral_case_id FROM health_checks WHERE id = ?`).pluck().get(check.id)).toBe(r2);
    expect(await o.t.fail('cases.restore', { caseId: r1, reason: '核实' })).toMatchObject({ code: 'CONFLICT', details: { caseId: r2 } });
    // R3 (closed) restored beside R2: refused too.
    expect(await o.t.fail('cases.restore', { caseId: r3, reason: '核实' })).toMatchObject({ code: 'CONFLICT', details: { caseId: r2 } });
    expect(live()).toEqual([r2]);
    expect((await o.t.call('today.list', {})).counts.escalation).toBe(0);
  });

  it('held: a fever dismissed while its referral is voided stays dismissed at the restore (handled meanwhile)', async () => {
    const { obs } = await observedHousehold(o, '2020-02-15');
    const check = (await o.t.call('checks.record', { caseId: obs.id, checkDate: '2020-02-17', temperature: 38.6, method: 'phone', checkedBy: '刘晓燕' })).check;
    const r1 = (await o.t.call('checks.escalate', { checkId: check.id })).id;
    await o.t.call('cases.void', { caseId: r1, ...VOID });
    await o.t.call('checks.dismiss', { checkId: check.id, note: '复测正常' });
    await o.t.call('cases.restore', { caseId: r1, reason: '核实' });
    expect((await o.t.call('checks.list', { caseId: obs.id })).find((c) => c.id === check.id)).toMatchObject({ escalation: 'dismissed' });
  });
});
