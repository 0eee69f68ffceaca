/**
 * 自动排班's save (rota/plan-save.ts): one delete, one reused insert, and the log 500 assignments to a row (a run's row,
 * then the replaced assignments in `before`, then the new ones in `after`), in the write's one transaction. Every
 * assignment is still in the log with who, when, which run and what it was; a killed save leaves nothing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { batchedEntriesFor, ColumnarBatchText, unpackBatch } from '../../../electron/core/audit/batched-entries';
import { describeAudit } from '../../../electron/core/audit/describe';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { makeOffice } from '../../helpers/rota-office';

const PERIOD = { from: '2020-02-17', to: '2020-03-01' };

interface LogRow {
  id: number;
  username: string;
  channel: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
}

type Row = Record<string, unknown> & { id: number };

/** An office of 60 staff and 8 posts of 2 per shift planned for two weeks (about 600 assignments: two batches). */
async function plannedOffice(): Promise<TestLedger> {
  const t = await openTestLedger();
  await makeOffice((c, i) => t.call(c as never, i as never), { staff: 60, posts: 8, perShift: 2 });
  await t.call('rota.generate', PERIOD);
  return t;
}

const logOf = (t: TestLedger, fromId = 0): LogRow[] =>
  t.core.services.ledger
    .handle()
    .prepare(
      `SELECT id, username, channel, entity, entity_id AS entityId, before_json AS before, after_json AS after FROM audit_log WHERE id > @fromId ORDER BY id`,
    )
    .all({ fromId }) as LogRow[];

const tableOf = (t: TestLedger): Row[] =>
  t.core.services.ledger
    .handle()
    .prepare(`SELECT id, day, post_id AS postId, shift_id AS shiftId, staff_id AS staffId, source FROM rota_assignments ORDER BY id`)
    .all() as Row[];

/** The assignments the log says exist: every row about one, batched or not, applied in order (removed, then made). */
function assignmentsByLog(log: LogRow[]): Row[] {
  const held = new Map<number, Row>();
  const records = (text: string | null): Row[] => (text === null ? [] : ((unpackBatch(JSON.parse(text)) ?? [JSON.parse(text)]) as Row[]));
  for (const r of log.filter((x) => x.entity === 'rota_assignment')) {
    const [first] = (r.entityId ?? '').split('–').map(Number);
    if (r.after === null) for (const b of records(r.before)) held.delete(b.id ?? first!);
    for (const a of records(r.after)) {
      const id = a.id ?? first!;
      held.set(id, { id, day: a.day, postId: a.postId, shiftId: a.shiftId, staffId: a.staffId, source: a.source });
    }
  }
  return [...held.values()].sort((x, y) => x.id - y.id);
}

describe('自动排班 saves its assignments 500 to an audit row', () => {
  let t: TestLedger;
  afterEach(() => t.close());

  it('a run and a re-run: few rows, the table read back out of the log, each assignment found in the log with who, when and which run', async () => {
    t = await plannedOffice();
    const first = logOf(t).filter((r) => r.channel === 'rota.generate');
    const made = tableOf(t);
    expect(made.length).toBeGreaterThan(500);
    // The run's row, then ceil(n / 500) batches: not one row per assignment.
    expect(first.map((r) => r.entity)).toEqual(['rota_plan', ...Array<string>(Math.ceil(made.length / 500)).fill('rota_assignment')]);
    expect(JSON.parse(first[0]!.after!)).toEqual({ ...PERIOD, communityIds: null, jobId: null, created: made.length, replaced: 0 });
    const at = logOf(t).at(-1)!.id;

    // Someone's leave, and the same two weeks again: every auto assignment is replaced.
    const staffId = made[0]!.staffId as number;
    await t.call('rota.leave.add', { staffId, from: '2020-02-19', to: '2020-02-21', reason: '事假' });
    const report = await t.call('rota.generate', { ...PERIOD, jobId: 'run-2' });
    const again = logOf(t, at).filter((r) => r.channel === 'rota.generate');
    const now = tableOf(t);
    expect(report.created).toBe(now.length);
    expect(now.some((r) => r.staffId === staffId && r.day === '2020-02-20')).toBe(false);
    expect(JSON.parse(again[0]!.after!)).toMatchObject({ jobId: 'run-2', created: now.length, replaced: made.length });
    const removals = again.filter((r) => r.entity === 'rota_assignment' && r.after === null);
    expect(removals.length).toBe(Math.ceil(made.length / 500));
    // Each replaced assignment whole in `before`, as the calendar had it.
    const removed = removals.flatMap((r) => unpackBatch(JSON.parse(r.before!)) as Row[]);
    expect(removed.map((r) => r.id)).toEqual(made.map((r) => r.id));
    expect(removed[0]).toMatchObject({ ...made[0], staffName: expect.any(String), communityId: expect.any(Number), overrideReason: null });

    // The log still tells what the table holds, run after run.
    expect(assignmentsByLog(logOf(t))).toEqual(now);
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true });

    // In words, as 操作日志 shows them.
    const words = again.map((r) => describeAudit({ who: '王建国', ...r }));
    expect(words[0]).toBe(`王建国 自动排班 2020-02-17 至 2020-03-01：新排 ${now.length} 个班次，替换此前自动排的 ${made.length} 个`);
    expect(words[1]).toMatch(/^王建国 自动排班替换了此前自动排的 500 个值守安排（编号 \d+–\d+）（原安排在「显示原始记录」里）$/);
    expect(words.at(-1)).toMatch(/^王建国 自动排班新排了 \d+ 个值守安排（编号 \d+–\d+）$/);

    // One assignment found in the batches (audit/batched-entries.ts): made by the first run, replaced by the second (its
    // id may be taken again by a new one); the run is the log's rota_plan row just before the batch.
    const entries = batchedEntriesFor(t.core.services.ledger.handle(), 'rota_assignment', made[1]!.id);
    expect(entries.slice(0, 2)).toEqual([
      { rowId: expect.any(Number), at: expect.any(String), username: 'admin', channel: 'rota.generate', after: { ...made[1], source: 'auto' } },
      {
        rowId: expect.any(Number),
        at: expect.any(String),
        username: 'admin',
        channel: 'rota.generate',
        before: expect.objectContaining({ ...made[1] }),
        after: null,
      },
    ]);
    const runOf = (rowId: number) =>
      JSON.parse(
        logOf(t)
          .filter((r) => r.entity === 'rota_plan' && r.id < rowId)
          .at(-1)!.after!,
      ) as { jobId: string | null };
    expect(entries.slice(0, 2).map((e) => runOf(e.rowId).jobId)).toEqual([null, 'run-2']);
    expect(
      describeAudit({
        who: '王建国',
        channel: 'rota.generate',
        entity: 'rota_assignment',
        entityId: String(made[1]!.id),
        before: null,
        after: JSON.stringify(entries[0]!.after),
      }),
    ).toBe(`王建国 自动排班新排了 1 个值守安排（编号 ${made[1]!.id}）`);
  });

  it('a save killed after half its inserts leaves the assignments and the log as they were', async () => {
    t = await plannedOffice();
    const table = tableOf(t);
    const log = logOf(t);
    await t.call('rota.leave.add', { staffId: table[0]!.staffId as number, from: '2020-02-19', to: '2020-02-21', reason: '事假' });
    const afterLeave = logOf(t);
    // Each new assignment goes into its batch right after its insert: the fault comes inside the write, mid-inserts.
    const add = ColumnarBatchText.prototype.add;
    let inserted = 0;
    const spy = vi.spyOn(ColumnarBatchText.prototype, 'add').mockImplementation(function (this: ColumnarBatchText, record: unknown) {
      if ((record as Row).staffName === undefined && ++inserted > table.length / 2) throw new Error('断电');
      return add.call(this, record);
    });
    try {
      await expect(t.call('rota.generate', PERIOD)).rejects.toThrow();
    } finally {
      spy.mockRestore();
    }
    expect(inserted).toBeGreaterThan(table.length / 2);
    expect(tableOf(t)).toEqual(table);
    expect(logOf(t)).toEqual(afterLeave);
    expect(afterLeave.length).toBe(log.length + 1);
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true });
  });
});

describe('two ledgers made by the same steps', () => {
  it('plan, re-plan after leave: the same assignments, calendar, roster and report', async () => {
    const steps = async () => {
      const t = await plannedOffice();
      try {
        const someone = tableOf(t)[3]!.staffId as number;
        await t.call('rota.leave.add', { staffId: someone, from: '2020-02-24', to: '2020-02-26', reason: '事假' });
        const report = await t.call('rota.generate', PERIOD);
        return {
          report,
          table: tableOf(t),
          calendar: (await t.call('rota.calendar', PERIOD)).assignments,
          roster: await t.call('rota.roster', PERIOD),
          log: assignmentsByLog(logOf(t)),
        };
      } finally {
        t.close();
      }
    };
    const one = await steps();
    expect(one.log).toEqual(one.table);
    expect(one.calendar.length).toBe(one.table.length);
    expect(await steps()).toEqual(one);
  });
});
