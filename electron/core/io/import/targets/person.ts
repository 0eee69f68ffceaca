/**
 * Finding the resident a row of a case or health-check sheet is about: by
 * ID number, else by name plus phone (the way the residents import does).
 * Statements are prepared once per reading of a file; every lookup is indexed
 * (the keyed index of the ID number is UNIQUE; name plus phone goes by
 * residents_by_name, the namesakes' sealed phones opened to compare).
 */
import type { ReadDb } from '../../../db/types';
import type { Sealer } from '../../../db/sealer';
import { idNumberIndex, needSealer, RESIDENT_BINDING, SEALED } from '../../../caseload/sealed-people';
import { requireBound, rowDamaged } from '../../../db/row-binding';
import type { Reason } from '../values';
import type { MatchTally } from './types';
import { knownIdIndexes } from './known-id-indexes';
import { takeMatchedIndex } from './resident-prepare';

export interface PersonRef {
  name: string | null;
  idNumber: string | null;
  phone: string | null;
}

export interface FoundResident {
  id: number;
  name: string;
}

/** `index`: the ID number's keyed index the lookup computed (a row that registers the resident stores it: case-prepare.ts). */
export type PersonLookup = { ok: true; resident: FoundResident | null; index?: Buffer } | { ok: false; reasons: Reason[] };

export const personKey = (p: PersonRef): string => (p.idNumber ? `id:${p.idNumber}` : `np:${p.name ?? ''}|${p.phone ?? ''}`);

/** Names compared as a person reads them: spaces inside (李 娜) do not make another person. */
const sameName = (a: string, b: string): boolean => a.replace(/\s/g, '') === b.replace(/\s/g, '');

/** A row that names nobody the ledger could find: no ID number and not both name and phone. */
export function identityReason(p: PersonRef): Reason | null {
  if (p.idNumber) return null;
  if (p.name && p.phone) return null;
  return { field: '身份证号', message: '为空时须同时填写「姓名」和「联系电话」，才能确认是哪位居民' };
}

/**
 * The resident of a row, null when the ledger has nobody with that identity; a reason when it is ambiguous or inconsistent.
 * A record whose ID number's index an earlier lookup computed (the ledger check: `rememberMatchedIndex`) has it taken, not
 * computed again.
 */
export function residentFinder(db: ReadDb, sealerOrNull: Sealer | null, tally?: MatchTally): (p: PersonRef) => PersonLookup {
  const sealer = needSealer(sealerOrNull);
  const byId = db.prepare(`SELECT id, name, id_number_sealed AS sealed FROM residents WHERE id_number_index = @index`);
  const byName = db.prepare(`SELECT id, name, phone_sealed AS phone FROM residents WHERE name = @name AND phone_sealed IS NOT NULL ORDER BY id`);
  const mayHold = knownIdIndexes(db);
  const byNamePhone = (name: string | null, phone: string | null): FoundResident[] => {
    if (name === null || phone === null) return [];
    const rows = byName.all({ name }) as Array<FoundResident & { phone: Buffer }>;
    // A namesake's phone is opened only from a row found as written (db/row-binding.ts): a phone swapped between two
    // namesakes outside the program would hang this row's case on the other one. A few namesakes per name, one check each.
    return rows
      .filter((r) => {
        requireBound(db, sealer, RESIDENT_BINDING, r.id);
        return sealer.open(SEALED.phone, r.phone) === phone;
      })
      .map(({ id, name: n }) => ({ id, name: n }));
  };
  return (p) => {
    if (p.idNumber) {
      const index = takeMatchedIndex(p, sealer) ?? idNumberIndex(sealer, p.idNumber);
      const found = mayHold(index) ? (byId.get({ index }) as (FoundResident & { sealed: Buffer | null }) | undefined) : undefined;
      if (!found) return { ok: true, resident: null, index };
      // The index is not in the row MAC: the row it finds is checked and must hold this very number (an index moved onto a
      // namesake outside the program would hang this row's case or check on them). One check per person of the sheet.
      requireBound(db, sealer, RESIDENT_BINDING, found.id);
      if (found.sealed === null || sealer.open(SEALED.idNumber, found.sealed) !== p.idNumber) throw rowDamaged(RESIDENT_BINDING, found.id);
      if (tally) tally.found++;
      const hit: FoundResident = { id: found.id, name: found.name };
      if (p.name && !sameName(p.name, hit.name))
        return { ok: false, reasons: [{ field: '姓名', message: '与台账中这个身份证号登记的姓名不一致，请核对姓名或身份证号' }] };
      return { ok: true, resident: hit, index };
    }
    const hits = byNamePhone(p.name, p.phone);
    if (tally && hits.length > 0) tally.found++;
    if (hits.length > 1) return { ok: false, reasons: [{ field: '身份证号', message: '台账中有不止一位同名同电话的居民，请填写身份证号以便区分' }] };
    return { ok: true, resident: hits[0] ?? null };
  };
}
