/**
 * 表彰与纪念's days that do not exist (the session 36 walk at 1366): the browser's date box cannot send one, the contract
 * can (an old renderer, the preview's typed input): each is refused in Chinese naming its field, nothing written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { memorialFields } from './helpers';

let t: TestLedger;
afterEach(() => t?.close());

describe('honours: days that do not exist', () => {
  it('are refused naming the field: 出生日期, 慰问日期, 下次回访日期, 发布日期', async () => {
    t = await openTestLedger({ now: '2020-03-18T02:00:00.000Z' });
    const birth = await t.fail('honours.memorials.save', { ...memorialFields(), birthDate: '1980-02-30' });
    expect(birth.code).toBe('BAD_INPUT');
    expect(birth.message).toContain('出生日期');
    const m = await t.call('honours.memorials.save', memorialFields());
    const visit = await t.fail('honours.visits.add', { memorialId: m.id, visitedOn: '2020-02-30', visitors: '王建国' });
    expect(visit.message).toContain('慰问日期');
    const next = await t.fail('honours.visits.add', { memorialId: m.id, visitedOn: '2020-02-20', visitors: '王建国', nextVisitOn: '2020-02-31' });
    expect(next.message).toContain('下次回访日期');
    const pub = await t.fail('honours.publicity.add', { memorialId: m.id, publishedOn: '2019-02-29', outlet: '区融媒体中心', headline: '标题' });
    expect(pub.message).toContain('发布日期');
    const d = await t.call('honours.memorials.get', { id: m.id });
    expect(d.visits).toHaveLength(0);
    expect(d.publicity).toHaveLength(0);
  });
});
