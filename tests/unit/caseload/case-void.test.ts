/**
 * 作废登记 (cases.void) and 撤销作废 (cases.restore): who may, the reason each asks for in words naming the field, the
 * audit row saying who, when and why, a voided case read-only until restored, the grid hiding it unless 显示已作废.
 * The figures it leaves: tests/integration/figures/void-recount.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observedHousehold, openOffice, type Office } from './fixture';
import { admitAt } from '../../helpers/ledger';

let o: Office;
beforeEach(async () => {
  o = await openOffice('2020-02-17T01:00:00.000Z');
});
afterEach(() => o.t.close());

const auditOf = (caseId: number) =>
  (
    o.t.core.services.ledger
      .handle()
      .prepare(`SELECT channel, after_json AS afterJson FROM audit_log WHERE entity = 'case' AND entity_id = @id ORDER BY id`)
      .all({ id: String(caseId) }) as Array<{ channel: string; afterJson: string }>
  ).map((r) => ({ channel: r.channel, after: JSON.parse(r.afterJson) as Record<string, unknown> }));

describe('作废登记', () => {
  it('a clerk voids with a reason; the case is kept, marked, audited, and left out of the grid unless 显示已作废', async () => {
    const { obs } = await observedHousehold(o);
    const clerk = await o.t.sessionAs('clerk');
    const voided = await o.t.call('cases.void', { caseId: obs.id, kind: 'duplicate', reason: '与和平社区报表重复' }, clerk);
    expect(voided).toMatchObject({ id: obs.id, voidedBy: '测试clerk', voidReason: '重复登记：与和平社区报表重复', voidedAt: '2020-02-17T01:00:00.000Z' });
    expect(auditOf(obs.id).at(-1)).toEqual({
      channel: 'cases.void',
      after: { action: '作废登记', voided_at: '2020-02-17T01:00:00.000Z', voided_by: '测试clerk', void_reason: '重复登记：与和平社区报表重复' },
    });
    expect((await o.t.call('cases.list', { limit: 50 })).total).toBe(0);
    const shown = await o.t.call('cases.list', { filter: { withVoided: true }, limit: 50 });
    expect(shown.rows.map((r) => [r.id, r.voidReason])).toEqual([[obs.id, '重复登记：与和平社区报表重复']]);
    // The drawer still opens it, with its history.
    expect((await o.t.call('cases.get', { id: obs.id })).case.voidedAt).toBe('2020-02-17T01:00:00.000Z');
  });

  it('asks for the reason in words naming the field; viewers never may; twice is a CONFLICT in words', async () => {
    const { obs } = await observedHousehold(o);
    const viewer = await o.t.sessionAs('viewer');
    expect((await o.t.fail('cases.void', { caseId: obs.id, kind: 'mistake' }, viewer)).code).toBe('FORBIDDEN');
    const noKind = await o.t.fail('cases.void', { caseId: obs.id });
    expect([noKind.code, noKind.message]).toEqual(['BAD_INPUT', expect.stringContaining('作废原因')]);
    const other = await o.t.fail('cases.void', { caseId: obs.id, kind: 'other', reason: '  ' });
    expect([other.code, other.message]).toEqual(['BAD_INPUT', '「作废说明」必填：作废原因选了「其他」，请写明原因']);
    expect((await o.t.call('cases.get', { id: obs.id })).case.voidedAt).toBeNull();
    await o.t.call('cases.void', { caseId: obs.id, kind: 'mistake' });
    const again = await o.t.fail('cases.void', { caseId: obs.id, kind: 'mistake' });
    expect([again.code, again.message]).toEqual(['CONFLICT', `个案（编号 ${obs.id}）已于 2020-02-17 由 王建国 作废，不能重复作废`]);
  });

  it("says the office's day it was voided on: at 17:30 UTC the office is already on the next day", async () => {
    const { obs } = await observedHousehold(o);
    await admitAt(o.t, '2020-02-17T17:30:00.000Z');
    await o.t.call('cases.void', { caseId: obs.id, kind: 'mistake' });
    const again = await o.t.fail('cases.void', { caseId: obs.id, kind: 'mistake' });
    expect(again.message).toBe(`个案（编号 ${obs.id}）已于 2020-02-18 由 王建国 作废，不能重复作废`);
  });

  it('a voided case is read-only: no edit, no status change, no check, no referral of its fever, until restored', async () => {
    const { obs } = await observedHousehold(o);
    const fever = await o.t.call('checks.record', { caseId: obs.id, checkDate: '2020-02-15', temperature: 38.2, method: 'phone', checkedBy: '刘晓燕' });
    await o.t.call('cases.void', { caseId: obs.id, kind: 'mistake', reason: '登错了人' });
    const refusals = [
      await o.t.fail('cases.update', { caseId: obs.id, notes: '改一下' }),
      await o.t.fail('cases.transition', { caseId: obs.id, to: 'released', reason: '提前解除' }),
      await o.t.fail('cases.bulkTransition', { caseIds: [obs.id], to: 'released', reason: '提前解除' }),
      await o.t.fail('checks.record', { caseId: obs.id, checkDate: '2020-02-16', temperature: 36.5, method: 'phone', checkedBy: '刘晓燕' }),
      await o.t.fail('checks.escalate', { checkId: fever.check.id }),
    ];
    for (const r of refusals) expect([r.code, r.message]).toEqual(['CONFLICT', expect.stringContaining('已作废（登记有误：登错了人），不能再修改')]);
    expect((await o.t.call('checks.list', { caseId: obs.id })).map((k) => k.checkDate)).toEqual(['2020-02-15']);
    expect((await o.t.call('cases.list', { filter: { category: 'fever_referral', withVoided: true }, limit: 5 })).total).toBe(0);
  });

  it('a coordinator restores it with a reason (clerks may not), audited; a case not voided, or registered again meanwhile, is a CONFLICT', async () => {
    const { obs, person } = await observedHousehold(o);
    await o.t.call('cases.void', { caseId: obs.id, kind: 'mistake' });
    const clerk = await o.t.sessionAs('clerk');
    expect((await o.t.fail('cases.restore', { caseId: obs.id, reason: '误作废' }, clerk)).code).toBe('FORBIDDEN');
    const blank = await o.t.fail('cases.restore', { caseId: obs.id, reason: '' });
    expect([blank.code, blank.message]).toEqual(['BAD_INPUT', expect.stringContaining('撤销原因')]);
    // Registered again, rightly, while voided: the open duplicate check leaves the voided case out.
    const again = await o.t.call('cases.open', { residentId: person.id, category: 'home_observation', obsStartOn: '2020-02-15', openedOn: '2020-02-15' });
    const twin = await o.t.fail('cases.restore', { caseId: obs.id, reason: '误作废' });
    expect([twin.code, twin.message]).toEqual(['CONFLICT', `该居民已有在办的居家观察个案（编号 ${again.id}），不能撤销作废；请先办结那一个`]);
    await o.t.call('cases.void', { caseId: again.id, kind: 'duplicate' });
    const restored = await o.t.call('cases.restore', { caseId: obs.id, reason: '误作废' });
    expect([restored.voidedAt, restored.voidedBy, restored.voidReason]).toEqual([null, null, null]);
    expect(auditOf(obs.id).at(-1)).toEqual({ channel: 'cases.restore', after: { action: '撤销作废', voided_at: null, reason: '误作废' } });
    expect((await o.t.call('cases.list', { limit: 50 })).rows.map((r) => r.id)).toEqual([obs.id]);
    // 办理记录 says both, with their reasons.
    expect((await o.t.call('cases.get', { id: obs.id })).timeline.map((e) => e.what).slice(-2)).toEqual(['作废登记：登记有误', '撤销作废：误作废']);
    const notVoided = await o.t.fail('cases.restore', { caseId: obs.id, reason: '再来一次' });
    expect([notVoided.code, notVoided.message]).toEqual(['CONFLICT', `个案（编号 ${obs.id}）没有作废，不需要撤销作废`]);
    // Writable again.
    await o.t.call('cases.update', { caseId: obs.id, notes: '恢复后补记' });
    expect(await o.t.call('audit.verify', {})).toMatchObject({ intact: true });
  });
});
