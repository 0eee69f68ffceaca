/**
 * 「无」 is not a symptom and 36.5 is not a default: the same words mean the
 * same on 今日随访 (checks.record) and in an imported sheet, a temperature is
 * either a reading or an explicit 「未测」, and the fever line is an office setting.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rangeText } from '../../../electron/core/caseload/health-settings.shared';
import { normaliseSymptoms } from '../../../electron/core/caseload/symptoms';
import { scratch, writeXlsx } from '../import/files';
import { ID_A, observedHousehold, openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice('2020-02-17T01:00:00.000Z');
});
afterEach(() => o.t.close());

const NONE = ['无', '没有', '正常', '良好', ' 无。', '无症状'];

describe('one reading of 症状 and 体温', () => {
  it('reads 无, 没有, 正常, 良好 as no symptoms and keeps a real symptom', () => {
    for (const w of NONE) expect(normaliseSymptoms(w)).toBeNull();
    expect(normaliseSymptoms('咳嗽，乏力')).toBe('咳嗽，乏力');
    expect(normaliseSymptoms('无力')).toBe('无力');
  });

  it('on 今日随访 a check with 症状「无」 opens no escalation, and stores no symptom', async () => {
    const { obs } = await observedHousehold(o, '2020-02-12');
    const days = ['2020-02-12', '2020-02-13', '2020-02-14', '2020-02-15', '2020-02-16', '2020-02-17'];
    for (const [i, w] of NONE.entries()) {
      const r = await o.t.call('checks.record', { caseId: obs.id, checkDate: days[i]!, temperature: 36.4, symptoms: w, method: 'phone', checkedBy: '刘晓燕' });
      expect(r.flagged, w).toBe(false);
      expect(r.check.symptoms).toBeNull();
    }
    expect((await o.t.call('today.list', {})).counts.escalation).toBe(0);
  });

  it('requires a temperature or an explicit 未测, never both', async () => {
    const { obs } = await observedHousehold(o, '2020-02-15');
    const base = { caseId: obs.id, checkDate: '2020-02-16', method: 'phone' as const, checkedBy: '刘晓燕' };
    const missing = await o.t.fail('checks.record', base);
    expect(missing.code).toBe('BAD_INPUT');
    expect(missing.message).toContain('「体温」未填写');
    expect(missing.message).toContain('未测');
    // A symptom is no excuse for a missing reading any more: the words are not a temperature.
    expect((await o.t.fail('checks.record', { ...base, symptoms: '电话随访未测温' })).message).toContain('「体温」未填写');
    expect((await o.t.fail('checks.record', { ...base, temperature: 36.5, notMeasured: true })).message).toContain('未测');
    const r = await o.t.call('checks.record', { ...base, temperature: null, notMeasured: true, symptoms: '无' });
    expect(r.flagged).toBe(false);
    expect(r.check).toMatchObject({ temperature: null, symptoms: null, method: 'phone' });
  });

  it('flags by the office\u2019s fever line, 37.3 °C unless changed (labelled as health-authority guidance)', async () => {
    expect(await o.t.call('caseload.settings.get', {})).toEqual({ feverThreshold: 37.3, observationDays: 14, startFromArrival: true });
    const { obs } = await observedHousehold(o, '2020-02-15');
    await o.t.call('caseload.settings.update', { feverThreshold: 37.5 });
    const r = await o.t.call('checks.record', { caseId: obs.id, checkDate: '2020-02-16', temperature: 37.3, method: 'phone', checkedBy: '刘晓燕' });
    expect(r.flagged).toBe(false);
    await o.t.call('caseload.settings.update', { observationDays: 10 });
    const other = await o.t.call('residents.save', { communityId: o.communityId, name: '李四' });
    const obs2 = await o.t.call('cases.open', { residentId: other.id, category: 'home_observation', obsStartOn: '2020-02-17' });
    expect(obs2.obsEndOn).toBe('2020-02-26');
    const clerk = await o.t.sessionAs('clerk');
    expect((await o.t.fail('caseload.settings.update', { feverThreshold: 37.2 }, clerk)).code).toBe('FORBIDDEN');
  });

  it('refuses a fever line or observation length out of the one range, naming the field and the range', async () => {
    const fever = await o.t.fail('caseload.settings.update', { feverThreshold: 39 });
    expect(fever.code).toBe('BAD_INPUT');
    expect(fever.message).toContain('「发热标准」应在 37.0–38.5 °C 之间');
    expect(fever.details).toEqual({ fields: ['feverThreshold'] });
    expect((await o.t.fail('caseload.settings.update', { feverThreshold: 36.9 })).message).toContain('「发热标准」应在 37.0–38.5 °C 之间');
    expect((await o.t.fail('caseload.settings.update', { observationDays: 0 })).message).toContain('「默认观察天数」应在 1–60 天之间');
    expect((await o.t.fail('caseload.settings.update', { observationDays: 61 })).message).toContain('「默认观察天数」应在 1–60 天之间');
    // The range is the rule's, said from it: the screen's note and the core's words cannot drift apart.
    expect(rangeText('feverThreshold')).toBe('37.0–38.5 °C');
    expect(rangeText('observationDays')).toBe('1–60 天');
    await o.t.call('caseload.settings.update', { feverThreshold: 38.5, observationDays: 60 });
    expect(await o.t.call('caseload.settings.get', {})).toEqual({ feverThreshold: 38.5, observationDays: 60, startFromArrival: true });
  });

  it('an imported sheet reads the same words the same way as the screen', async () => {
    const { obs } = await observedHousehold(o, '2020-02-12');
    const dir = scratch();
    const rows = [
      ['姓名', '身份证号', '监测日期', '体温', '症状', '监测方式', '监测人'],
      ['王建华', ID_A, '2020-02-12', '36.5', '没有', '电话', '刘晓燕'],
      ['王建华', ID_A, '2020-02-13', '未测', '良好', '微信', '刘晓燕'],
      ['王建华', ID_A, '2020-02-14', '36.6', '咳嗽', '入户', '刘晓燕'],
      ['王建华', ID_A, '2020-02-15', '', '正常', '入户', '刘晓燕'],
    ];
    const path = await writeXlsx(join(dir, '监测.xlsx'), [{ name: '监测', rows }]);
    const ins = await o.t.call('import.inspect', { path, target: 'health_checks' });
    const pre = await o.t.call('import.preview', { path, target: 'health_checks', mapping: ins.mapping });
    expect(pre.counts).toMatchObject({ created: 3, rejected: 1 });
    expect(pre.rejected[0]!.reasons[0]).toMatchObject({ field: '体温' });
    await o.t.call('import.commit', { path, target: 'health_checks', mapping: ins.mapping, previewId: pre.previewId });
    const checks = await o.t.call('checks.list', { caseId: obs.id });
    expect(checks.map((c) => [c.checkDate, c.temperature, c.symptoms, c.flagged])).toEqual([
      ['2020-02-12', 36.5, null, false],
      ['2020-02-13', null, null, false],
      ['2020-02-14', 36.6, '咳嗽', true],
    ]);
  });
});
