/**
 * What the honours area seals, for the core's two lists: the sealing upgrades
 * (run after a clerk's or coordinator's unlock on a ledger from before 023)
 * and the sealed columns key rotation re-seals.
 */
import type { SealUpgrade } from '../db/seal-upgrades';
import type { SealedColumn } from '../keys/sealed-columns';
import { attachmentContentUpgrade } from './care-queries';
import { ATTACHMENT_CONTENT, PERSONAL_SPECS, personalUpgrade } from './sealed-records';

export const HONOURS_SEAL_UPGRADES: readonly SealUpgrade[] = [...PERSONAL_SPECS.map((s) => personalUpgrade(s)), attachmentContentUpgrade];

export const HONOURS_SEALED_COLUMNS: readonly SealedColumn[] = [
  ...PERSONAL_SPECS.map((s) => ({ table: s.table, column: 'personal_sealed', purpose: s.purpose, indexes: [] })),
  { table: 'honours_attachments', column: 'content_sealed', purpose: ATTACHMENT_CONTENT, indexes: [] },
];
