/**
 * 081_rota_shifts_overnight on a ledger in use: rota_shifts is rebuilt so a shift may end the next day (夜班 20:00–
 * 次日 08:00); every shift keeps its id and times, the posts and assignments that name it still do, and the only shift
 * still refused is one ending when it starts.
 */
import { describe, expect, it } from 'vitest';
import { FOUNDATION_TABLES, ledgerBefore, MIGRATION_NOW, rowsOf, seedFoundation, shapeOf } from '../../helpers/migration';

const ROTA = ['rota_shifts', 'rota_posts', 'rota_post_shifts', 'rota_assignments'];

describe('081_rota_shifts_overnight on an existing ledger', () => {
  it('keeps every shift, post and assignment as it was, and then takes a shift across midnight', () => {
    const l = ledgerBefore(81);
    try {
      seedFoundation(l.db);
      const now = { now: MIGRATION_NOW };
      l.db
        .prepare(`INSERT INTO rota_posts (id, community_id, name, kind, created_at, updated_at) VALUES (1, 1, '幸福路卡口', 'checkpoint', @now, @now)`)
        .run(now);
      l.db.prepare(`INSERT INTO rota_post_shifts (post_id, shift_id, headcount) VALUES (1, 3, 2)`).run();
      l.db
        .prepare(`INSERT INTO rota_assignments (id, day, post_id, shift_id, staff_id, source, created_at) VALUES (1, '2020-02-10', 1, 3, 1, 'manual', @now)`)
        .run(now);
      // Before: a night to 08:00 the next day could not be stored at all.
      expect(() =>
        l.db.prepare(`INSERT INTO rota_shifts (name, start_minute, end_minute, created_at, updated_at) VALUES ('卡口夜班', 1200, 480, @now, @now)`).run(now),
      ).toThrow(/CHECK/);
      const tables = [...FOUNDATION_TABLES, ...ROTA];
      const [shape, rows] = [shapeOf(l.db), rowsOf(l.db, tables)];
      expect(rows.rota_shifts).toHaveLength(3); // 004's 早班, 中班, 夜班
      expect(l.upgrade()).toEqual([81]);
      const after = shapeOf(l.db);
      expect(after.tables).toEqual(shape.tables);
      expect(after.indexes).toEqual(shape.indexes);
      expect(rowsOf(l.db, tables)).toEqual(rows);
      expect(l.db.pragma('foreign_key_check')).toEqual([]);
      // The tables naming a shift still name this one.
      const sqlOf = (t: string) => (l.db.prepare(`SELECT sql FROM sqlite_master WHERE name = @t`).get({ t }) as { sql: string }).sql;
      for (const t of ['rota_post_shifts', 'rota_assignments']) expect(sqlOf(t)).toContain('REFERENCES rota_shifts (id)');
      l.db.prepare(`INSERT INTO rota_shifts (name, start_minute, end_minute, created_at, updated_at) VALUES ('卡口夜班', 1200, 480, @now, @now)`).run(now);
      expect(() =>
        l.db.prepare(`INSERT INTO rota_shifts (name, start_minute, end_minute, created_at, updated_at) VALUES ('全天', 480, 480, @now, @now)`).run(now),
      ).toThrow(/CHECK/);
    } finally {
      l.close();
    }
  });
});
