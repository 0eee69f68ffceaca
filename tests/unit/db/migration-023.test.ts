/**
 * 023_honours_sealed on a ledger in use: the memorial table is rebuilt with
 * every row and child (its personal columns may now be empty), every honours
 * table gains personal_sealed and attachments content_sealed; nothing is
 * sealed yet (the migration has no key: the sealing upgrade does that at the
 * first clerk's or coordinator's unlock).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FOUNDATION_TABLES, expectAdditive, ledgerBefore, rowsOf, seedFoundation, shapeOf, type LedgerBefore } from '../../helpers/migration';
import { HONOURS_TABLES, insertLegacyMemorial, LEGACY_MEMORIAL, LEGACY_PDF } from '../honours/legacy-fixture';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(23);
  seedFoundation(l.db);
});
afterEach(() => l.close());

describe('023_honours_sealed on an existing ledger', () => {
  it('adds the sealed columns, keeps every row and child as it was, and leaves the foreign keys whole', () => {
    const id = insertLegacyMemorial(l.db, 1, 1);
    const before = shapeOf(l.db);
    const rows = rowsOf(l.db, [...FOUNDATION_TABLES, ...HONOURS_TABLES]);
    expect(l.upgrade()).toEqual([23]);
    const added = expectAdditive(before, shapeOf(l.db));
    expect(added.tables).toEqual({
      ...Object.fromEntries(HONOURS_TABLES.filter((t) => t !== 'honours_attachments').map((t) => [t, ['personal_sealed']])),
      honours_attachments: ['personal_sealed', 'content_sealed'],
    });
    expect(added.indexes).toEqual([]);
    // Every old value is still there (the new columns are empty until the sealing upgrade runs).
    const after = rowsOf(l.db, [...FOUNDATION_TABLES, ...HONOURS_TABLES]);
    for (const [table, old] of Object.entries(rows)) {
      const now = after[table]!.map((r) => {
        const { personal_sealed: _p, content_sealed: _c, ...rest } = r as Record<string, unknown>;
        expect(_p ?? null).toBeNull();
        expect(_c ?? null).toBeNull();
        return rest;
      });
      expect(now, table).toEqual(old);
    }
    expect(l.db.prepare(`SELECT name, cause FROM honours_memorials WHERE id = @id`).get({ id })).toEqual({
      name: LEGACY_MEMORIAL.name,
      cause: LEGACY_MEMORIAL.cause,
    });
    expect((l.db.prepare(`SELECT content FROM honours_attachments`).get() as { content: Buffer }).content.equals(LEGACY_PDF)).toBe(true);
    expect(l.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('lets the memorial’s personal columns be emptied once sealed, the cause’s list still checked', () => {
    const id = insertLegacyMemorial(l.db, 1, null);
    l.upgrade();
    l.db
      .prepare(
        `UPDATE honours_memorials SET name = NULL, post = NULL, place = NULL, circumstances = NULL, cause = NULL, deeds = NULL, psych_support = NULL, personal_sealed = x'01' WHERE id = @id`,
      )
      .run({ id });
    expect(() => l.db.prepare(`UPDATE honours_memorials SET cause = '因公牺牲' WHERE id = @id`).run({ id })).toThrow(/CHECK/);
  });
});
