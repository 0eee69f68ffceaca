/**
 * The thirtieth attack run (session 44), target 1, what held: 作废登记's words and its race with a new registration.
 * A clerk's window (a compromised renderer) writes 作废说明 with marks nobody sees (a right-to-left override, a bell)
 * to make the drawer and 操作日志 read otherwise than stored; the reason's length bound; a restore in one window racing
 * a new registration of the same person in another (the core is one thread: whichever comes second is refused).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observedHousehold, openOffice, type Office } from '../caseload/fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice('2020-02-17T01:00:00.000Z');
});
afterEach(() => o.t.close());

const db = () => o.t.core.services.ledger.handle();

describe('作废说明 as a clerk’s window may send it', () => {
  it('marks nobody sees are dropped before it is stored and audited; the audit row names who', async () => {
    const { obs } = await observedHousehold(o);
    const clerk = await o.t.sessionAs('clerk', 'clerk1');
    await o.t.call('cases.void', { caseId: obs.id, kind: 'other', reason: '\u202e误登\u0007\u200b记\u2066' }, clerk);
    const stored = db().prepare(`SELECT void_reason FROM cases WHERE id = @id`).pluck().get({ id: obs.id });
    expect(stored).toBe('其他：误登记');
    const row = db()
      .prepare(`SELECT username, after_json AS after FROM audit_log WHERE channel = 'cases.void' AND entity_id = @id`)
      .get({ id: String(obs.id) }) as { username: string; after: string };
    expect(row.username).toBe('clerk1');
    expect(JSON.parse(row.after)).toMatchObject({ action: '作废登记', void_reason: '其他：误登记', voided_by: '测试clerk' });
  }, 60_000);

  it('only marks nobody sees, under 其他, is a reason left blank: refused naming 作废说明', async () => {
    const { obs } = await observedHousehold(o);
    const e = await o.t.fail('cases.void', { caseId: obs.id, kind: 'other', reason: '\u200b\u202e\u0007' });
    expect([e.code, e.message]).toEqual(['BAD_INPUT', expect.stringContaining('作废说明')]);
  }, 60_000);

  it('201 characters are refused naming the field; nothing voided', async () => {
    const { obs } = await observedHousehold(o);
    const e = await o.t.fail('cases.void', { caseId: obs.id, kind: 'other', reason: '误'.repeat(201) });
    expect([e.code, e.message]).toEqual(['BAD_INPUT', expect.stringMatching(/作废说明.*最多 200 个字/)]);
    expect(db().prepare(`SELECT voided_at FROM cases WHERE id = @id`).pluck().get({ id: obs.id })).toBeNull();
  }, 60_000);
});

describe('撤销作废 in one window, the person registered again in another', () => {
  it('registered again first: the restore is refused naming the new case', async () => {
    const { obs, person } = await observedHousehold(o);
    const clerk = await o.t.sessionAs('clerk', 'clerk1');
    await o.t.call('cases.void', { caseId: obs.id, kind: 'mistake', reason: '' }, clerk);
    const again = await o.t.call('cases.open', { residentId: person.id, category: 'home_observation', obsStartOn: '2020-02-16' }, clerk);
    const e = await o.t.fail('cases.restore', { caseId: obs.id, reason: '作废有误' });
    expect([e.code, e.message]).toEqual(['CONFLICT', expect.stringContaining(`编号 ${again.id}`)]);
  }, 60_000);

  it('restored first: the new registration is refused as a second open case', async () => {
    const { obs, person } = await observedHousehold(o);
    const clerk = await o.t.sessionAs('clerk', 'clerk1');
    await o.t.call('cases.void', { caseId: obs.id, kind: 'mistake', reason: '' }, clerk);
    await o.t.call('cases.restore', { caseId: obs.id, reason: '作废有误' });
    const e = await o.t.fail('cases.open', { residentId: person.id, category: 'home_observation', obsStartOn: '2020-02-16' }, clerk);
    expect([e.code, e.message]).toEqual(['CONFLICT', expect.stringContaining('已有一个进行中')]);
    expect(db().prepare(`SELECT count(*) FROM cases WHERE resident_id = @id`).pluck().get({ id: person.id })).toBe(1);
  }, 60_000);
});
