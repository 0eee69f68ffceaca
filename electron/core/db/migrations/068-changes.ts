/**
 * What 068_cases_team_unsplit changes in users' records: the 「包保责任人：…」 the import had kept in a case's 备注 moves
 * to its own column, and 备注 keeps the rest. Read before the SQL runs (each case's 备注 as it was) and after it (the
 * cases whose team_unsplit it filled: the column is new, so nothing else fills it), as the audit rows of cases.update
 * name them (column names): before { notes }, after { notes, team_unsplit }.
 */
import type { ReadDb } from '../types';
import type { MigrationChange } from './migration-change';

export function teamMovedOutOfNotes(db: ReadDb): () => MigrationChange[] {
  const before = new Map(
    (db.prepare(`SELECT id, notes FROM cases WHERE instr(notes, '包保责任人：') > 0`).all() as Array<{ id: number; notes: string }>).map((r) => [
      r.id,
      r.notes,
    ]),
  );
  return () =>
    (
      db.prepare(`SELECT id, notes, team_unsplit FROM cases WHERE team_unsplit IS NOT NULL ORDER BY id`).all() as Array<{
        id: number;
        notes: string | null;
        team_unsplit: string;
      }>
    ).map((r) => ({
      entity: 'case',
      entityId: r.id,
      before: { notes: before.get(r.id) ?? null },
      after: { notes: r.notes, team_unsplit: r.team_unsplit },
    }));
}
