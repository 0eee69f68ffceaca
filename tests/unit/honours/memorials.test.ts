import { afterEach, describe, expect, it } from 'vitest';
import { asWriteDb } from '../../../electron/core/db/types';
import { honoursDue } from '../../../electron/core/honours/due';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { DIED_AT, insertStaff, memorialFields, moveClock } from './helpers';

const auditRows = (t: TestLedger, channel: string) =>
  t.core.services.ledger.handle().prepare(`SELECT entity, entity_id AS entityId, username FROM audit_log WHERE channel = @channel`).all({ channel }) as Array<{
    entity: string;
    entityId: string;
    username: string;
  }>;

describe('memorial records and the reporting timeline', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  it('records a death linked to the staff registry and marks the staff entry deceased', async () => {
    t = await openTestLedger({ now: '2020-02-16T08:00:00.000Z' });
    const c = await t.call('org.communities.save', { name: '和平社区' });
    const staffId = insertStaff(t, '孙海燕', c.id);
    const m = await t.call('honours.memorials.save', memorialFields({ staffId, communityId: c.id, idNumber: '410102197803150026' }));
    expect(m).toMatchObject({ staffId, communityName: '和平社区', cause: '过度劳累', idNumber: '410102197803150026' });
    expect(m.reporting).toMatchObject({ overdue: false, elapsedHours: 1, limitHours: 24 });
    const status = t.core.services.ledger.handle().prepare(`SELECT status FROM staff WHERE id = @staffId`).get({ staffId }) as { status: string };
    expect(status.status).toBe('deceased');
  });

  it('refuses a death in the future, a bad ID number and an unknown staff link, naming the field', async () => {
    t = await openTestLedger({ now: '2020-02-16T08:00:00.000Z' });
    expect((await t.fail('honours.memorials.save', memorialFields({ diedAt: '2020-02-17T08:00:00.000Z' }))).message).toContain('「牺牲时间」');
    expect((await t.fail('honours.memorials.save', memorialFields({ idNumber: '410102197803150027' }))).message).toContain('「身份证号」');
    expect((await t.fail('honours.memorials.save', memorialFields({ staffId: 99 }))).message).toContain('「工作人员」');
    expect((await t.fail('honours.memorials.save', memorialFields({ cause: '意外' as never }))).message).toContain('「原因类别」');
    expect((await t.fail('honours.memorials.save', memorialFields({ circumstances: ' ' }))).message).toContain('「牺牲经过」不能为空');
    expect(await t.call('honours.memorials.list', {})).toEqual([]);
  });

  it('stays overdue with two of four reports after the limit, clears when all are reported', async () => {
    t = await openTestLedger({ now: '2020-02-16T08:00:00.000Z' });
    const m = await t.call('honours.memorials.save', memorialFields());
    const report = (recipient: '党委' | '政府' | '上级民政部门' | '上级卫生健康部门', reportedAt: string) =>
      t.call('honours.reports.add', { memorialId: m.id, recipient, reportedAt, via: '电话报告', reportedBy: '王建国' });
    await report('党委', '2020-02-16T07:00:00.000Z');
    await report('政府', '2020-02-16T07:30:00.000Z');
    await moveClock(t, '2020-02-17T07:00:00.000Z'); // 24 h 40 min after the death
    const [row] = await t.call('honours.memorials.list', {});
    expect(row).toMatchObject({ overdue: true, missing: ['上级民政部门', '上级卫生健康部门'], elapsedHours: 24 });
    expect((await t.call('honours.due', {})).overdueReports).toEqual([
      {
        memorialId: m.id,
        name: '孙海燕',
        diedAt: DIED_AT,
        clockFrom: 'death',
        clockStartedAt: DIED_AT,
        elapsedHours: 24,
        missing: ['上级民政部门', '上级卫生健康部门'],
      },
    ]);
    await report('上级民政部门', '2020-02-17T06:50:00.000Z');
    const last = await report('上级卫生健康部门', '2020-02-17T06:55:00.000Z');
    expect(last.reporting).toMatchObject({ overdue: false, complete: true, late: ['上级民政部门', '上级卫生健康部门'] });
    expect((await t.call('honours.due', {})).overdueReports).toEqual([]);
    expect(last.reports.map((r) => r.recipient)).toEqual(['党委', '政府', '上级民政部门', '上级卫生健康部门']);
  });

  it('refuses a report dated before the death', async () => {
    t = await openTestLedger({ now: '2020-02-16T08:00:00.000Z' });
    const m = await t.call('honours.memorials.save', memorialFields());
    const e = await t.fail('honours.reports.add', {
      memorialId: m.id,
      recipient: '党委',
      reportedAt: '2020-02-16T06:00:00.000Z',
      via: '电话报告',
      reportedBy: '王建国',
    });
    expect(e.message).toContain('「报告时间」不能早于牺牲时间');
  });

  it('uses the configured limit', async () => {
    t = await openTestLedger({ now: '2020-02-16T19:00:00.000Z' }); // 12 h 40 min after
    await t.call('honours.memorials.save', memorialFields());
    expect((await t.call('honours.memorials.list', {}))[0]!.overdue).toBe(false);
    await t.call('honours.settings.update', { reportLimitHours: 12 });
    expect((await t.call('honours.memorials.list', {}))[0]!.overdue).toBe(true);
    expect((await t.fail('honours.settings.update', { reportLimitHours: 0 })).message).toContain('「报告时限」');
  });

  it('audits every opening of a record, without copying personal data into the log', async () => {
    t = await openTestLedger({ now: '2020-02-16T08:00:00.000Z' });
    const m = await t.call('honours.memorials.save', memorialFields());
    await t.call('honours.memorials.get', { id: m.id });
    await t.call('honours.memorials.get', { id: m.id });
    expect(auditRows(t, 'honours.memorials.get')).toEqual([
      { entity: 'memorial_view', entityId: String(m.id), username: 'admin' },
      { entity: 'memorial_view', entityId: String(m.id), username: 'admin' },
    ]);
    const after = t.core.services.ledger.handle().prepare(`SELECT after_json AS a FROM audit_log WHERE channel = 'honours.memorials.get'`).get() as {
      a: string;
    };
    expect(after.a).not.toContain('孙海燕');
    expect((await t.fail('honours.memorials.get', { id: 999 })).code).toBe('NOT_FOUND');
  });

  it('keeps memorial records from clerks and viewers', async () => {
    t = await openTestLedger({ now: '2020-02-16T08:00:00.000Z' });
    const m = await t.call('honours.memorials.save', memorialFields());
    for (const role of ['clerk', 'viewer'] as const) {
      const s = await t.sessionAs(role);
      for (const [channel, input] of [
        ['honours.memorials.list', {}],
        ['honours.memorials.get', { id: m.id }],
        ['honours.memorials.save', memorialFields()],
        ['honours.reports.add', { memorialId: m.id, recipient: '党委', reportedAt: '2020-02-16T07:00:00.000Z', via: '电话报告', reportedBy: '王建国' }],
        ['honours.due', {}],
        ['honours.visits.add', { memorialId: m.id, visitedOn: '2020-02-16', visitors: '王建国' }],
        ['honours.attachments.open', { attachmentId: 1 }],
      ] as const) {
        expect((await t.fail(channel, input, s)).code, `${role} ${channel}`).toBe('FORBIDDEN');
      }
    }
    expect(auditRows(t, 'honours.memorials.get')).toEqual([]);
  });

  it('honoursDue is callable with a read handle for Today and the dashboard', async () => {
    t = await openTestLedger({ now: '2020-02-16T08:00:00.000Z' });
    await t.call('honours.memorials.save', memorialFields());
    const db = asWriteDb(t.core.services.ledger.handle());
    expect(honoursDue(db, t.clock, null).overdueReports).toEqual([]);
    t.clock.set('2020-02-17T08:00:00.000Z');
    expect(honoursDue(db, t.clock, null).overdueReports).toHaveLength(1);
  });
});

describe('memorial list query plan', () => {
  it('lists newest deaths first through the died_at index', async () => {
    const t = await openTestLedger();
    try {
      const plan = t.core.services.ledger
        .handle()
        .prepare(`EXPLAIN QUERY PLAN SELECT m.id FROM honours_memorials m LEFT JOIN communities c ON c.id = m.community_id ORDER BY m.died_at DESC, m.id DESC`)
        .all() as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join('\n')).toContain('honours_memorials_by_died');
    } finally {
      t.close();
    }
  });
});
