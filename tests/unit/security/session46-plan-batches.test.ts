/**
 * The thirty-second attack run (session 46), target 1: 自动排班's batched save (rota/plan-save.ts,
 * audit/batch-collector.ts, rota/plan-history.ts — since moved to tests/helpers/assignment-history.ts). Online: a clerk's edits between a run and a re-run, and whether the
 * log still rebuilds the table; the re-run's rows from a clerk's window. Offline with viewer1's password (the database
 * key only): one run's batches swapped, and a batch forged together with the table, the log re-chained.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { unpackBatch } from '../../../electron/core/audit/batched-entries';
import { assignmentHistory } from '../../helpers/assignment-history';
import { openAsViewerOffline, rechain } from '../../helpers/attacker';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { makeOffice } from '../../helpers/rota-office';

const PERIOD = { from: '2020-02-17', to: '2020-03-01' };
type Row = Record<string, unknown> & { id: number };
interface LogRow {
  id: number;
  channel: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
}

let t: TestLedger;
afterEach(() => t.close());

const db = () => t.core.services.ledger.handle();
const logOf = (): LogRow[] =>
  db().prepare(`SELECT id, channel, entity, entity_id AS entityId, before_json AS before, after_json AS after FROM audit_log ORDER BY id`).all() as LogRow[];
const tableOf = (): Row[] =>
  db().prepare(`SELECT id, day, post_id AS postId, shift_id AS shiftId, staff_id AS staffId, source FROM rota_assignments ORDER BY id`).all() as Row[];

/** The assignments the log says exist, every row about one (batched or not) applied in order. */
function assignmentsByLog(log: LogRow[]): Row[] {
  const held = new Map<number, Row>();
  const records = (text: string | null): Row[] => (text === null ? [] : ((unpackBatch(JSON.parse(text)) ?? [JSON.parse(text)]) as Row[]));
  for (const r of log.filter((x) => x.entity === 'rota_assignment')) {
    const first = Number((r.entityId ?? '').split('–')[0]);
    if (r.after === null) for (const b of records(r.before)) held.delete(b.id ?? first);
    for (const a of records(r.after)) {
      const id = a.id ?? first;
      held.set(id, { id, day: a.day, postId: a.postId, shiftId: a.shiftId, staffId: a.staffId, source: a.source });
    }
  }
  return [...held.values()].sort((x, y) => x.id - y.id);
}

async function plannedOffice(): Promise<void> {
  t = await openTestLedger();
  await makeOffice((c, i) => t.call(c as never, i as never), { staff: 60, posts: 8, perShift: 2 });
  await t.call('rota.generate', PERIOD);
}

describe('自动排班’s batches and a clerk’s edits between runs', () => {
  it('a clerk unassigns, replaces and adds by hand; the re-run; the log still rebuilds the table, each id’s last word is the row', async () => {
    await plannedOffice();
    const made = tableOf();
    const clerk = await t.sessionAs('clerk', 'clerk1');
    await t.call('rota.unassign', { id: made[0]!.id }, clerk);
    // The highest id replaced by hand: the new row takes the same id (INTEGER PRIMARY KEY, no AUTOINCREMENT).
    const last = made.at(-1)!;
    // Someone new, of the post's community: no other shift, no rule in the way.
    const communityId = db().prepare(`SELECT community_id FROM rota_posts WHERE id = ?`).pluck().get(last.postId) as number;
    const other = { staffId: (await t.call('rota.staff.save', { name: '新来的', kind: 'volunteer', communityId })).id };
    const byHand = await t.raw(
      'rota.assign',
      { day: last.day as string, postId: last.postId as number, shiftId: last.shiftId as number, staffId: other.staffId as number, replacesId: last.id },
      clerk,
    );
    expect(byHand.ok === true ? tableOf().find((r) => r.id === last.id) : byHand).toMatchObject({ staffId: other.staffId, source: 'manual' });
    // Noted: the row by hand took the replaced row's id, so that id's history begins with another person's auto shift.
    expect(byHand.ok === true && (byHand.value as { id: number }).id).toBe(last.id);
    expect(assignmentHistory(db(), last.id).map((e) => (e.after as Row | null)?.staffId ?? null)).toEqual([last.staffId, null, other.staffId]);
    expect(assignmentsByLog(logOf())).toEqual(tableOf());
    // A clerk's window cannot start the re-run.
    expect((await t.fail('rota.generate', { ...PERIOD, jobId: 'clerk-run' }, clerk)).code).toBe('FORBIDDEN');
    await t.call('rota.generate', { ...PERIOD, jobId: 'run-2' });
    expect(assignmentsByLog(logOf())).toEqual(tableOf());
    // Each assignment now in the table: its history's last entry holds it as it is.
    for (const row of tableOf().slice(0, 40)) {
      const h = assignmentHistory(db(), row.id);
      expect(h.at(-1)!.after, String(row.id)).toMatchObject({ day: row.day, postId: row.postId, shiftId: row.shiftId, staffId: row.staffId });
    }
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true });
  }, 120_000);
});

describe('one run’s batches forged offline with a viewer’s key', () => {
  async function offline(change: (d: ReturnType<typeof openAsViewerOffline>) => void) {
    await t.sessionAs('viewer', 'viewer1');
    await t.call('auth.lock', {}, 'viewer1');
    await t.call('auth.lock', {});
    const d = openAsViewerOffline(t.dir);
    change(d);
    rechain(d);
    d.close();
    return t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  }

  it('two creation batches swapped (ids and records), the log re-chained: the coordinator’s sign-in and audit.verify say so', async () => {
    await plannedOffice();
    const batches = logOf().filter((r) => r.channel === 'rota.generate' && r.entity === 'rota_assignment');
    expect(batches.length).toBeGreaterThanOrEqual(2);
    const [a, b] = batches;
    const signIn = await offline((d) => {
      const set = d.prepare(`UPDATE audit_log SET entity_id = @entityId, after_json = @after WHERE id = @id`);
      set.run({ id: a!.id, entityId: b!.entityId, after: b!.after });
      set.run({ id: b!.id, entityId: a!.entityId, after: a!.after });
    });
    expect(signIn.anchorFinding).not.toBeNull();
    expect(await t.call('audit.verify', {})).not.toMatchObject({ intact: true, anchor: { state: 'ok' } });
  }, 120_000);

  it('an assignment moved to another person in the table, its batch row rewritten, the log re-chained: noticed at sign-in', async () => {
    await plannedOffice();
    const row = tableOf()[5]!;
    const busy = tableOf()
      .filter((r) => r.day === row.day)
      .map((r) => r.staffId);
    const someoneElse = tableOf().find((r) => !busy.includes(r.staffId))!.staffId as number;
    const batch = logOf().find((r) => r.channel === 'rota.generate' && r.entity === 'rota_assignment' && r.after !== null)!;
    const signIn = await offline((d) => {
      d.prepare(`UPDATE rota_assignments SET staff_id = @s WHERE id = @id`).run({ s: someoneElse, id: row.id });
      // The batch row rewritten too (any byte of it: the forger can write what they like there).
      d.prepare(`UPDATE audit_log SET after_json = after_json || ' ' WHERE id = @id`).run({ id: batch.id });
    });
    expect(signIn.anchorFinding).not.toBeNull();
  }, 120_000);
});
