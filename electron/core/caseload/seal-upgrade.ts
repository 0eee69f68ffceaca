/**
 * The caseload's sealing upgrades (db/seal-upgrades.ts): residents' ID
 * numbers, phones and birth dates and households' 户主电话 that a version
 * before migration 019 stored in clear are sealed at the first clerk's or
 * coordinator's unlock, and the clear columns emptied. Viewers see the masks
 * and birth years migration 019 filled in the meantime.
 */
import type { SealUpgrade } from '../db/seal-upgrades';
import { sealClearHouseholdPhones } from './households.repo';
import { CLEAR_RESIDENT_NUMBERS, sealClearResidentNumbers } from './residents.repo';

const count = (n: unknown): number => (n as { n: number }).n;

export const CASELOAD_SEAL_UPGRADES: readonly SealUpgrade[] = [
  {
    name: 'residents.id_number+phone+birth_date',
    pending: (db) => count(db.prepare(`SELECT count(*) AS n FROM residents WHERE ${CLEAR_RESIDENT_NUMBERS}`).get()),
    run: sealClearResidentNumbers,
  },
  {
    name: 'households.phone',
    pending: (db) => count(db.prepare(`SELECT count(*) AS n FROM households WHERE phone IS NOT NULL`).get()),
    run: sealClearHouseholdPhones,
  },
];
