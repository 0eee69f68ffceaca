/**
 * Issue 19, attack run 48 (target 4): session 47's denials in 症状 (「无发热」「体温正常」 count no symptom). Only the denied
 * symptom may be dropped: a real one written near a denial must still open the escalation. S48-A1: a space, a tab, a
 * full-width space or a line break (Alt-Enter in a community's Excel cell) between a denial and a plain symptom joined them
 * into one denial, so 「无咳嗽 发热」 was no fever.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normaliseSymptoms } from '../../../electron/core/caseload/symptoms';
import { observedHousehold, openOffice, type Office } from '../caseload/fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice('2020-02-17T01:00:00.000Z');
});
afterEach(() => o.t.close());

/** A real symptom beside a denial: each must stay a symptom. */
const HIDDEN_BEFORE = [
  '无咳嗽 发热',
  '无咳嗽\n发热',
  '无咳嗽\r\n发热',
  '无咳嗽\t发热',
  '无咳嗽\u3000发热',
  '否认发热\n腹泻',
  '否认发热及咳嗽 乏力',
  '体温正常\n发热',
];
/** Held before: the denial's own neighbours (the brief's four and more). */
const HELD = ['无发热但咳嗽', '体温正常，乏力', '否认发热，有腹泻', '发热（无）', '无咳嗽：发热', '无发热 咳嗽2天', '无咳嗽 有发热'];
/** Still none: spaces inside a list of denials, or round its joining words. */
const STILL_NONE = ['无发热、 咳嗽', '无发热 、咳嗽、乏力等症状', '无发热 及 咳嗽', '无发热\n无咳嗽', '体温 正常', ' 无发热 ', '无发热，\n无咳嗽'];

describe('S48-A1: a symptom beside a denial, across a space or a line break', () => {
  it('each stays a symptom; a list of denials with spaces is still none', () => {
    for (const w of [...HIDDEN_BEFORE, ...HELD]) expect(normaliseSymptoms(w), JSON.stringify(w)).toBe(w.trim());
    for (const w of STILL_NONE) expect(normaliseSymptoms(w), JSON.stringify(w)).toBeNull();
  });

  it('「无咳嗽\\n发热」 at 36.8 °C opens a 发热/症状 escalation on 今日随访', async () => {
    const { obs } = await observedHousehold(o, '2020-02-10');
    const check = { caseId: obs.id, checkDate: '2020-02-16', temperature: 36.8, method: 'phone' as const, checkedBy: '刘晓燕' };
    const r = await o.t.call('checks.record', { ...check, symptoms: '无咳嗽\n发热' });
    expect(r.flagged).toBe(true);
    expect((await o.t.call('today.list', {})).counts.escalation).toBe(1);
  });
});
