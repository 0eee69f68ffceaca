/**
 * 「显示列」 choices: each user's own, per grid, kept in the ledger (migration
 * 017), audited as a sentence; another user's choices are untouched.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

describe('remembered columns per user', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  it('keeps each user their own choices per grid, across a lock and unlock', async () => {
    t = await openTestLedger();
    const viewer = await t.sessionAs('viewer', 'chen');
    expect(await t.call('settings.columns.list', {})).toEqual({});
    await t.call('settings.columns.save', { grid: '个案列表', shown: { notes: true, phone: false } });
    await t.call('settings.columns.save', { grid: '人员列表', shown: { skills: true } });
    // A viewer may arrange their own grids (it changes nothing in the ledger's records).
    await t.call('settings.columns.save', { grid: '个案列表', shown: { address: false } }, viewer);

    expect(await t.call('settings.columns.list', {})).toEqual({ 个案列表: { notes: true, phone: false }, 人员列表: { skills: true } });
    expect(await t.call('settings.columns.list', {}, viewer)).toEqual({ 个案列表: { address: false } });

    await t.call('settings.columns.save', { grid: '个案列表', shown: {} });
    await t.call('auth.lock', {});
    await t.call('auth.unlock', { username: 'admin', password: 'correct-horse-1' });
    expect(await t.call('settings.columns.list', {})).toEqual({ 个案列表: {}, 人员列表: { skills: true } });

    const log = await t.call('audit.list', { filter: { channel: 'settings.columns.save' }, offset: 0, limit: 10 });
    expect(log.rows.map((r) => r.summary)).toContain('王建国 调整了表格显示的列「人员列表」');
    expect(log.rows.map((r) => r.summary)).toContain('王建国 调整了表格显示的列「个案列表」（改动：显示列）');
  });

  it('refuses what is not a column choice, naming the field', async () => {
    t = await openTestLedger();
    const e = await t.fail('settings.columns.save', { grid: '个案列表', shown: { notes: 'yes' } });
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain('「显示列」');
    const many = Object.fromEntries(Array.from({ length: 81 }, (_, i) => [`c${i}`, true]));
    expect((await t.fail('settings.columns.save', { grid: '个案列表', shown: many })).message).toContain('最多 80 列');
    expect((await t.fail('settings.columns.save', { grid: '', shown: {} })).message).toContain('「表格」');
  });
});
