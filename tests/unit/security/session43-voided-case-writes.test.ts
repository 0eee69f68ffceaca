/**
 * The twenty-ninth attack run (session 43), the lead's item 8: 作废登记 (cases.void, 70c8bc1e) makes a voided case
 * read-only (case-void.ts refuseVoided) and leaves it out of every figure (liveCase). Writes that reach a case by
 * another way than its id: the health-checks import, which finds a resident's open observation itself.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeCsv } from '../import/files';

let t: TestLedger;
afterEach(() => t?.close());

const ID = makeIdNumber('410102', '1975-04-02', 11);
const HEAD = ['姓名', '身份证号', '手机', '监测日期', '体温（℃）', '症状', '监测方式', '监测人'];
const MAPPING = ['name', 'idNumber', 'phone', 'checkDate', 'temperature', 'symptoms', 'method', 'checkedBy'];

/** A ledger at 2020-02-17 with 张伟 under home observation from `from`. */
async function observedFrom(from: string): Promise<{ residentId: number; caseId: number }> {
  t = await openTestLedger();
  const org = await seedOrg(t);
  const r = await t.call('residents.save', { communityId: org.dongfeng, name: '张伟', idNumber: ID });
  return { residentId: r.id, caseId: (await t.call('cases.open', { residentId: r.id, category: 'home_observation', obsStartOn: from })).id };
}

describe('a voided observation beside the right one (the person registered again)', () => {
  it('the health-checks import records the day’s check on the live observation, not the voided one', async () => {
    const { residentId, caseId: mistaken } = await observedFrom('2020-02-10');
    await t.call('cases.void', { caseId: mistaken, kind: 'mistake', reason: '' });
    const right = (await t.call('cases.open', { residentId, category: 'home_observation', obsStartOn: '2020-02-12' })).id;
    const path = writeCsv(join(scratch(), '监测.csv'), [HEAD, ['张伟', ID, '', '2020-02-13', '36.5', '无', '入户', '刘医生']], 'utf-8-bom');
    const input = { path, target: 'health_checks' as const, mapping: MAPPING };
    const pre = await t.call('import.preview', input);
    const commit = await t.raw('import.commit', { ...input, previewId: pre.previewId });
    expect(commit.ok === false ? commit.error.message : null).toBeNull();
    const db = t.core.services.ledger.handle();
    expect(db.prepare(`SELECT case_id FROM health_checks`).pluck().all()).toEqual([right]);
  }, 60_000);
});

describe('a voided observation’s open fever (read-only until restored)', () => {
  it('排除异常 (checks.dismiss) on a voided case’s check is refused in words, nothing changed', async () => {
    const { caseId } = await observedFrom('2020-02-10');
    const fever = await t.call('checks.record', { caseId, checkDate: '2020-02-16', temperature: 38.2, method: 'visit', checkedBy: '刘医生' });
    expect(fever.flagged).toBe(true);
    await t.call('cases.void', { caseId, kind: 'mistake', reason: '' });
    const e = await t.fail('checks.dismiss', { checkId: fever.check.id, note: '复测正常' });
    expect([e.code, e.message]).toEqual(['CONFLICT', expect.stringMatching(/已作废.*不能再修改/)]);
    const db = t.core.services.ledger.handle();
    expect(db.prepare(`SELECT escalation FROM health_checks WHERE id = @id`).pluck().get({ id: fever.check.id })).toBe('open');
  }, 60_000);
});
