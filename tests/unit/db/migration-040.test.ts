/**
 * 040_import_write_indexes on a ledger in use (made by the version before it, holding a resident
 * sealed by the app's writer and one an older version left in clear, with cases, a check and care
 * rows pointing at them): residents is rebuilt without the UNIQUE of its clear id_number (and so
 * without that automatic index), households_by_revisit (a prefix of another) is gone; every
 * column, row, id, other index and trigger is as it was, references hold, foreign keys are back
 * on, the sealed resident's row MAC still holds and the sealing upgrade still seals the clear one.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealClearResidentNumbers, SEALED_COLUMNS } from '../../../electron/core/caseload/residents.repo';
import { openResidentNumbers, RESIDENT_BINDING, residentMac, sealResidentNumbers } from '../../../electron/core/caseload/sealed-people';
import { requireBound, rowIntact, writeBindingMarker } from '../../../electron/core/db/row-binding';
import { makeSealer, type Sealer } from '../../../electron/core/db/sealer';
import { asWriteDb, type WriteDb } from '../../../electron/core/db/types';
import {
  CASELOAD_TABLES,
  FOUNDATION_TABLES,
  ledgerBefore,
  MIGRATION_NOW,
  planOf,
  rowsOf,
  seedCaseload,
  seedFoundation,
  shapeOf,
  type LedgerBefore,
} from '../../helpers/migration';

const TABLES = [...FOUNDATION_TABLES, ...CASELOAD_TABLES, 'care_tasks', 'care_visits'];
const SEALED_ID = '410102197803150022';

/** A resident as the app's writer stored it at version 39: sealed and bound, before migration 049 added 与户主关系. */
function insertResident(
  db: WriteDb,
  r: {
    household_id: number;
    community_id: number;
    grid_id: number;
    name: string;
    id_number: string;
    id_number_was15: number;
    sex: 'F' | 'M';
    birth_date: string;
    phone: string;
    tags: string;
  },
  now: string,
  sealer: Sealer,
): number {
  const id = (db.prepare(`SELECT coalesce(max(id), 0) + 1 AS id FROM residents`).get() as { id: number }).id;
  const { id_number, phone, birth_date, ...place } = r;
  const s = sealResidentNumbers(sealer, { id_number, phone, birth_date });
  const columns = `id, household_id, community_id, grid_id, name, id_number_was15, sex, tags, ${SEALED_COLUMNS}, row_mac, created_at, updated_at`;
  const values = columns.replace(/(\w+)/g, '@$1').replace('@created_at', '@now').replace('@updated_at', '@now');
  db.prepare(`INSERT INTO residents (${columns}) VALUES (${values})`).run({ id, ...place, ...s, row_mac: residentMac(sealer, id, place, s), now });
  return id;
}

let l: LedgerBefore;
let sealer: Sealer;
let sealedId: number;
beforeEach(() => {
  l = ledgerBefore(40);
  seedFoundation(l.db);
  // Resident 1 holds its numbers in clear (seedCaseload), as a ledger not yet sealed does.
  seedCaseload(l.db);
  sealer = makeSealer(randomBytes(32));
  const db = asWriteDb(l.db);
  sealedId = insertResident(
    db,
    {
      household_id: 1,
      community_id: 1,
      grid_id: 1,
      name: '李建国',
      id_number: SEALED_ID,
      id_number_was15: 0,
      sex: 'F',
      birth_date: '1978-03-15',
      phone: '13803711002',
      tags: '["chronic"]',
    },
    MIGRATION_NOW,
    sealer,
  );
  writeBindingMarker(db, sealer);
  const now = { now: MIGRATION_NOW, r: sealedId };
  l.db
    .prepare(
      `INSERT INTO cases (id, resident_id, community_id, category, status, opened_on, resident_name, created_at, updated_at) VALUES (2, @r, 1, 'returnee', 'registered', '2020-02-12', '李建国', @now, @now)`,
    )
    .run(now);
  l.db
    .prepare(
      `INSERT INTO care_tasks (id, resident_id, trigger_case_id, reason, next_visit_on, created_at, updated_at) VALUES (1, @r, 1, '同户观察', '2020-02-18', @now, @now)`,
    )
    .run(now);
  l.db.prepare(`INSERT INTO care_visits (care_task_id, resident_id, visit_date, visited_by, created_at) VALUES (1, @r, '2020-02-18', '刘洋', @now)`).run(now);
});
afterEach(() => l.close());

const autoIndexes = () =>
  (l.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'residents' AND name LIKE 'sqlite_autoindex_%'`).all() as unknown[]).length;

describe('040_import_write_indexes on an existing ledger', () => {
  it('rebuilds residents without the clear id_number’s UNIQUE and drops households_by_revisit (a prefix of households_revisit_due); everything else as it was', () => {
    const before = shapeOf(l.db);
    const rows = rowsOf(l.db, TABLES);
    expect(autoIndexes()).toBe(1);
    expect(l.upgrade()).toEqual([40]);
    const after = shapeOf(l.db);
    expect(after.tables).toEqual(before.tables);
    expect(after.triggers).toEqual(before.triggers);
    expect(before.indexes.filter((i) => !after.indexes.includes(i))).toEqual(['households_by_revisit']);
    expect(after.indexes.filter((i) => !before.indexes.includes(i))).toEqual([]);
    expect(autoIndexes()).toBe(0);
    expect(rowsOf(l.db, TABLES)).toEqual(rows);
    expect(l.db.pragma('foreign_key_check')).toEqual([]);
    expect(l.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(l.db.pragma('foreign_keys', { simple: true })).toBe(1);
    // The clear column now takes a repeat (nothing writes it; the sealed index keeps ID numbers unique).
    expect(() => l.db.prepare(`UPDATE residents SET id_number = '11010119620312017X' WHERE id = @id`).run({ id: sealedId })).not.toThrow();
  });

  it('keeps the references: a resident still refuses a household that does not exist, and a case one that does not', () => {
    l.upgrade();
    expect(() => l.db.prepare(`UPDATE residents SET household_id = 99 WHERE id = 1`).run()).toThrow(/FOREIGN KEY/);
    expect(() => l.db.prepare(`UPDATE cases SET resident_id = 99 WHERE id = 1`).run()).toThrow(/FOREIGN KEY/);
    expect(() => l.db.prepare(`DELETE FROM residents WHERE id = 1`).run()).toThrow(/FOREIGN KEY/);
  });

  it('keeps the sealed resident’s row MAC and its ID number unique; the sealing upgrade still seals the clear one', () => {
    l.upgrade();
    const db = asWriteDb(l.db);
    expect(() => requireBound(db, sealer, RESIDENT_BINDING, sealedId)).not.toThrow();
    const copy = l.db.prepare(`SELECT id_number_index FROM residents WHERE id = @id`).get({ id: sealedId }) as { id_number_index: Buffer };
    expect(() => l.db.prepare(`UPDATE residents SET id_number_index = @index WHERE id = 1`).run({ index: copy.id_number_index })).toThrow(/UNIQUE/);
    // A ledger still holding clear numbers was never bound (the binding runs after the sealing): the marker written above
    // for the sealed resident would make the clear one a forgery, sealed but never bound again (S32-A4).
    l.db.prepare(`DELETE FROM meta WHERE key = 'rows_bound'`).run();
    expect(sealClearResidentNumbers(db, sealer)).toBe(1);
    const r = l.db.prepare(`SELECT * FROM residents WHERE id = 1`).get() as Record<string, unknown>;
    expect(r).toMatchObject({ id_number: null, id_rev: null, phone: null, phone_rev: null, birth_date: null });
    expect(openResidentNumbers(db, sealer, 1, r as never)).toMatchObject({ id_number: '11010119620312017X', phone: '13900139000' });
    expect(rowIntact(db, sealer, RESIDENT_BINDING, 1)).toBe(true);
  });

  it('keeps both name triggers: a rename reaches the cases, a case moved takes its new resident’s name', () => {
    l.upgrade();
    l.db.prepare(`UPDATE residents SET name = '李建华' WHERE id = @id`).run({ id: sealedId });
    l.db.prepare(`UPDATE cases SET resident_id = @id WHERE id = 1`).run({ id: sealedId });
    expect(l.db.prepare(`SELECT id, resident_name AS name FROM cases ORDER BY id`).all()).toEqual([
      { id: 1, name: '李建华' },
      { id: 2, name: '李建华' },
    ]);
  });

  it('leaves the revisit list to households_revisit_due and a community’s revisits to households_by_community', () => {
    l.upgrade();
    expect(planOf(l.db, `SELECT id FROM households WHERE revisit_on <= @today ORDER BY revisit_on`, { today: '2020-02-17' })).toContain(
      'households_revisit_due',
    );
    expect(
      planOf(l.db, `SELECT count(*) FROM households WHERE revisit_on <= @today AND screening_status IN ('not_home', 'refused') AND community_id = @c`, {
        today: '2020-02-17',
        c: 1,
      }),
    ).toContain('households_by_community (community_id=? AND screening_status=?)');
    expect(planOf(l.db, `SELECT count(*) FROM residents WHERE id_number IS NOT NULL`)).toContain('residents_numbers_in_clear');
  });
});
