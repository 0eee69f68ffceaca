/**
 * 症状 written as the symptoms a person does NOT have: 「无发热、咳嗽」「体温正常」「无发热，无咳嗽」, as check sheets and
 * coordinators write it. Before session 47 only a bare 「无」「没有」「正常」… read as none: 「无发热」 was kept as a symptom
 * and opened an escalation, so 工作台's and 今日随访's 发热/症状 counts counted people who had said they had none. A list
 * with a symptom not negated (「无发热，咳嗽」「无发热但咳嗽」) or any other words stays a symptom: the safe error.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normaliseSymptoms } from '../../../electron/core/caseload/symptoms';
import { observedHousehold, openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice('2020-02-17T01:00:00.000Z');
});
afterEach(() => o.t.close());

const NONE = ['无发热', '无发热、咳嗽', '无发热、咳嗽、乏力等症状', '无发热，无咳嗽', '体温正常', '未见发热咳嗽', '无发热及咳嗽', '否认发热、干咳'];
const STILL = ['无发热，咳嗽', '无发热但咳嗽', '无发热，有咳嗽', '咳嗽', '无力', '无发热，咳嗽2天', '体温正常，腹泻'];

describe('症状 that name only what the person does not have', () => {
  it('reads a negated list as no symptom, and anything else as written', () => {
    for (const w of NONE) expect(normaliseSymptoms(w), w).toBeNull();
    for (const w of STILL) expect(normaliseSymptoms(w), w).toBe(w);
  });

  it('on 今日随访 opens no escalation for them, and one for 「无发热，咳嗽」', async () => {
    const { obs } = await observedHousehold(o, '2020-02-08');
    const days = ['2020-02-08', '2020-02-09', '2020-02-10', '2020-02-11', '2020-02-12', '2020-02-13', '2020-02-14', '2020-02-15'];
    for (const [i, w] of NONE.entries()) {
      const r = await o.t.call('checks.record', { caseId: obs.id, checkDate: days[i]!, temperature: 36.4, symptoms: w, method: 'phone', checkedBy: '刘晓燕' });
      expect(r.flagged, w).toBe(false);
    }
    expect((await o.t.call('today.list', {})).counts.escalation).toBe(0);
    const r = await o.t.call('checks.record', {
      caseId: obs.id,
      checkDate: '2020-02-16',
      temperature: 36.4,
      symptoms: '无发热，咳嗽',
      method: 'phone',
      checkedBy: '刘晓燕',
    });
    expect(r.flagged).toBe(true);
    expect((await o.t.call('today.list', {})).counts.escalation).toBe(1);
  });
});
