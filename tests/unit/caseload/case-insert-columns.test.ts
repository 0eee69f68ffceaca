/**
 * cases.repo.ts insertCase binds only the columns a case fills (session 13): a 返程人员 case from an import fills 10
 * of the 27, and better-sqlite3's binding of the 17 NULLs was 5 % of the cases INSERT (callgrind, io/import/README.md).
 * Proven: the import's case runs an INSERT naming only its filled columns (all 27 before: fails); a case with every
 * column filled and one with none optional are stored column for column as given, bound to their ids; and every
 * column left out defaults to NULL, so leaving it out stores what binding NULL stored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASE_BINDING } from '../../../electron/core/caseload/case-binding';
import { insertCase, type CaseColumns } from '../../../electron/core/caseload/cases.repo';
import { openCase } from '../../../electron/core/caseload/write-queries';
import { rowIntact } from '../../../electron/core/db/row-binding';
import { asWriteDb, type WriteDb } from '../../../electron/core/db/types';
import { ID_A, ID_ELDER, openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice();
});
afterEach(() => o.t.close());
const NOW = '2020-02-17T01:00:00.000Z';
const TODAY = '2020-02-17';

async function twoResidents(): Promise<[number, number]> {
  const h = await o.t.call('households.save', { communityId: o.communityId, gridId: o.gridId, estate: '幸福小区', building: '3', unit: '2', room: '101' });
  const a = await o.t.call('residents.save', { householdId: h.id, name: '王建华', idNumber: ID_A });
  const b = await o.t.call('residents.save', { householdId: h.id, name: '王桂英', idNumber: ID_ELDER });
  return [a.id, b.id];
}

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
    const [a] = await twoResidents();
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
    const [a, b] = await twoResidents();
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
    const bare: CaseColumns = {
      resident_id: a,
      community_id: o.communityId,
      grid_id: null,
      category: 'returnee',
      status: 'registered',
      risk_level: 'medium',
      assigned_staff_id: null,
      opened_on: TODAY,
      due_on: null,
      closed_on: null,
      close_reason: null,
      source: null,
      notes: null,
      obs_start_on: null,
      obs_days: null,
      obs_end_on: null,
      last_check_on: null,
      first_missing_check_on: null,
      origin_case_id: null,
      origin_staff_id: null,
      origin: null,
      arrived_on: null,
      transport: null,
      transport_no: null,
      team_grid_worker: null,
      team_doctor: null,
      team_police: null,
    };
    const full: CaseColumns = {
      ...bare,
      resident_id: b,
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
    };
    const ids = db.transaction(() => {
      const first = insertCase(db, bare, NOW, sealer);
      return [first, insertCase(db, { ...full, origin_case_id: first }, NOW, sealer)];
    })();
    const stored = ids.map((id) => db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as Record<string, unknown>);
    expect(stored[0]).toEqual({ ...bare, id: ids[0], resident_name: '王建华', row_mac: expect.any(Buffer), created_at: NOW, updated_at: NOW });
    expect(stored[1]).toEqual({
      ...full,
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
