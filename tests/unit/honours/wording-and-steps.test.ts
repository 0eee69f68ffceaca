/**
 * Memorial records in the notice's words: 因社区防控工作牺牲 on the forms (not
 * 因公牺牲, a determination made by others), 突发疾病 among the causes, the
 * follow-up applications tracked without pre-judging them, the hour and day
 * limits as the office's labelled settings, and a report clock that can start
 * from when the office learned of the death.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MEMORIAL_CAUSES } from '../../../electron/core/honours/types.shared';
import { formById } from '../../../electron/core/io/export/forms/registry';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { memorialFields, moveClock } from './helpers';

let t: TestLedger;
beforeEach(async () => {
  t = await openTestLedger({ now: '2020-02-16T08:00:00.000Z' });
});
afterEach(() => t.close());

describe('memorial wording', () => {
  it('heads the form 因社区防控工作牺牲, offers 突发疾病, and never says 因公', async () => {
    expect(MEMORIAL_CAUSES).toContain('突发疾病');
    expect(MEMORIAL_CAUSES.join()).not.toContain('因公');
    await t.call('honours.memorials.save', memorialFields({ cause: '突发疾病' }));
    const rows = formById('memorial-commendations')!.read(
      t.core.services.ledger.handle(),
      { from: '2020-02-10', to: '2020-02-16' },
      t.core.services.ledger.sealer(),
    );
    expect(rows[0]).toMatchObject({ section: '因社区防控工作牺牲', cause: '突发疾病' });
    expect(JSON.stringify(rows)).not.toContain('因公');
  });
});

describe('the report clock and the office\u2019s limits', () => {
  it('starts the clock from when the office learned of the death, if later', async () => {
    // Died 02-14 06:20Z, the office learned 02-16 02:00Z; now 02-16 08:00Z: 6 hours into a 24-hour limit, not 49.
    const m = await t.call('honours.memorials.save', memorialFields({ diedAt: '2020-02-14T06:20:00.000Z', learnedAt: '2020-02-16T02:00:00.000Z' }));
    expect(m.reporting).toMatchObject({
      clockFrom: 'learned',
      clockStart: '2020-02-16T02:00:00.000Z',
      elapsedHours: 6,
      overdue: false,
      deadline: '2020-02-17T02:00:00.000Z',
    });
    expect((await t.call('honours.due', {})).overdueReports).toEqual([]);
    const before = await t.fail('honours.memorials.save', memorialFields({ diedAt: '2020-02-14T06:20:00.000Z', learnedAt: '2020-02-13T00:00:00.000Z' }));
    expect(before.message).toContain('「获悉时间」');
    await moveClock(t, '2020-02-17T03:00:00.000Z');
    expect((await t.call('honours.due', {})).overdueReports.map((r) => r.memorialId)).toEqual([m.id]);
  });

  it('keeps the report hours and the first-visit days as the office\u2019s settings, which the due list follows', async () => {
    expect(await t.call('honours.settings.get', {})).toEqual({ reportLimitHours: 24, firstVisitDays: 3 });
    const m = await t.call('honours.memorials.save', memorialFields({ diedAt: '2020-02-16T06:20:00.000Z' }));
    await t.call('honours.settings.update', { firstVisitDays: 1 });
    await moveClock(t, '2020-02-17T02:00:00.000Z');
    const due = await t.call('honours.due', {});
    expect(due.followUps.find((f) => f.memorialId === m.id && f.kind === 'visit')?.dueOn).toBe('2020-02-17');
    await t.call('honours.settings.update', { reportLimitHours: 48 });
    expect((await t.call('honours.settings.get', {})).reportLimitHours).toBe(48);
    const clerk = await t.sessionAs('clerk');
    expect((await t.fail('honours.settings.update', { firstVisitDays: 5 }, clerk)).code).toBe('FORBIDDEN');
  });
});

describe('后续办理: 工伤认定, 烈士评定, 抚恤', () => {
  it('tracks each application with its dates and the outcome as decided by others, asking for what each stage needs', async () => {
    const m = await t.call('honours.memorials.save', memorialFields());
    expect(m.steps.map((s) => [s.kind, s.status])).toEqual([
      ['工伤认定', 'not_started'],
      ['烈士评定', 'not_started'],
      ['抚恤', 'not_started'],
    ]);
    const base = { memorialId: m.id, kind: '工伤认定' as const };
    expect((await t.fail('honours.steps.save', { ...base, status: 'applied' })).message).toContain('「申请日期」');
    await t.call('honours.steps.save', { ...base, status: 'applied', appliedOn: '2020-02-16', appliedTo: '区人力资源和社会保障局' });
    expect(
      (await t.fail('honours.steps.save', { ...base, status: 'decided', appliedOn: '2020-02-16', appliedTo: '区人力资源和社会保障局' })).message,
    ).toContain('「结果」');
    expect((await t.fail('honours.steps.save', { memorialId: m.id, kind: '烈士评定', status: 'not_applicable' })).message).toContain('「说明」');
    await t.call('honours.steps.save', { memorialId: m.id, kind: '烈士评定', status: 'not_applicable', notes: '不符合评定条件（区退役军人事务局答复）' });
    await moveClock(t, '2020-03-20T02:00:00.000Z');
    const d = await t.call('honours.steps.save', {
      ...base,
      status: 'decided',
      appliedOn: '2020-02-16',
      appliedTo: '区人力资源和社会保障局',
      decidedOn: '2020-03-18',
      outcome: '认定为工伤（区人社局认定书）',
    });
    expect(d.steps[0]).toMatchObject({ status: 'decided', decidedOn: '2020-03-18', outcome: '认定为工伤（区人社局认定书）' });
    const rows = formById('memorial-commendations')!.read(
      t.core.services.ledger.handle(),
      { from: '2020-02-10', to: '2020-02-16' },
      t.core.services.ledger.sealer(),
    );
    expect(rows[0]?.steps).toBe('工伤认定：已有结果（2020-03-18，认定为工伤（区人社局认定书））；烈士评定：不适用；抚恤：未办理');
    const audit = t.core.services.ledger.handle().prepare(`SELECT count(*) AS n FROM audit_log WHERE entity = 'memorial_step'`).get() as { n: number };
    expect(audit.n).toBe(3);
  });
});
