/**
 * Residents as the tests compare them: the sealed ID number, phone and birth
 * date opened with the ledger's sensitive key (caseload/sealed-people.ts), in
 * the clear columns' names the older tests used.
 */
import { asWriteDb, type ReadDb } from '../../electron/core/db/types';
import { insertResident } from '../../electron/core/caseload/residents.repo';
import type { Sealer } from '../../electron/core/db/sealer';
import { idNumberIndex, openResidentNumbers, SEALED, type StoredResidentNumbers } from '../../electron/core/caseload/sealed-people';
import type { TestLedger } from './ledger';

export interface OpenedResident {
  id: number;
  household_id: number | null;
  community_id: number;
  grid_id: number | null;
  name: string;
  sex: string | null;
  tags: string;
  id_number: string | null;
  phone: string | null;
  birth_date: string | null;
}

/** Every resident (optionally `WHERE …` on table `residents`), in id order, with the numbers opened. */
export function openedResidents(db: ReadDb, sealer: Sealer, where = '', params: Record<string, unknown> = {}): OpenedResident[] {
  const rows = db.prepare(`SELECT * FROM residents ${where} ORDER BY id`).all(params) as Array<OpenedResident & StoredResidentNumbers>;
  return rows.map(({ id_number_sealed, phone_sealed, birth_date_sealed, ...r }) => ({
    id: r.id,
    household_id: r.household_id,
    community_id: r.community_id,
    grid_id: r.grid_id,
    name: r.name,
    sex: r.sex,
    tags: r.tags,
    ...openResidentNumbers(db, sealer, r.id, { id_number_sealed, phone_sealed, birth_date_sealed }),
  }));
}

/** The same for a test ledger unlocked by a clerk or coordinator. */
export const residentsOf = (t: TestLedger, where = '', params: Record<string, unknown> = {}): OpenedResident[] =>
  openedResidents(t.core.services.ledger.handle(), t.core.services.ledger.sealer()!, where, params);

/** The resident holding a whole ID number (through its keyed index). */
export function residentWithId(t: TestLedger, idNumber: string): OpenedResident | undefined {
  const index = idNumberIndex(t.core.services.ledger.sealer()!, idNumber);
  return residentsOf(t, 'WHERE id_number_index = @index', { index })[0];
}

/** A household's 户主电话 opened. */
export function householdPhone(t: TestLedger, householdId: number): string | null {
  const row = t.core.services.ledger.handle().prepare(`SELECT phone_sealed FROM households WHERE id = @householdId`).get({ householdId }) as
    { phone_sealed: Buffer | null } | undefined;
  return t.core.services.ledger.sealer()!.openOptional(SEALED.householdPhone, row?.phone_sealed ?? null);
}

/** Writes a resident straight into the table as the caseload's writer does (numbers sealed), for fixtures that build a ledger by hand. */
export function addResident(
  t: TestLedger,
  r: { household_id?: number | null; community_id: number; grid_id?: number | null; name: string; id_number?: string | null; phone?: string | null },
  nowIso = '2020-02-01T00:00:00.000Z',
): number {
  const id = r.id_number ?? null;
  return insertResident(
    asWriteDb(t.core.services.ledger.handle()),
    {
      household_id: r.household_id ?? null,
      community_id: r.community_id,
      grid_id: r.grid_id ?? null,
      name: r.name,
      id_number: id,
      id_number_was15: 0,
      sex: null,
      birth_date: id && id.length === 18 ? `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` : null,
      phone: r.phone ?? null,
      tags: '[]',
    },
    nowIso,
    t.core.services.ledger.sealer()!,
  );
}

/**
 * `more` copies of the first resident holding nothing sealed (only the NOT NULL columns copied): a table big enough
 * for the sealed-data witness's scan to take several steps (witness-in-steps.test.ts, auth/lock-while-signing-in.test.ts).
 */
export function copiesOfFirstResident(t: TestLedger, more: number): void {
  const db = asWriteDb(t.core.services.ledger.handle());
  const columns = (db.prepare(`SELECT name, "notnull" AS nn, pk FROM pragma_table_info('residents')`).all() as { name: string; nn: number; pk: number }[])
    .filter((c) => c.pk === 0 && c.nn === 1)
    .map((c) => c.name)
    .join(', ');
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @more)
     INSERT INTO residents (${columns}) SELECT ${columns} FROM n, (SELECT * FROM residents ORDER BY id LIMIT 1)`,
  ).run({ more });
}

/** The columns migration 019 adds to residents, in order. */
export const RESIDENT_COLUMNS_019 = [
  'id_number_sealed',
  'id_number_masked',
  'id_number_index',
  'id_number_tail_index',
  'phone_sealed',
  'phone_masked',
  'phone_tail_index',
  'birth_date_sealed',
  'birth_year',
] as const;
