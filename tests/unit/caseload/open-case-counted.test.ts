/**
 * openCase as a cases import calls it (session 10): the case's id counted by the caller instead of one max() per
 * case (cases.repo.ts insertCase), and the returnee details written into the case's audit record by name. Proven:
 * a counted id is used and bound; a counted id another write took sends the case to the next free id, bound to
 * that one; the audit record keeps its keys in the order it had (the details last, in RETURNEE_FIELDS' order).
 *
 * cases.repo.ts insertCase binds only the columns a case fills (session 13): a 返程人员 case from an import fills 10
 * of the 27, and better-sqlite3's binding of the 17 NULLs was 5 % of the cases INSERT (callgrind, io/import/README.md).
 * Proven: the import's case runs an INSERT naming only its filled columns (all 27 before: fails); a case with every
 * column filled and one with none optional are stored column for column as given, bound to their ids; and every
 * column left out defaults to NULL, so leaving it out stores what binding NULL stored.

 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASE_BINDING } from '../../../electron/core/caseload/case-binding';
import { insertCase, type CaseColumns } from '../../../electron/core/caseload/cases.repo';
import { RETURNEE_FIELDS } from '../../../electron/core/caseload/returnee.shared';
import { openCase } from '../../../electron/core/caseload/write-queries';
import { rowIntact } from '../../../electron/core/db/row-binding';
import { asWriteDb, type WriteDb } from '../../../electron/core/db/types';
import { openOffice, twoResidents, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice();
});
afterEach(() => o.t.close());
const NOW = '2020-02-17T01:00:00.000Z';
const TODAY = '2020-02-17';

const returnee = (residentId: number) => ({ residentId, category: 'returnee' as const, origin: '湖北省武汉市', arrivedOn: '2020-02-10', source: '导入' });

describe('openCase with the case id counted by its caller', () => {
  it('opens the case under the counted id, bound to it', async () => {
    const [a] = await twoResidents(o);
    const db = asWriteDb(o.t.core.services.ledger.handle());
    const sealer = o.t.core.services.ledger.sealer();
    const opened = db.transaction(() => openCase(db, returnee(a), NOW, TODAY, sealer, undefined, 7))();
    expect(opened.id).toBe(7);
    expect(rowIntact(db, sealer!, CASE_BINDING, 7)).toBe(true);
  });

  it('takes the next free id when another write took the counted one, bound to the id it got', async () => {
    const [a, b] = await twoResidents(o);
    const db = asWriteDb(o.t.core.services.ledger.handle());
    const sealer = o.t.core.services.ledger.sealer();
    const { first, second } = db.transaction(() => {
      const counted = openCase(db, returnee(a), NOW, TODAY, sealer).id + 1;
      // Meanwhile another write in the same transaction opened a case: it took the id the caller counted on.
      const other = openCase(db, { residentId: b, category: 'returnee' }, NOW, TODAY, sealer);
      expect(other.id).toBe(counted);
      return { first: other, second: openCase(db, { ...returnee(b), category: 'home_observation' }, NOW, TODAY, sealer, undefined, counted) };
    })();
    expect(second.id).toBe(first.id + 1);
    const cases = db.prepare('SELECT id, resident_id, category FROM cases ORDER BY id').all();
    expect(cases).toEqual([
      { id: first.id - 1, resident_id: a, category: 'returnee' },
      { id: first.id, resident_id: b, category: 'returnee' },
      { id: second.id, resident_id: b, category: 'home_observation' },
    ]);
    for (const c of cases as { id: number }[]) expect(rowIntact(db, sealer!, CASE_BINDING, c.id)).toBe(true);
  });

  it('audits the case with the same keys in the same order as before, the returnee details last', async () => {
    const [a] = await twoResidents(o);
    const db = asWriteDb(o.t.core.services.ledger.handle());
    const opened = db.transaction(() => openCase(db, returnee(a), NOW, TODAY, o.t.core.services.ledger.sealer()))();
    const after = opened.audit[0]!.after as Record<string, unknown>;
    expect(Object.keys(after)).toEqual([
      'id',
      'residentId',
      'communityId',
      'gridId',
      'category',
      'status',
      'riskLevel',
      'staffId',
      'openedOn',
      'dueOn',
      'source',
      'notes',
      'obsStart',
      'obsDays',
      'obsEnd',
      'originCaseId',
      'originStaffId',
      // 包保责任人（未注明分工） only when a case has one (migration 068), after the others.
      ...RETURNEE_FIELDS.filter((f) => f !== 'teamUnsplit'),
    ]);
    expect(after).toMatchObject({ origin: '湖北省武汉市', arrivedOn: '2020-02-10', transport: null, teamPolice: null, source: '导入', openedOn: TODAY });
    const [, b] = await twoResidents(o);
    const unsplit = db.transaction(() => openCase(db, { ...returnee(b), teamUnsplit: '张三、李四' }, NOW, TODAY, o.t.core.services.ledger.sealer()))();
    const keys = Object.keys(unsplit.audit[0]!.after as Record<string, unknown>);
    expect(keys.slice(-2)).toEqual(['teamPolice', 'teamUnsplit']);
  });
});

/** The SQL of every statement the connection prepares from here on. */
function preparedSql(db: WriteDb): string[] {
  const seen: string[] = [];
  const prepare = db.prepare.bind(db);
  (db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => (seen.push(sql), prepare(sql));
  return seen;
}

const insertedColumns = (sql: string): string[] =>
  /INSERT INTO cases \(([^)]*)\)/
    .exec(sql)![1]!
    .split(',')
    .map((c) => c.trim());

describe('a case INSERT binds the columns the case fills', () => {
  it('names only the filled columns for a returnee case opened as an import opens it', async () => {
    const [a] = await twoResidents(o);
    const db = asWriteDb(o.t.core.services.ledger.handle());
    const sealer = o.t.core.services.ledger.sealer();
    const seen = preparedSql(db);
    const fields = { residentId: a, category: 'returnee' as const, origin: '湖北省武汉市', arrivedOn: '2020-02-10', source: '导入' };
    const opened = db.transaction(() => openCase(db, fields, NOW, TODAY, sealer, undefined, 7))();
    const inserts = seen.filter((s) => s.startsWith('INSERT INTO cases'));
    expect(inserts).toHaveLength(1);
    expect(insertedColumns(inserts[0]!)).toEqual([
      'id',
      'resident_id',
      'community_id',
      'grid_id',
      'category',
      'status',
      'risk_level',
      'opened_on',
      'source',
      'origin',
      'arrived_on',
      'resident_name',
      'row_mac',
      'created_at',
      'updated_at',
    ]);
    const row = db.prepare('SELECT * FROM cases WHERE id = ?').get(opened.id) as Record<string, unknown>;
    expect(row).toMatchObject({ resident_name: '王建华', risk_level: 'low', origin: '湖北省武汉市', arrived_on: '2020-02-10', due_on: null, notes: null });
    expect(rowIntact(db, sealer!, CASE_BINDING, opened.id)).toBe(true);
  });

  it('stores a case with every column filled, and one with none optional, as given', async () => {
    const [a, b] = await twoResidents(o);
    const db = asWriteDb(o.t.core.services.ledger.handle());
    const sealer = o.t.core.services.ledger.sealer()!;
    // A staff member for the two staff columns (foreign keys), written as the honours tests write one.
    const staff = {
      id: Number(
        db
          .prepare(`INSERT INTO staff (name, kind, community_id, created_at, updated_at) VALUES ('李网格', 'community_worker', ?, ?, ?)`)
          .run(o.communityId, NOW, NOW).lastInsertRowid,
      ),
    };
    const full: CaseColumns = {
      resident_id: b,
      community_id: o.communityId,
      opened_on: TODAY,
      origin_case_id: null,
      grid_id: o.gridId,
      category: 'home_observation',
      status: 'closed',
      risk_level: 'high',
      assigned_staff_id: staff.id,
      due_on: '2020-03-02',
      closed_on: '2020-03-02',
      close_reason: '期满解除',
      source: '排查',
      notes: '备注',
      obs_start_on: TODAY,
      obs_days: 14,
      obs_end_on: '2020-03-02',
      last_check_on: '2020-03-01',
      first_missing_check_on: '2020-03-02',
      origin_staff_id: staff.id,
      origin: '湖北省武汉市',
      arrived_on: '2020-02-10',
      transport: '火车',
      transport_no: 'G1234',
      team_grid_worker: '李网格',
      team_doctor: '张医生',
      team_police: '赵民警',
      team_unsplit: '张三、李四',
    };
    // The same columns with nothing optional filled: every value null but those a case must have.
    const nulled = Object.fromEntries(Object.keys(full).map((k) => [k, null])) as unknown as CaseColumns;
    const bare: CaseColumns = {
      ...nulled,
      resident_id: a,
      community_id: o.communityId,
      category: 'returnee',
      status: 'registered',
      risk_level: 'medium',
      opened_on: TODAY,
    };
    const ids = db.transaction(() => {
      const first = insertCase(db, bare, NOW, sealer);
      return [first, insertCase(db, { ...full, origin_case_id: first }, NOW, sealer)];
    })();
    const stored = ids.map((id) => db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as Record<string, unknown>);
    // Not voided (migration 070's columns, set by cases.void alone).
    const live = { voided_at: null, voided_by: null, void_reason: null };
    expect(stored[0]).toEqual({ ...bare, ...live, id: ids[0], resident_name: '王建华', row_mac: expect.any(Buffer), created_at: NOW, updated_at: NOW });
    expect(stored[1]).toEqual({
      ...full,
      ...live,
      origin_case_id: ids[0],
      id: ids[1],
      resident_name: '王桂英',
      row_mac: expect.any(Buffer),
      created_at: NOW,
      updated_at: NOW,
    });
    for (const id of ids) expect(rowIntact(db, sealer, CASE_BINDING, id)).toBe(true);
  });

  it('leaves out only columns whose default is NULL (risk_level, defaulting to low, is always bound)', () => {
    const db = o.t.core.services.ledger.handle();
    const defaults = (db.prepare('PRAGMA table_info(cases)').all() as { name: string; dflt_value: string | null }[]).filter((c) => c.dflt_value !== null);
    expect(defaults.map((c) => [c.name, c.dflt_value])).toEqual([['risk_level', "'low'"]]);
  });
});
