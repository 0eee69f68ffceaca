/**
 * 操作日志 shows codes by their Chinese names (audit/code-labels.ts): an opened
 * entry reads 办理状态：待解决, never `open`. Two walks fail on any code shown
 * as itself: every enum of every channel that writes, field by field and code
 * by code; and real entries of each kind of record that holds codes, written
 * through the app and opened with audit.reveal as a coordinator does (and
 * every field of those by its Chinese name).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api } from '../../../electron/core/api';
import { CODE_LISTS } from '../../../electron/core/audit/code-labels';
import { payloadFields } from '../../../electron/core/audit/describe';
import type { AnyChannelSpec } from '../../../electron/core/contract';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger, rotating } from '../../helpers/ledger';
import { fieldsOf, unwrap } from '../../helpers/schema-fields';
import { commendationFields, memorialFields } from '../honours/helpers';

const LATIN = /[A-Za-z]/;

/** Every enum field of every channel that writes (the router audits a write's input when its handler audits nothing). */
function writtenEnums(): Array<{ channel: string; path: string[]; options: string[] }> {
  const out: Array<{ channel: string; path: string[]; options: string[] }> = [];
  for (const [channel, spec] of Object.entries(api) as Array<[string, AnyChannelSpec]>) {
    if (spec.kind !== 'write' && spec.kind !== 'task') continue;
    for (const f of fieldsOf(spec.input)) {
      let s = unwrap(f.schema);
      if (s instanceof z.ZodArray) s = unwrap(s.element as z.ZodType);
      if (!(s instanceof z.ZodEnum)) continue;
      const options = s.options.map(String).filter((o) => LATIN.test(o));
      // A list of records stays JSON in the opened entry; its records are named by their own kind (RECORD_CODES).
      if (options.length && f.path.every((k) => typeof k === 'string')) out.push({ channel, path: f.path as string[], options });
    }
  }
  return out;
}

const nested = (path: readonly string[], value: unknown): unknown => path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);

/** Every code the ledger knows: each list's, and each enum's of the contract. */
function allCodes(): Set<string> {
  const codes = new Set(CODE_LISTS.flatMap((names) => Object.keys(names)));
  for (const e of writtenEnums()) for (const o of e.options) codes.add(o);
  return codes;
}

describe('codes in 操作日志 by their Chinese names', () => {
  it('names every code of every enum a write takes, alone and in a list', () => {
    const enums = writtenEnums();
    expect(enums.length).toBeGreaterThan(25);
    const untranslated: string[] = [];
    for (const { channel, path, options } of enums) {
      const area = channel.split('.')[0]!;
      for (const code of options) {
        const [field] = payloadFields(channel, area, JSON.stringify(nested(path, code)));
        if (!field || field.value === code) untranslated.push(`${channel} ${path.join('.')} = ${code}`);
      }
      const [list] = payloadFields(channel, area, JSON.stringify(nested(path, options)));
      if (!list || options.some((o) => list.value.split('、').includes(o) || list.value.includes(`"${o}"`)))
        untranslated.push(`${channel} ${path.join('.')} = [${options.join(', ')}]`);
    }
    expect(untranslated).toEqual([]);
  });

  it('reads 办理状态 of a family difficulty as 待解决, not as a case’s 待处理', () => {
    const fields = payloadFields('honours.difficulties.save', 'memorial_difficulty', JSON.stringify({ kind: '就学', status: 'open' }));
    expect(fields).toContainEqual({ label: '办理状态', value: '待解决' });
    expect(payloadFields('cases.transition', 'case', JSON.stringify({ status: 'open' }))).toContainEqual({ label: '状态', value: '待处理' });
  });

  describe('on real entries, opened by a coordinator', () => {
    let t: TestLedger;
    let dir: string;
    afterEach(() => {
      t?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('shows no code as itself in any opened entry of a day’s work across the areas', async () => {
      t = await openTestLedger({ now: '2020-02-18T02:00:00.000Z' });
      dir = mkdtempSync(join(tmpdir(), 'taizhang-codes-'));
      // 用户: a clerk made a viewer.
      await t.call('users.create', { username: 'clerk1', displayName: '刘晓燕', role: 'clerk', password: 'password-1234' });
      const clerk = (await t.call('users.list', {})).find((u) => u.username === 'clerk1')!;
      await t.call('users.update', { id: clerk.id, role: 'viewer', ...rotating() });
      // 人员台账: a household not at home, an elder living alone, an observation with a fever ruled out, released.
      const c = await t.call('org.communities.save', { name: '幸福社区' });
      const g = await t.call('org.grids.save', { communityId: c.id, name: '第一网格' });
      const h = await t.call('households.save', { communityId: c.id, gridId: g.id, addressText: '幸福路1号', screeningStatus: 'not_home' });
      await t.call('households.save', { id: h.id, communityId: c.id, gridId: g.id, addressText: '幸福路1号', screeningStatus: 'screened' });
      await t.call('residents.save', { householdId: h.id, name: '王桂英', idNumber: makeIdNumber('410103', '1940-07-01', 452), tags: ['solitary_elderly'] });
      const person = await t.call('residents.save', { householdId: h.id, name: '王建华', idNumber: makeIdNumber('410102', '1985-03-12', 123) });
      const obs = await t.call('cases.open', {
        residentId: person.id,
        category: 'home_observation',
        riskLevel: 'high',
        obsStartOn: '2020-02-17',
        openedOn: '2020-02-17',
      });
      await t.call('cases.update', { caseId: obs.id, riskLevel: 'medium' });
      const check = await t.call('checks.record', { caseId: obs.id, checkDate: '2020-02-17', temperature: 37.6, method: 'phone', checkedBy: '刘晓燕' });
      await t.call('checks.dismiss', { checkId: check.check.id, note: '复测正常' });
      const task = t.core.services.ledger.handle().prepare(`SELECT id FROM care_tasks`).get() as { id: number };
      await t.call('care.tasks.close', { careTaskId: task.id, reason: '子女接回同住' });
      const dispute = await t.call('cases.open', { residentId: person.id, category: 'dispute_mediation' });
      await t.call('cases.transition', { caseId: dispute.id, to: 'in_progress', reason: null });
      // 物资, 排班.
      const items = await t.call('supplies.items.list', {});
      await t.call('supplies.receive', {
        storeId: c.id,
        itemId: items[0]!.id,
        day: '2020-02-17',
        quantity: 100,
        sourceKind: 'donation',
        sourceName: '爱心企业',
      });
      const staff = await t.call('rota.staff.save', { name: '张伟', kind: 'volunteer', communityId: c.id, phone: '13912345678' });
      await t.call('rota.staff.save', { id: staff.id, name: '张伟', kind: 'volunteer', communityId: c.id, phone: '13912345678', status: 'inactive' });
      await t.call('rota.assessments.add', { staffId: staff.id, on: '2020-02-10', outcome: 'watch', followUpOn: '2020-02-16' });
      await t.call('rota.posts.save', { communityId: c.id, name: '物资配送', kind: 'delivery', requirements: [] });
      await t.call('rota.rates.save', { staffKind: 'volunteer', basis: 'shift', amountFen: 3000, label: '志愿者补贴' });
      // 表彰与纪念: a family's difficulty, an application under way, a commendation sent up.
      const m = await t.call('honours.memorials.save', memorialFields());
      await t.call('honours.difficulties.save', {
        memorialId: m.id,
        kind: '就学',
        description: '孩子需要转学',
        owner: '教育专干',
        raisedOn: '2020-02-18',
        followUpOn: null,
      });
      await t.call('honours.steps.save', { memorialId: m.id, kind: '工伤认定', status: 'preparing' });
      const k = await t.call('honours.commendations.save', commendationFields(m.id));
      await t.call('honours.commendations.advance', { id: k.id, status: 'submitted', on: '2020-02-18', approvingBody: '中共某区委员会' });
      await t.call('collection.sheet.save', { communityIds: [c.id], kind: 'returnees', folder: dir });

      const rows = (await t.call('audit.list', { offset: 0, limit: 500 })).rows;
      const entities = new Set(rows.map((r) => r.entity));
      for (const e of ['user', 'household', 'resident', 'case', 'health_check', 'care_task', 'supply_movement', 'staff', 'staff_assessment', 'rota_post'])
        expect(entities, e).toContain(e);
      for (const e of ['rota_rate', 'memorial_difficulty', 'memorial_step', 'commendation', 'collection_sheet']) expect(entities, e).toContain(e);

      const codes = allCodes();
      const shown: string[] = [];
      const untranslated: string[] = [];
      for (const r of rows) {
        const opened = await t.call('audit.reveal', { id: r.id });
        for (const f of [...opened.fields.before, ...opened.fields.after]) {
          shown.push(`${f.label}：${f.value}`);
          const words = f.value.split('、');
          if (words.some((w) => codes.has(w)) || [...codes].some((code) => f.value.includes(`"${code}"`)))
            untranslated.push(`${r.channel} ${r.entity} ${f.label}：${f.value}`);
        }
      }
      expect(untranslated).toEqual([]);
      // Every field by its Chinese name too (a snake_case column by its camelCase field's).
      expect(shown.filter((line) => LATIN.test(line.split('：')[0]!))).toEqual([]);
      // What the walk found is there, by name.
      expect(shown).toEqual(
        expect.arrayContaining([
          '办理状态：待解决',
          '角色：只读查看',
          '个案类别：居家观察',
          '风险：中',
          '监测方式：电话',
          '异常处置：已排除',
          '状态：已完成',
          '人员标签：独居老人',
          '性别：女',
          '排查状态：不在家',
          '来源类别：社会捐赠',
          '状态：不在岗',
          '评估结果：需关注',
          '计发方式：按班次',
          '办理情况：准备材料',
          '审批结果：已报送',
          '收集表：返程人员登记表',
          '更换密钥：已完成',
        ]),
      );
    });
  });
});
