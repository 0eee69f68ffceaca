/**
 * One date type for the whole contract: the finding was that supplies, honours,
 * rota and export stored 2020-02-30 and a signed package was made for
 * 「20200230-20200231」. Each attack is replayed through the router; the bad day
 * is refused naming the field, the same call with a real day gets past the check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { day, pastDay } from '../../../electron/core/contract';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

const IMPOSSIBLE = ['2020-02-30', '2021-02-29', '2020-13-01', '0000-00-00', '2020-04-31', '2020-2-3', '9999-12-31'];

describe('the day schema', () => {
  it('refuses days that do not exist and years no record can have', () => {
    for (const d of IMPOSSIBLE) expect(day.safeParse(d).success, d).toBe(false);
    for (const d of ['2020-02-29', '2020-12-31', '1900-01-01']) expect(day.safeParse(d).success, d).toBe(true);
    expect(day.safeParse('2020-02-30').error?.issues).toHaveLength(1);
  });
});

describe('every channel with a day refuses impossible ones', () => {
  let t: TestLedger;
  beforeAll(async () => {
    t = await openTestLedger();
  });
  afterAll(() => t.close());

  const attacks: Array<{ channel: string; input: (d: string) => unknown; field: string }> = [
    {
      channel: 'supplies.receive',
      input: (d) => ({ storeId: 0, itemId: 1, day: d, quantity: 10, sourceKind: 'purchase', sourceName: '区卫健委', note: '' }),
      field: '日期',
    },
    { channel: 'honours.visits.add', input: (d) => ({ memorialId: 1, visitedOn: d, visitors: '王建国' }), field: '慰问日期' },
    { channel: 'rota.leave.add', input: (d) => ({ staffId: 1, from: d, to: '2020-02-15' }), field: '请假开始' },
    { channel: 'export.preview', input: (d) => ({ from: d, to: '2020-02-15' }), field: '开始日期' },
    {
      channel: 'export.write',
      input: (d) => ({ from: '2020-02-01', to: d, formIds: ['caseload-summary'], folder: `fh_${'x'.repeat(22)}`, password: 'zip-password-1' }),
      field: '结束日期',
    },
    { channel: 'residents.save', input: (d) => ({ name: '李四', communityId: 1, birthDate: d }), field: '出生日期' },
  ];

  for (const a of attacks) {
    it(`${a.channel} refuses 2020-02-30, 2021-02-29, 2020-13-01 and 0000-00-00`, async () => {
      for (const d of ['2020-02-30', '2021-02-29', '2020-13-01', '0000-00-00']) {
        const e = await t.fail(a.channel, a.input(d));
        expect(e.code, `${a.channel} ${d}`).toBe('BAD_INPUT');
        expect(e.message).toContain(a.field);
      }
      const ok = await t.raw(a.channel, a.input('2020-02-10'));
      if (ok.ok === false) expect(ok.error.message).not.toMatch(/真实存在|YYYY|不能晚于|不能早于/);
    });
  }

  it('refuses a period whose start is after its end', async () => {
    const e = await t.fail('export.preview', { from: '2020-03-08', to: '2020-03-01' });
    expect(e.message).toContain('「结束日期」不能早于「开始日期」');
    // In the channel's own words.
    expect((await t.fail('rota.leave.add', { staffId: 1, from: '2020-03-08', to: '2020-03-01' })).message).toContain('「请假结束」不能早于「请假开始」');
    expect((await t.fail('supplies.movements.list', { filter: { from: '2020-03-08', to: '2020-03-01' } })).code).toBe('BAD_INPUT');
    expect((await t.fail('audit.list', { filter: { from: '2020-03-08', to: '2020-03-01' } })).code).toBe('BAD_INPUT');
  });

  it('refuses a birth date after the office’s today, by the core’s own clock', async () => {
    t.clock.set('2020-02-17T01:00:00.000Z');
    const e = await t.fail('residents.save', { name: '李四', communityId: 1, birthDate: '2020-02-18' });
    expect(e.message).toContain('「出生日期」不能晚于今天');
    const ok = await t.raw('residents.save', { name: '李四', communityId: 1, birthDate: '2020-02-17' });
    if (ok.ok === false) expect(ok.error.message).not.toContain('出生日期');
    expect(pastDay.safeParse('9999-12-31').success).toBe(false);
  });

  it('refuses an instant on a day that does not exist (Date.parse would roll it into March)', async () => {
    const e = await t.fail('honours.memorials.save', {
      name: '张三',
      post: '卡口值守',
      diedAt: '2020-02-30T10:00:00Z',
      place: '东风路卡口',
      circumstances: '值守途中突发疾病',
      cause: '其他',
    });
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain('不是真实的时间');
  });
});
