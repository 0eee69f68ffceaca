import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../electron/core/dates.shared';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { rotaFixture, type RotaFixture } from './fixture';

describe('rota: manual assignment and the hard rules', () => {
  let t: TestLedger;
  let f: RotaFixture;
  const count = () => (t.core.services.ledger.handle().prepare('SELECT count(*) AS n FROM rota_assignments').get() as { n: number }).n;
  beforeEach(async () => {
    t = await openTestLedger();
    f = await rotaFixture(t);
  });
  afterEach(() => t.close());

  it('refuses a doctor at a checkpoint, naming the rule and the person; nothing written', async () => {
    const e = await t.fail('rota.assign', { day: '2020-02-17', postId: f.checkpoint, shiftId: f.shifts.day, staffId: f.doctor });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('李医生');
    expect(e.message).toContain('医务人员原则上不安排卡点值守');
    expect(count()).toBe(0);
  });

  it('lets a coordinator override with a recorded, audited reason, but not a clerk', async () => {
    const clerk = await t.sessionAs('clerk');
    const denied = await t.fail(
      'rota.assign',
      { day: '2020-02-17', postId: f.checkpoint, shiftId: f.shifts.day, staffId: f.doctor, overrideReason: '卡点人手不足' },
      clerk,
    );
    expect(denied.code).toBe('FORBIDDEN');
    const { id } = await t.call('rota.assign', {
      day: '2020-02-17',
      postId: f.checkpoint,
      shiftId: f.shifts.day,
      staffId: f.doctor,
      overrideReason: '卡点人手不足，临时顶岗',
    });
    const audit = t.core.services.ledger
      .handle()
      .prepare(`SELECT after_json FROM audit_log WHERE entity = 'rota_assignment' AND entity_id = @id`)
      .get({ id: String(id) }) as { after_json: string };
    expect(audit.after_json).toContain('卡点人手不足，临时顶岗');
    const cal = await t.call('rota.calendar', { from: '2020-02-17', to: '2020-02-23' });
    expect(cal.assignments.find((a) => a.id === id)?.overrideReason).toBe('卡点人手不足，临时顶岗');
    expect(cal.assignments.find((a) => a.id === id)?.problems).toEqual([]);
  });

  it('refuses overlapping shifts and too little rest, naming the other post', async () => {
    const w = f.workers[0]!;
    await t.call('rota.assign', { day: '2020-02-17', postId: f.checkpoint, shiftId: f.shifts.day, staffId: w });
    const overlap = await t.fail('rota.assign', { day: '2020-02-17', postId: f.screening, shiftId: f.shifts.day, staffId: w });
    expect(overlap.code).toBe('CONFLICT');
    expect(overlap.message).toContain('同一时间已有班次');
    expect(overlap.message).toContain('北门卡点');
    const rest = await t.fail('rota.assign', { day: '2020-02-17', postId: f.checkpoint, shiftId: f.shifts.evening, staffId: w });
    expect(rest.message).toContain('两班之间不足 11 小时');
    expect(count()).toBe(1);
  });

  it('refuses a seventh consecutive day', async () => {
    const w = f.workers[1]!;
    for (let i = 0; i < 6; i++) await t.call('rota.assign', { day: addDays('2020-02-17', i), postId: f.screening, shiftId: f.shifts.day, staffId: w });
    const e = await t.fail('rota.assign', { day: '2020-02-23', postId: f.checkpoint, shiftId: f.shifts.day, staffId: w });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/连续工作 6 天|轮休/);
    expect(e.message).toContain('王芳');
    expect(count()).toBe(6);
  });

  it('respects leave, marks assignments that later break a rule, and moves atomically', async () => {
    const w = f.workers[2]!;
    await t.call('rota.leave.add', { staffId: w, from: '2020-02-18', to: '2020-02-19', reason: '病假' });
    const e = await t.fail('rota.assign', { day: '2020-02-18', postId: f.screening, shiftId: f.shifts.day, staffId: w });
    expect(e.message).toContain('请假');
    const { id } = await t.call('rota.assign', { day: '2020-02-20', postId: f.screening, shiftId: f.shifts.day, staffId: w });
    await t.call('rota.leave.add', { staffId: w, from: '2020-02-20', to: '2020-02-20', reason: '事假' });
    const cal = await t.call('rota.calendar', { from: '2020-02-17', to: '2020-02-23' });
    expect(cal.assignments.find((a) => a.id === id)?.problems[0]).toContain('请假');
    await t.call('rota.assign', { day: '2020-02-21', postId: f.screening, shiftId: f.shifts.day, staffId: w, replacesId: id });
    const after = await t.call('rota.calendar', { from: '2020-02-17', to: '2020-02-23' });
    expect(after.assignments.map((a) => a.day)).toEqual(['2020-02-21']);
    // A move that breaks a rule leaves the original in place.
    await t.fail('rota.assign', { day: '2020-02-19', postId: f.screening, shiftId: f.shifts.day, staffId: w, replacesId: after.assignments[0]!.id });
    expect((await t.call('rota.calendar', { from: '2020-02-17', to: '2020-02-23' })).assignments.map((a) => a.day)).toEqual(['2020-02-21']);
  });

  it('names fields in Chinese on bad input', async () => {
    const e = await t.fail('rota.staff.save', { name: '某人', kind: 'volunteer', idNumber: '4.10101E+17' });
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain('「身份证号」');
    const e2 = await t.fail('rota.posts.save', {
      communityId: f.c1,
      name: '南门卡点',
      kind: 'checkpoint',
      requirements: [{ shiftId: f.shifts.day, headcount: 0 }],
    });
    expect(e2.message).toContain('需要人数');
  });

  it('masks phones in the list and reveals them through an audited channel', async () => {
    const list = await t.call('rota.staff.list', { communityId: f.c1 });
    expect(list.find((s) => s.id === f.doctor)?.phone).toBe('138****0001');
    const viewer = await t.sessionAs('viewer');
    expect((await t.fail('rota.staff.reveal', { id: f.doctor }, viewer)).code).toBe('FORBIDDEN');
    expect((await t.call('rota.staff.reveal', { id: f.doctor })).phone).toBe('13800000001');
    const n = t.core.services.ledger.handle().prepare(`SELECT count(*) AS n FROM audit_log WHERE entity = 'staff.reveal'`).get() as { n: number };
    expect(n.n).toBe(1);
  });

  it('the calendar query uses the day index', () => {
    const plan = (
      t.core.services.ledger
        .handle()
        .prepare(`EXPLAIN QUERY PLAN SELECT a.id FROM rota_assignments a WHERE a.day BETWEEN @from AND @to ORDER BY a.day`)
        .all({ from: '2020-02-17', to: '2020-02-23' }) as Array<{ detail: string }>
    )
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_rota_assignments_1/);
    const byStaff = (
      t.core.services.ledger
        .handle()
        .prepare(`EXPLAIN QUERY PLAN SELECT a.id FROM rota_assignments a WHERE a.staff_id = @s AND a.day BETWEEN @from AND @to`)
        .all({ s: 1, from: '2020-02-17', to: '2020-02-23' }) as Array<{ detail: string }>
    )
      .map((r) => r.detail)
      .join(' | ');
    expect(byStaff).toContain('rota_assignments_by_staff');
  });
});
