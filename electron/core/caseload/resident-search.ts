/**
 * The grids' search box to SQL (residents.list, cases.list). Text matches
 * the start of a name. Digits are a search by number, for clerks and
 * coordinators only (handlers.ts refuses them to viewers, who hold no key to
 * compute an index with): a whole valid ID number is one indexed lookup of
 * its keyed index; 4 to 18 trailing digits look up the keyed index of the
 * last four (ID numbers and phones alike), and when more than four were
 * typed the few candidates are opened and their ends compared here, in the
 * core, so no number is stored in clear to compare with.
 *
 * Every hit is opened and confirmed, after its row is checked (db/row-binding.ts):
 * the keyed indexes are not in the row MAC, so an index or a sealed number moved
 * onto another row outside the program is refused (LEDGER_DAMAGED, audited) or
 * left out, never shown as that row's. Only the candidates of one tail are
 * checked (about 20 rows in 100,000), never the table.
 */
import { cached } from '../db/stmt-cache';
import type { ReadDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import { checkIdNumber } from '../people/id-number';
import { requireBound } from '../db/row-binding';
import { idNumberIndex, needSealer, RESIDENT_BINDING, SEALED, TAIL_CHARS, tailPurpose } from './sealed-people';

const DIGITS = /^[\dX]{4,18}$/;

export const CANDIDATES_SQL = `SELECT id, id_number_sealed AS sealed, 'id' AS kind FROM residents WHERE id_number_tail_index = @idTail
  UNION ALL SELECT id, phone_sealed AS sealed, 'phone' AS kind FROM residents WHERE phone_tail_index = @phoneTail`;

/** Ids of the residents whose ID number or phone ends with `digits` (4–18 characters). */
export function residentsEndingWith(db: ReadDb, digits: string, sealer: Sealer): number[] {
  const tail = digits.slice(-TAIL_CHARS);
  const rows = cached(db, CANDIDATES_SQL).all({
    idTail: sealer.index(tailPurpose(SEALED.idNumber), tail),
    phoneTail: sealer.index(tailPurpose(SEALED.phone), tail),
  }) as Array<{ id: number; sealed: Buffer | null; kind: 'id' | 'phone' }>;
  const ids = new Set<number>();
  const checked = new Set<number>();
  for (const r of rows) {
    if (ids.has(r.id)) continue;
    if (!checked.has(r.id)) requireBound(db, sealer, RESIDENT_BINDING, r.id);
    checked.add(r.id);
    // Four digits too: the index says where to look, the bound value whether it is a hit.
    if (r.sealed !== null && sealer.open(r.kind === 'id' ? SEALED.idNumber : SEALED.phone, r.sealed).endsWith(digits)) ids.add(r.id);
  }
  return [...ids];
}

const BY_ID_NUMBER_SQL = `SELECT id, id_number_sealed AS sealed FROM residents WHERE id_number_index = @index`;

/** Ids of the residents holding this whole ID number (one, as the index is UNIQUE), checked and confirmed like the tails. */
export function residentsWithIdNumber(db: ReadDb, idNumber: string, sealer: Sealer): number[] {
  const rows = cached(db, BY_ID_NUMBER_SQL).all({ index: idNumberIndex(sealer, idNumber) }) as Array<{ id: number; sealed: Buffer | null }>;
  return rows
    .filter((r) => {
      requireBound(db, sealer, RESIDENT_BINDING, r.id);
      return r.sealed !== null && sealer.open(SEALED.idNumber, r.sealed) === idNumber;
    })
    .map((r) => r.id);
}

/** The condition on `residentIdColumn` for a search, with its parameters added to `params`; null for no search. */
export function searchClause(
  db: ReadDb,
  q: string | undefined,
  params: Record<string, unknown>,
  residentIdColumn: string,
  sealer: Sealer | null,
): string | null {
  const s = (q ?? '').trim().toUpperCase();
  if (s === '') return null;
  if (DIGITS.test(s)) {
    const key = needSealer(sealer);
    params.qIds = JSON.stringify(s.length === 18 && checkIdNumber(s).ok ? residentsWithIdNumber(db, s, key) : residentsEndingWith(db, s, key));
    return `${residentIdColumn} IN (SELECT value FROM json_each(@qIds))`;
  }
  params.qName = s;
  params.qNameHi = `${s}\uffff`;
  return `${residentIdColumn} IN (SELECT id FROM residents WHERE name >= @qName AND name < @qNameHi)`;
}
