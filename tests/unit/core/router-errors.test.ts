import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

describe('router error mapping', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  it('answers an unknown channel with NOT_FOUND', async () => {
    t = await openTestLedger();
    expect((await t.fail('org.nothing.here', {})).code).toBe('NOT_FOUND');
  });

  it('refuses wrong types, unknown keys and huge strings with BAD_INPUT in Chinese', async () => {
    t = await openTestLedger();
    const wrongType = await t.fail('org.communities.save', { name: 42 });
    expect(wrongType.code).toBe('BAD_INPUT');
    expect(wrongType.message).toMatch(/「名称」类型不对/);
    expect((await t.fail('org.communities.save', { name: '幸福社区', extra: 1 })).message).toContain('extra');
    expect((await t.fail('org.communities.save', { name: '幸'.repeat(100_000) })).code).toBe('BAD_INPUT');
    expect((await t.fail('org.communities.save', null)).code).toBe('BAD_INPUT');
    expect(await t.call('org.communities.list', {})).toEqual([]);
  });

  it('says a text is too long in characters and a list has too many items, not "too big"', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    const clerk = (await t.call('users.list', {})).find((u) => u.username === 'clerk1')!;
    const long = await t.fail('users.disable', { id: clerk.id, password: 'x'.repeat(200) });
    expect(long.code).toBe('BAD_INPUT');
    expect(long.message).toContain('「密码」太长（最多 128 个字）');
    expect(long.message).not.toContain('太大');
  });

  it('names a code field’s choices as the screens do, not by their codes', async () => {
    t = await openTestLedger();
    const wrong = await t.fail('rota.posts.save', { name: '东门卡点', kind: 'gate', requirements: [] });
    expect(wrong.code).toBe('BAD_INPUT');
    expect(wrong.message).toContain('「岗位类型」只能是：卡点值守、入户排查、值班、发热筛查、物资配送、居家观察随访');
    expect(wrong.message).not.toMatch(/checkpoint|screening|followup/);
  });

  it('never sends a stack trace or SQL to the renderer', async () => {
    t = await openTestLedger();
    t.core.services.ledger.handle().exec('DROP TABLE grids');
    const r = await t.raw('org.grids.list', {});
    expect(r.ok).toBe(false);
    const text = JSON.stringify(r);
    expect(text).toContain('INTERNAL');
    expect(text).not.toMatch(/grids|SQLITE|at .*\.ts|Error:/);
  });
});
