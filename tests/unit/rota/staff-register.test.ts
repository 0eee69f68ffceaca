/**
 * The staff register (人员): every field of an existing person can be edited
 * with an audit row naming what changed; assessments of 需关注 / 需心理疏导 carry a
 * follow-up day that lands on 今日随访; the 专属保险 lists; the insurer's roster.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { rotaFixture, type RotaFixture } from './fixture';

let t: TestLedger;
let f: RotaFixture;
beforeEach(async () => {
  t = await openTestLedger(); // 2020-02-17
  f = await rotaFixture(t);
});
afterEach(() => t.close());

const auditOf = (entityId: number) =>
  t.core.services.ledger
    .handle()
    .prepare(`SELECT before_json AS b, after_json AS a FROM audit_log WHERE entity = 'staff' AND entity_id = @id ORDER BY id`)
    .all({ id: String(entityId) }) as Array<{ b: string | null; a: string }>;

describe('人员 register', () => {
  it('edits an existing person: insurance, kind, agency, phone; fields left out keep their value; the audit names what changed', async () => {
    const id = f.workers[0]!;
    await t.call('rota.staff.save', {
      id,
      name: '张伟',
      kind: 'community_worker',
      insurer: '中国人寿',
      insurancePolicy: 'GL-2020-001',
      insuranceFrom: '2020-02-01',
      insuranceTo: '2020-02-28',
    });
    let s = (await t.call('rota.staff.list', {})).find((x) => x.id === id)!;
    expect(s).toMatchObject({ communityId: f.c1, insurer: '中国人寿', insuranceTo: '2020-02-28', phone: '139****0000' });
    await t.call('rota.staff.save', { id, name: '张伟', kind: 'agency_cadre', agency: '区民政局', phone: '13611112222' });
    s = (await t.call('rota.staff.list', {})).find((x) => x.id === id)!;
    expect(s).toMatchObject({
      kind: 'agency_cadre',
      agency: '区民政局',
      insurer: '中国人寿',
      insurancePolicy: 'GL-2020-001',
      communityId: f.c1,
      phone: '136****2222',
    });
    const last = auditOf(id).pop()!;
    expect(Object.keys(JSON.parse(last.a) as object).sort()).toEqual(['agency', 'kind', 'phone']);
    expect(last.a).not.toContain('13611112222');
    expect((await t.fail('rota.staff.save', { id, name: '张伟', kind: 'agency_cadre', agency: '' })).message).toContain('派出单位');
  });

  it('records 需关注 and 需心理疏导 only with a follow-up day, which puts the person on 今日随访 until assessed again', async () => {
    const id = f.workers[1]!;
    const missing = await t.fail('rota.assessments.add', { staffId: id, on: '2020-02-17', outcome: 'support' });
    expect(missing.message).toContain('「随访日期」');
    await t.call('rota.assessments.add', { staffId: id, on: '2020-02-10', outcome: 'watch', followUpOn: '2020-02-16' });
    const clerk = await t.sessionAs('clerk');
    const viewer = await t.sessionAs('viewer');
    const item = (await t.call('today.list', {}, clerk)).items.find((i) => i.kind === 'external' && i.title.includes('王芳'));
    expect(item?.detail).toContain('需关注');
    expect((await t.call('today.list', {}, viewer)).items.some((i) => i.title.includes('王芳'))).toBe(false);
    expect((await t.call('rota.staff.list', {})).find((x) => x.id === id)?.lastAssessment).toEqual({
      on: '2020-02-10',
      outcome: 'watch',
      followUpOn: '2020-02-16',
    });
    await t.call('rota.assessments.add', { staffId: id, on: '2020-02-17', outcome: 'good' });
    expect((await t.call('today.list', {}, clerk)).items.some((i) => i.title.includes('王芳'))).toBe(false);
  });

  it('lists who has no 专属保险 (or whose cover ended) and whose cover ends within 14 days', async () => {
    await t.call('rota.staff.save', {
      id: f.workers[0]!,
      name: '张伟',
      kind: 'community_worker',
      insurer: '中国人寿',
      insuranceFrom: '2020-02-01',
      insuranceTo: '2020-02-28',
    });
    await t.call('rota.staff.save', {
      id: f.workers[1]!,
      name: '王芳',
      kind: 'community_worker',
      insurer: '中国人寿',
      insuranceFrom: '2020-02-01',
      insuranceTo: '2020-12-31',
    });
    await t.call('rota.staff.save', {
      id: f.workers[2]!,
      name: '刘洋',
      kind: 'community_worker',
      insurer: '平安保险',
      insuranceFrom: '2020-01-01',
      insuranceTo: '2020-02-10',
    });
    const gaps = await t.call('rota.staff.insurance', {});
    expect(gaps.ending.map((l) => l.name)).toEqual(['张伟']);
    expect(gaps.missing.map((l) => l.name).sort()).toEqual(['刘洋', '孙志愿', '李医生', '赵书记', '陈静'].sort());
    expect((await t.call('rota.staff.insurance', { withinDays: 7 })).ending).toEqual([]);
  });

  it('writes the insurer roster with full ID numbers, never over an existing file, coordinators only', async () => {
    const idNumber = makeIdNumber('410102', '1985-03-12', 123);
    await t.call('rota.staff.save', {
      id: f.workers[0]!,
      name: '张伟',
      kind: 'community_worker',
      idNumber,
      insurer: '中国人寿',
      insuranceFrom: '2020-02-01',
      insuranceTo: '2020-12-31',
    });
    // Beside the ledger, never in its folder (the core refuses that).
    const outDir = mkdtempSync(join(tmpdir(), 'taizhang-roster-'));
    const path = join(outDir, '投保名单.xlsx');
    expect((await t.fail('rota.staff.insurerRoster', { path }, await t.sessionAs('clerk'))).code).toBe('FORBIDDEN');
    const out = await t.call('rota.staff.insurerRoster', { path, insurer: '中国人寿' });
    expect(out.rows).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('投保人员名单')!;
    expect(ws.getRow(3).values).toEqual([undefined, '序号', '姓名', '身份证号', '人员类别', '所属社区', '承保公司', '保单号', '保险起始日', '保险截止日']);
    expect(ws.getRow(4).values).toEqual([undefined, 1, '张伟', idNumber, '专职社区工作者', '幸福社区', '中国人寿', '', '2020-02-01', '2020-12-31']);
    // Printed ruled, the cells wrapped inside their columns.
    for (const [r, c] of [
      [3, 1],
      [3, 9],
      [4, 2],
      [4, 9],
    ] as const) {
      expect(ws.getCell(r, c).border, `第 ${r} 行第 ${c} 列`).toMatchObject({ top: { style: 'thin' }, right: { style: 'thin' } });
      expect(ws.getCell(r, c).alignment).toMatchObject({ wrapText: true });
    }
    const again = await t.fail('rota.staff.insurerRoster', { path });
    expect(again.code).toBe('CONFLICT');
    const other = join(outDir, 'x.xlsx');
    writeFileSync(other, 'keep me');
    await t.fail('rota.staff.insurerRoster', { path: other });
    expect(existsSync(other)).toBe(true);
  });
});
