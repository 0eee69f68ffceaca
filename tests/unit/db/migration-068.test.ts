/**
 * 068_cases_team_unsplit on a ledger in use: cases gain team_unsplit (包保责任人（未注明分工）), and a 包保责任人 the
 * import had kept in 备注 moves there. The 备注 below are as the import of the version before wrote them
 * (io/import/team-cell.ts teamInNotes: 「包保责任人：…」 last, after 「；」 when the row had a 备注 of its own) and as
 * later edits left them (a changed observation period added on its own line); the rest of 备注 is kept as it was,
 * and a label a resident's note holds inside a sentence stays in 备注. Nothing else changes but the audit log: one row
 * per case whose 备注 changed (the whole path through a core: migration-068-audited.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index';
import { CASELOAD_TABLES, FOUNDATION_TABLES, ledgerBefore, rowsOf, seedCaseload, seedFoundation, shapeOf, type LedgerBefore } from '../../helpers/migration';
import { MIGRATION_NOW } from '../../helpers/migration';

const PERIOD_CHANGED = '观察期由 14 天改为 21 天：复查结果未出';

/** 备注 before → [team_unsplit, 备注] after. */
const NOTES: Array<[string | null, string | null, string | null]> = [
  ['包保责任人：刘强', '刘强', null],
  ['自行隔离；包保责任人：张三、李四、王五', '张三、李四、王五', '自行隔离'],
  [`自行隔离；包保责任人：张三、李四\n${PERIOD_CHANGED}`, '张三、李四', `自行隔离\n${PERIOD_CHANGED}`],
  [`包保责任人：刘强\n${PERIOD_CHANGED}`, '刘强', PERIOD_CHANGED],
  // The row's own 备注 held the label too: the import's is the last one.
  ['包保责任人：张三；包保责任人：李四、王五', '李四、王五', '包保责任人：张三'],
  // A resident's note, not the import's label: stays.
  ['电话联系不上，包保责任人：王五说明天回来', null, '电话联系不上，包保责任人：王五说明天回来'],
  ['包保责任人：', null, '包保责任人：'],
  ['母亲有高血压', null, '母亲有高血压'],
  [null, null, null],
];

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(68);
  seedFoundation(l.db);
  seedCaseload(l.db);
  const add = l.db.prepare(
    `INSERT INTO cases (id, resident_id, community_id, grid_id, category, status, opened_on, closed_on, notes, created_at, updated_at)
     VALUES (@id, 1, 1, 1, 'returnee', 'closed', '2020-02-01', '2020-02-02', @notes, '2020-02-17T00:00:00.000Z', '2020-02-17T00:00:00.000Z')`,
  );
  NOTES.forEach(([notes], i) => add.run({ id: 10 + i, notes }));
});
afterEach(() => l.close());

describe('068_cases_team_unsplit on an existing ledger', () => {
  it('adds team_unsplit, moves the import’s 包保责任人 out of 备注 into it, and keeps the rest of 备注 and every other value', () => {
    const shape = shapeOf(l.db);
    const tables = [...FOUNDATION_TABLES, ...CASELOAD_TABLES];
    const before = rowsOf(l.db, tables);
    expect(l.upgrade()).toEqual([68]);
    const now = shapeOf(l.db);
    const added = Object.entries(now.tables).flatMap(([t, cols]) => cols.slice(shape.tables[t]?.length ?? 0).map((c) => `${t}.${c}`));
    expect(added).toEqual(['cases.team_unsplit']);
    expect(now.indexes).toEqual(shape.indexes);
    const moved = l.db.prepare(`SELECT team_unsplit AS team, notes FROM cases WHERE id >= 10 ORDER BY id`).all();
    expect(moved).toEqual(NOTES.map(([, team, notes]) => ({ team, notes })));
    const after = rowsOf(l.db, tables);
    // Every case as it was but for those two columns; every other table untouched.
    const without = (rows: unknown[]) => rows.map((r) => ({ ...(r as Record<string, unknown>), notes: undefined, team_unsplit: undefined }));
    expect(without(after.cases!)).toEqual(without(before.cases!));
    // Every other table untouched, but for the audit log: one row more per case whose 备注 changed, after the rows it had.
    for (const t of tables.filter((x) => x !== 'cases' && x !== 'audit_log')) expect(after[t], t).toEqual(before[t]);
    expect(after.audit_log!.slice(0, before.audit_log!.length)).toEqual(before.audit_log);
    const audited = l.db
      .prepare(
        `SELECT username, channel, entity, entity_id AS id, before_json AS b, after_json AS a FROM audit_log WHERE channel = 'ledger.upgrade' ORDER BY id`,
      )
      .all();
    const changed = NOTES.map((n, i) => [10 + i, ...n] as const).filter(([, , team]) => team !== null);
    expect(audited).toEqual(
      changed.map(([id, notes, team, left]) => ({
        username: '数据升级 068',
        channel: 'ledger.upgrade',
        entity: 'case',
        id: String(id),
        b: JSON.stringify({ notes }),
        a: JSON.stringify({ notes: left, team_unsplit: team }),
      })),
    );
    expect(after.audit_log!.length).toBe(before.audit_log!.length + changed.length);
  });

  it('is refused, changing nothing, where no audit log is given to write to: no 备注 is changed by nobody', () => {
    const before = l.db.prepare(`SELECT id, notes FROM cases ORDER BY id`).all();
    const run = () =>
      migrate(
        l.db,
        MIGRATION_NOW,
        MIGRATIONS.filter((m) => m.version <= 68),
      );
    expect(run).toThrow(/数据升级 68（cases_team_unsplit）要改动 5 条记录/);
    expect(l.db.prepare(`SELECT id, notes FROM cases ORDER BY id`).all()).toEqual(before);
    expect(l.db.prepare(`SELECT 1 FROM pragma_table_info('cases') WHERE name = 'team_unsplit'`).get()).toBeUndefined();
  });
});
