import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeCsv, writeXlsx } from './files';
import { importAuditedIds } from '../../helpers/audit';

// The test clock stands at 2020-02-17; 张伟 and 陈静 are under home observation from 2020-02-10.
const ID_A = makeIdNumber('410102', '1975-04-02', 11);
const ID_B = makeIdNumber('410102', '1988-09-15', 22);
const ID_C = makeIdNumber('410105', '1992-12-01', 33);
const HEAD = ['姓名', '身份证号', '手机', '监测日期', '体温（℃）', '症状', '监测方式', '监测人'];
const MAPPING = ['name', 'idNumber', 'phone', 'checkDate', 'temperature', 'symptoms', 'method', 'checkedBy'];

let t: TestLedger;
let dir: string;
let caseA: number;
let caseC: number;
const db = () => t.core.services.ledger.handle();
const count = (sql: string): number => (db().prepare(sql).get() as { n: number }).n;
const ids = (sql: string, params: Record<string, unknown> = {}): unknown[] => db().prepare(sql).pluck().all(params);
const reasonsByRow = (rejected: { rowNumber: number; reasons: { field: string; message: string }[] }[]) =>
  Object.fromEntries(rejected.map((r) => [r.rowNumber, r.reasons.map((x) => `${x.field}:${x.message}`).join('|')]));

beforeEach(async () => {
  t = await openTestLedger();
  const org = await seedOrg(t);
  dir = scratch();
  const a = await t.call('residents.save', { communityId: org.dongfeng, name: '张伟', idNumber: ID_A, phone: '13800138000' });
  const b = await t.call('residents.save', { communityId: org.dongfeng, name: '李娜', idNumber: ID_B });
  const c = await t.call('residents.save', { communityId: org.dongfeng, name: '陈静', idNumber: ID_C });
  caseA = (await t.call('cases.open', { residentId: a.id, category: 'home_observation', obsStartOn: '2020-02-10' })).id;
  caseC = (await t.call('cases.open', { residentId: c.id, category: 'home_observation', obsStartOn: '2020-02-10' })).id;
  await t.call('cases.open', { residentId: b.id, category: 'returnee' });
});
afterEach(() => t.close());

const sheet = () => [
  HEAD,
  ['张伟', ID_A, '', '2020-02-15', 36.5, '无', '入户', '刘医生'],
  ['张伟', ID_A, '', '2020年2月16日', '37.8℃', '', '电话', '刘医生'],
  ['张伟', '', '13800138000', '2020-02-13', '36.4', '', '微信', '网格员小王'],
  ['张伟', ID_A, '', '2020-02-09', 36.5, '', '入户', '刘医生'],
  ['张伟', ID_A, '', '2020-02-18', 36.5, '', '入户', '刘医生'],
  ['张伟', ID_A, '', '2020-02-14', 33, '', '入户', '刘医生'],
  ['李娜', ID_B, '', '2020-02-15', 36.6, '', '入户', '刘医生'],
  ['张伟', ID_A, '', '2020-02-12', 36.2, '', '短信', '刘医生'],
  ['张伟', ID_A, '', '2020-02-11', '', '', '入户', '刘医生'],
];

describe('health checks import', () => {
  it('records checks on the open observation, flags a fever as the channel does, and rejects with reasons', async () => {
    const path = await writeXlsx(join(dir, '监测.xlsx'), [{ name: '每日监测', rows: sheet() }]);
    const ins = await t.call('import.inspect', { path, target: 'health_checks' });
    expect(ins.mapping).toEqual(MAPPING);
    const pre = await t.call('import.preview', { path, target: 'health_checks', mapping: ins.mapping });
    expect(pre.counts).toMatchObject({ total: 9, created: 3, rejected: 6 });
    expect(count('SELECT count(*) AS n FROM health_checks')).toBe(0);
    const why = reasonsByRow(pre.rejected);
    expect(why[5]).toBe('日期:2020-02-09 早于观察开始日期 2020-02-10');
    expect(why[6]).toMatch(/^日期:2020-02-18 晚于今天/);
    expect(why[7]).toBe('体温:应在 34–43 °C 之间，这里是 33');
    expect(why[8]).toMatch(/^身份证号:这位居民没有进行中的居家观察或医学观察个案/);
    expect(why[9]).toMatch(/^方式:「短信」不是可选的值/);
    expect(why[10]).toMatch(/^体温:未填写/);
    expect(pre.sample.find((s) => s.shown['日期'] === '2020-02-16')!.shown['异常']).toBe('发热，待处置');

    const done = await t.call('import.commit', { path, target: 'health_checks', mapping: ins.mapping, previewId: pre.previewId });
    expect(done.counts).toMatchObject({ created: 3, rejected: 6 });
    const checks = db()
      .prepare(
        `SELECT check_date AS day, temperature, symptoms, method, checked_by AS who, flagged, escalation FROM health_checks WHERE case_id = @caseA ORDER BY check_date`,
      )
      .all({ caseA });
    expect(checks).toEqual([
      { day: '2020-02-13', temperature: 36.4, symptoms: null, method: 'wechat', who: '网格员小王', flagged: 0, escalation: null },
      { day: '2020-02-15', temperature: 36.5, symptoms: null, method: 'visit', who: '刘医生', flagged: 0, escalation: null },
      { day: '2020-02-16', temperature: 37.8, symptoms: null, method: 'phone', who: '刘医生', flagged: 1, escalation: 'open' },
    ]);
    // The same fever through the channel leaves the same marks.
    await t.call('checks.record', { caseId: caseC, checkDate: '2020-02-16', temperature: 37.8, method: 'phone', checkedBy: '刘医生' });
    const viaChannel = db().prepare(`SELECT flagged, escalation FROM health_checks WHERE case_id = @caseC`).get({ caseC });
    expect(viaChannel).toEqual({ flagged: 1, escalation: 'open' });
    expect(db().prepare(`SELECT last_check_on AS last, first_missing_check_on AS missing FROM cases WHERE id = @caseA`).get({ caseA })).toEqual({
      last: '2020-02-16',
      missing: '2020-02-10',
    });
    // Each check the import wrote (not the one through the channel) is in the audit log, with the import's channel.
    expect(importAuditedIds(db(), 'health_check')).toEqual(ids(`SELECT id FROM health_checks WHERE case_id = @caseA ORDER BY id`, { caseA }));
  });

  it('changes nothing on a second import, and sends back a differing check for a day already recorded', async () => {
    const path = await writeXlsx(join(dir, 'a.xlsx'), [{ name: 'S', rows: sheet().slice(0, 4) }]);
    await t.call('import.commit', { path, target: 'health_checks', mapping: MAPPING });
    const before = count(`SELECT count(*) AS n FROM audit_log WHERE entity <> 'import'`);
    const rows = [...sheet().slice(0, 4), ['张伟', ID_A, '', '2020-02-15', 37.1, '咳嗽', '入户', '刘医生']].map((r) => r.map(String));
    const csv = writeCsv(join(dir, 'b.csv'), rows, 'gbk');
    const again = await t.call('import.commit', { path: csv, target: 'health_checks', mapping: MAPPING, onDuplicate: 'update' });
    expect(again.counts).toMatchObject({ total: 4, unchanged: 3, created: 0, rejected: 1 });
    const rejected = db().prepare(`SELECT reason FROM import_rejected_rows WHERE import_id = @id`).get({ id: again.importId }) as { reason: string };
    expect(rejected.reason).toContain('已有一条不同的健康监测记录（体温 36.5 °C，入户，刘医生）');
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE entity <> 'import'`)).toBe(before);
    expect(count('SELECT count(*) AS n FROM health_checks')).toBe(3);
  });

  it('writes all of the file or none of it when the ledger changed after the preview', async () => {
    const rows = [HEAD, ['张伟', ID_A, '', '2020-02-15', 36.5, '', '入户', '刘医生'], ['陈静', ID_C, '', '2020-02-15', 36.7, '', '入户', '刘医生']];
    const path = await writeXlsx(join(dir, 'c.xlsx'), [{ name: 'S', rows }]);
    const pre = await t.call('import.preview', { path, target: 'health_checks', mapping: MAPPING });
    expect(pre.counts.created).toBe(2);
    await t.call('cases.transition', { caseId: caseC, to: 'released', reason: '转居家自我健康管理' });
    const err = await t.fail('import.commit', { path, target: 'health_checks', mapping: MAPPING, previewId: pre.previewId });
    expect(err.message).toContain('第 3 行');
    expect(err.message).toContain('没有写入任何内容');
    expect(count('SELECT count(*) AS n FROM health_checks')).toBe(0);
    expect(count('SELECT count(*) AS n FROM import_log')).toBe(0);
  });

  it("finds a person's open observation and the day's check by index", () => {
    const plan = (sql: string, params: Record<string, unknown>): string =>
      (db().prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(
      plan(`SELECT id FROM cases WHERE resident_id = @residentId AND category IN ('home_observation', 'medical_observation') AND closed_on IS NULL`, {
        residentId: 1,
      }),
    ).toContain('cases_by_resident');
    expect(plan(`SELECT id FROM health_checks WHERE case_id = @caseId AND check_date = @checkDate`, { caseId: 1, checkDate: '2020-02-15' })).toMatch(
      /sqlite_autoindex_health_checks/,
    );
  });
});
