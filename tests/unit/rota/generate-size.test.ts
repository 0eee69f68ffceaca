/**
 * A bound on one 自动排班 run (rota/generate.ts MAX_RUN_DEMANDS): the planner's memory grows with the post-shift-days
 * it plans (2,000 posts reached 1.45 GB on its thread, S45-A2) and demandsFor builds them on the core's thread first.
 * A run over the bound is refused in words naming the numbers, before anything is built; by community it plans.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_RUN_DEMANDS } from '../../../electron/core/rota/generate';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { makeOffice } from '../../helpers/rota-office';

let t: TestLedger;
beforeEach(async () => {
  t = await openTestLedger();
});
afterEach(() => t.close());

// 106 posts on the ledger's three shifts, every day: 63 days make 20,034 post-shift-days, one over the bound's 20,000.
const NINE_WEEKS = { from: '2020-02-17', to: '2020-04-19' };

describe('the size of one 自动排班 run', () => {
  it('106 posts × 3 shifts × 63 days is refused in words naming the numbers, nothing written; one community’s posts plan', async () => {
    await makeOffice((channel, input) => t.call(channel as 'rota.posts.save', input as never), { staff: 20, posts: 106, perShift: 1 });
    expect(await t.fail('rota.generate', NINE_WEEKS)).toEqual({
      code: 'BAD_INPUT',
      message: '这次要排的岗位班次太多（106 个岗位、63 天，共 20034 个岗位班次；一次最多 20000 个），请按社区分开排，或缩短日期范围。本次什么也没有改动。',
      details: { field: 'communityIds' },
    });
    expect((await t.call('rota.calendar', NINE_WEEKS)).assignments).toEqual([]);
    expect(MAX_RUN_DEMANDS).toBe(20_000);
    const first = (t.core.services.ledger.handle().prepare(`SELECT min(id) AS id FROM communities`).get() as { id: number }).id;
    const one = await t.call('rota.generate', { ...NINE_WEEKS, communityIds: [first] });
    expect(one.required).toBe(11 * 3 * 63);
    expect(one.created).toBeGreaterThan(0);
  }, 120_000);
});
