/**
 * The twenty-seventh attack run (session 41) on 自动排班's days before today (rota/generate.ts `past`, session 40: a
 * re-run plans today on and leaves every earlier day as it was) and its older rule that a confirmed shift is a record,
 * never replaced. Through `Core.call`: a period crossing today, a clerk's re-run, the office's day turning while the
 * task runs, and a shift confirmed (出勤确认) in another window while the task is between its reads and its write.
 * Every change must be audited, and no confirmed (paid) shift may go.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { unpackBatch } from '../../../electron/core/audit/batched-entries';
import { rotaFixture, type RotaFixture } from '../rota/fixture';

const WEEK = { from: '2020-02-17', to: '2020-02-23' };
let t: TestLedger;
let f: RotaFixture;
afterEach(() => {
  vi.restoreAllMocks();
  t?.close();
});

const db = () => t.core.services.ledger.handle();
const rows = (from: string, to: string) =>
  db()
    .prepare(`SELECT id, day, staff_id AS staffId, post_id AS postId, shift_id AS shiftId FROM rota_assignments WHERE day BETWEEN ? AND ? ORDER BY id`)
    .all(from, to);
const attendance = () => db().prepare(`SELECT assignment_id AS id, day FROM rota_attendance ORDER BY assignment_id`).all() as { id: number; day: string }[];
const orphans = () => db().prepare(`SELECT count(*) FROM rota_attendance WHERE assignment_id NOT IN (SELECT id FROM rota_assignments)`).pluck().get() as number;

/**
 * The audit log replayed in order (ids are max(id) + 1, so a deleted id comes back): the rows it leaves are the table's.
 * 自动排班 writes its assignments 500 to a row (rota/plan-save.ts): a batch's records each carry their id.
 */
function everyChangeAudited(): void {
  const ids = (db().prepare(`SELECT id FROM rota_assignments ORDER BY id`).pluck().all() as number[]).join(',');
  const audited = db().prepare(`SELECT entity_id, before_json, after_json FROM audit_log WHERE entity = 'rota_assignment' ORDER BY id`).all() as {
    entity_id: string;
    before_json: string | null;
    after_json: string | null;
  }[];
  const idsIn = (r: { entity_id: string }, json: string): number[] => {
    const batch = unpackBatch(JSON.parse(json)) as { id: number }[] | null;
    return batch ? batch.map((x) => x.id) : [Number(r.entity_id)];
  };
  const live = new Set<number>();
  for (const r of audited) {
    if (r.before_json !== null) for (const id of idsIn(r, r.before_json)) live.delete(id);
    else for (const id of idsIn(r, r.after_json!)) live.add(id);
  }
  expect([...live].sort((a, b) => a - b).join(',')).toBe(ids);
}

async function office(): Promise<void> {
  t = await openTestLedger(); // Monday 17 February 2020, 09:00 in Beijing
  f = await rotaFixture(t);
  await t.sessionAs('clerk', 'clerk1');
}

/** Runs `during` once the generator is planning (its reads done, its write to come), from the task's progress. */
function whilePlanning(during: () => Promise<unknown>): { done: () => Promise<boolean> } {
  const services = t.core.services;
  const real = services.emit.bind(services);
  let started: Promise<unknown> | null = null;
  vi.spyOn(services, 'emit').mockImplementation((sessionId, event) => {
    if (!started && (event as { channel?: string; phase?: string }).channel === 'rota.generate' && (event as { phase?: string }).phase === '排班')
      started = during();
    return real(sessionId, event);
  });
  return {
    done: async () => {
      await started;
      return started !== null;
    },
  };
}

describe('自动排班 and the shifts already worked', () => {
  it('held: 自动排班 is the coordinator’s (clerk1 FORBIDDEN); the coordinator’s re-run on Wednesday over a period from last week, published weeks included: nothing before today moves; every change audited', async () => {
    await office();
    expect((await t.fail('rota.generate', WEEK, 'clerk1')).code).toBe('FORBIDDEN');
    await admitAt(t, '2020-02-10T01:00:00.000Z');
    await t.call('rota.generate', { from: '2020-02-10', to: '2020-02-23' });
    const before = rows('2020-02-10', '2020-02-18');
    await admitAt(t, '2020-02-19T02:00:00.000Z');
    const r = await t.call('rota.generate', { from: '2020-02-10', to: '2020-02-23', includePublished: true });
    expect(r.pastDays).toBe(9);
    expect(rows('2020-02-10', '2020-02-18')).toEqual(before);
    everyChangeAudited();
  }, 60_000);

  it('held: the office’s day turns (23:59:59 → 00:00:01) while the task plans: the day that just ended is planned as it was “today” when read (as a run a second earlier); audited', async () => {
    await office();
    await admitAt(t, '2020-02-17T15:59:59.000Z'); // 23:59:59 in Beijing
    await t.call('rota.generate', WEEK);
    const run = whilePlanning(async () => t.clock.set('2020-02-17T16:00:01.000Z'));
    const r = await t.call('rota.generate', WEEK);
    expect(await run.done()).toBe(true);
    expect(r.pastDays).toBe(0);
    everyChangeAudited();
  }, 60_000);

  // A shift confirmed while the task is between its reads and its write: `confirmed` was read before the task's awaits,
  // and ctx.write checks no stamp; the foreign key is what holds.
  it('held: today’s shifts confirmed (整天确认) in another coordinator’s window while 自动排班 plans: no confirmed shift is removed', async () => {
    await office();
    const other = await t.sessionAs('coordinator', 'zhaoliu');
    await t.call('rota.generate', WEEK);
    const run = whilePlanning(() => t.call('rota.attendance.confirmDay', { day: '2020-02-17', communityId: f.c1 }, other));
    const result = await t.raw('rota.generate', WEEK);
    expect(await run.done()).toBe(true);
    const confirmed = attendance().filter((a) => a.day === '2020-02-17');
    expect(confirmed.length).toBeGreaterThan(0);
    expect(orphans()).toBe(0);
    for (const a of confirmed) expect(db().prepare(`SELECT 1 FROM rota_assignments WHERE id = ?`).get(a.id)).toBeTruthy();
    // The whole run is refused, nothing saved, in words that say why (they were any constraint's 「与已有记录冲突（可能
    // 重复）」 from the foreign key, until session 42).
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const message = (result as { error: { message: string } }).error.message;
    expect(message).toContain('自动排班期间，2020年2月17日');
    expect(message).toContain('在另一个窗口被确认了');
    expect(message).toContain('本次什么也没有保存');
    everyChangeAudited();
  }, 60_000);
});
