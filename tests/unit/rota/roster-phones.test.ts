/**
 * 轮班表 and the phones it prints. Staff are not residents, and a duty roster is posted to be rung, but the house rule
 * holds: personal numbers masked by default, revealed only to roles that may, every reveal attributable. So the
 * roster prints masked phones unless whoever prints it (a clerk or coordinator: the channel's role) asks for them in
 * full, and that print leaves an audit row naming who, which week, where and how many people's phones.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { rotaFixture, type RotaFixture } from './fixture';

const WEEK = { from: '2020-02-17', to: '2020-02-23' };

describe('the printed roster’s phones', () => {
  let t: TestLedger;
  let f: RotaFixture;
  beforeEach(async () => {
    t = await openTestLedger();
    f = await rotaFixture(t);
    await t.call('rota.assign', { day: '2020-02-17', postId: f.screening, shiftId: f.shifts.day, staffId: f.leader });
    await t.call('rota.assign', { day: '2020-02-18', postId: f.screening, shiftId: f.shifts.day, staffId: f.workers[0]! });
  });
  afterEach(() => t.close());

  const printedRosters = async () => (await t.call('audit.list', { filter: { channel: 'rota.roster' }, offset: 0, limit: 10 })).rows;

  it('prints them masked by default, and leaves no audit row', async () => {
    const roster = await t.call('rota.roster', { ...WEEK, communityId: f.c1 });
    const c = roster.communities[0]!;
    expect(roster.phones).toBe('masked');
    expect(c.leaders['2020-02-17']).toBe('赵书记 137****0000');
    expect(c.posts.find((p) => p.id === f.screening)!.cells[`2020-02-18|${f.shifts.day}`]!.names[0]!.phone).toBe('139****0000');
    expect(JSON.stringify(roster)).not.toMatch(/1[3-9]\d{9}/);
    expect(await printedRosters()).toEqual([]);
  });

  it('prints them in full when asked, and records who printed which week, where, for how many people', async () => {
    const roster = await t.call('rota.roster', { ...WEEK, communityId: f.c1, phones: 'full' });
    expect(roster.communities[0]!.leaders['2020-02-17']).toBe('赵书记 13700000000');
    expect(roster.people).toBe(2);
    const rows = await printedRosters();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.summary).toBe('王建国 打印了幸福社区的带完整电话的轮班表（2020-02-17 至 2020-02-23，2 人的电话）');
    expect(rows[0]!.after).not.toMatch(/1[3-9]\d{9}/);
  });

  it('is not a viewer’s to print, masked or full (the channel is a clerk’s)', async () => {
    await t.call('users.create', { username: 'viewer1', displayName: '只读', role: 'viewer', password: 'password-1234' });
    await t.call('auth.unlock', { username: 'viewer1', password: 'password-1234' }, 'viewer1');
    expect((await t.fail('rota.roster', { ...WEEK, phones: 'full' }, 'viewer1')).code).toBe('FORBIDDEN');
    expect(await printedRosters()).toEqual([]);
  });
});
