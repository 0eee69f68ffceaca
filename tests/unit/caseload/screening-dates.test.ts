/**
 * 排查日期 and 复访日期 as 入户排查 saves them (the grid's date box sends YYYY-MM-DD; the core keeps the one rule):
 * a day that does not exist, or a screening in the future, is refused naming the field; a result without a date
 * is dated the office's today.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
let household: { id: number; communityId: number };
beforeEach(async () => {
  t = await openTestLedger({ now: '2020-02-17T01:30:00.000Z' });
  const c = await t.call('org.communities.save', { name: '青松里社区' });
  const h = await t.call('households.save', { communityId: c.id, addressText: '青松路1号' });
  household = { id: h.id, communityId: c.id };
});
afterEach(() => t.close());

describe('入户排查 dates', () => {
  it('refuses a day that does not exist, naming the field', async () => {
    for (const [field, label] of [
      ['screenedOn', '排查日期'],
      ['revisitOn', '复访日期'],
    ] as const) {
      const e = await t.fail('households.save', { ...household, screeningStatus: 'screened', [field]: '2020-02-30' });
      expect(e.code).toBe('BAD_INPUT');
      expect(e.message).toContain(`「${label}」`);
    }
  });

  it('refuses a screening dated after the office’s today, and a revisit before the screening', async () => {
    expect((await t.fail('households.save', { ...household, screeningStatus: 'screened', screenedOn: '2020-02-18' })).message).toContain(
      '晚于今天（2020-02-17）',
    );
    expect(
      (await t.fail('households.save', { ...household, screeningStatus: 'screened', screenedOn: '2020-02-16', revisitOn: '2020-02-15' })).message,
    ).toContain('早于排查日期');
  });

  it('dates a result given without a date the office’s today (09:30 in Beijing is still 01:30 UTC)', async () => {
    const saved = await t.call('households.save', { ...household, screeningStatus: 'screened' });
    expect(saved.screenedOn).toBe('2020-02-17');
  });
});
