/**
 * A save that puts medical staff on a 卡点值守 post they are already planned on warns, quoting the notice, and goes on
 * only with a reason (recorded on those shifts, by a coordinator) or 「先保存，稍后调换」: a person recorded as 医务人员
 * (人员 › 人员类别) while on a checkpoint, and a post made a checkpoint while a doctor is on it. Before this, both saves
 * went through silently and only the printed roster said ※ 「未写破例理由」.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { rotaFixture, type RotaFixture } from './fixture';

const NOTICE = '原则上不安排他们在卡点值守';

describe('rota: medical staff onto a checkpoint by a save, warned at the save', () => {
  let t: TestLedger;
  let f: RotaFixture;
  const reasonOf = (id: number) =>
    (t.core.services.ledger.handle().prepare(`SELECT override_reason AS r FROM rota_assignments WHERE id = @id`).get({ id }) as { r: string | null }).r;
  const worker = (extra: Record<string, unknown> = {}) => ({ id: f.workers[0]!, name: '张伟', kind: 'medical' as const, communityId: f.c1, ...extra });
  beforeEach(async () => {
    // Monday 17 February 2020: 张伟 stood the checkpoint on the 17th (today) and is planned on it on the 18th and 19th.
    t = await openTestLedger();
    f = await rotaFixture(t);
  });
  afterEach(() => t.close());

  const plan = async (staffId: number, postId: number, days: string[]) => {
    const ids: number[] = [];
    for (const day of days) ids.push((await t.call('rota.assign', { day, postId, shiftId: f.shifts.day, staffId })).id);
    return ids;
  };

  it('stops 人员类别 → 医务人员 for someone on a checkpoint, naming the shifts and quoting the notice; nothing is saved', async () => {
    const ids = await plan(f.workers[0]!, f.checkpoint, ['2020-02-18', '2020-02-19']);
    const e = await t.fail('rota.staff.save', worker());
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('张伟 2020-02-18 早班 08:00');
    expect(e.message).toContain('张伟 2020-02-19');
    expect(e.message).toContain(NOTICE);
    expect(e.details).toMatchObject({ rule: 'medical_checkpoint', shifts: 2 });
    expect((await t.call('rota.staff.list', {})).find((s) => s.id === f.workers[0])!.kind).toBe('community_worker');
    expect(ids.map(reasonOf)).toEqual([null, null]);
  });

  it('with a reason, saves and records it on each shift from today on (audited); the calendar and the roster then carry it', async () => {
    const [past] = await plan(f.workers[0]!, f.checkpoint, ['2020-02-16']);
    const ids = await plan(f.workers[0]!, f.checkpoint, ['2020-02-17', '2020-02-18']);
    const reason = '北门卡点暂缺人手，张伟兼做体温复测，至2月20日';
    await t.call('rota.staff.save', worker({ medicalReason: reason }));
    expect(ids.map(reasonOf)).toEqual([reason, reason]);
    expect(reasonOf(past!), 'a shift already worked is left as it was').toBeNull();
    const cal = await t.call('rota.calendar', { from: '2020-02-17', to: '2020-02-18' });
    expect(cal.assignments.filter((a) => a.staffId === f.workers[0]).map((a) => a.problems)).toEqual([[], []]);
    const roster = await t.call('rota.roster', { from: '2020-02-17', to: '2020-02-18' });
    expect(roster.communities.find((c) => c.communityId === f.c1)!.overrides.map((o) => o.reason)).toEqual([reason, reason]);
    const audited = t.core.services.ledger
      .handle()
      .prepare(`SELECT count(*) AS n FROM audit_log WHERE entity = 'rota_assignment' AND entity_id IN (@a, @b)`)
      .get({ a: String(ids[0]), b: String(ids[1]) }) as { n: number };
    expect(audited.n).toBe(4); // each shift: its creation and the reason
  });

  it('with 先保存，稍后调换, saves; the calendar marks the shifts and the roster prints 未写破例理由', async () => {
    const ids = await plan(f.workers[0]!, f.checkpoint, ['2020-02-18']);
    await t.call('rota.staff.save', worker({ medicalLater: true }));
    expect(reasonOf(ids[0]!)).toBeNull();
    const cal = await t.call('rota.calendar', { from: '2020-02-18', to: '2020-02-18' });
    expect(cal.assignments.find((a) => a.id === ids[0])!.problems.join()).toContain('医务人员');
  });

  it('leaves the reason to a coordinator: a clerk may save and rearrange later, not write the 破例', async () => {
    await plan(f.workers[0]!, f.checkpoint, ['2020-02-18']);
    const clerk = await t.sessionAs('clerk');
    expect((await t.fail('rota.staff.save', worker({ medicalReason: '人手不足' }), clerk)).code).toBe('FORBIDDEN');
    await t.call('rota.staff.save', worker({ medicalLater: true }), clerk);
  });

  it('stops a post made a checkpoint while a doctor is planned on it, and records the reason given', async () => {
    const ids = await plan(f.doctor, f.screening, ['2020-02-18']);
    const post = (await t.call('rota.posts.list', {})).find((p) => p.id === f.screening)!;
    const save = {
      id: post.id,
      communityId: post.communityId,
      name: post.name,
      kind: 'checkpoint' as const,
      location: '幸福小区南门',
      requirements: post.requirements,
    };
    const e = await t.fail('rota.posts.save', save);
    expect([e.code, e.message.includes('李医生 2020-02-18'), e.message.includes(NOTICE)]).toEqual(['CONFLICT', true, true]);
    expect((await t.call('rota.posts.list', {})).find((p) => p.id === f.screening)!.kind).toBe('screening');
    await t.call('rota.posts.save', { ...save, medicalReason: '南门只剩李医生一人可排，已报街道' });
    expect(reasonOf(ids[0]!)).toBe('南门只剩李医生一人可排，已报街道');
  });

  it('does not stop a save that changes nothing about it (a checkpoint’s leader set again), nor one with no medical person on it', async () => {
    const doctorOn = await plan(f.doctor, f.screening, ['2020-02-18']);
    const { communityName: _c, leaderName: _l, ...post } = (await t.call('rota.posts.list', {})).find((p) => p.id === f.checkpoint)!;
    await t.call('rota.posts.save', { ...post, leaderStaffId: f.leader });
    await t.call('rota.staff.save', { id: f.workers[1]!, name: '王芳', kind: 'medical', communityId: f.c1 });
    expect(reasonOf(doctorOn[0]!)).toBeNull();
    expect((await t.fail('rota.staff.save', { id: f.workers[2]!, name: '刘洋', kind: 'medical', communityId: f.c1, medicalReason: '无' })).message).toContain(
      '不需要填写',
    );
  });
});
