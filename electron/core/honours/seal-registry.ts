/**
 * What the honours area seals, for the core's lists: the sealing upgrades
 * (run after a clerk's or coordinator's unlock on a ledger from before 023),
 * the sealed columns key rotation re-seals, and the purposes of the sealed
 * `personal` values in its audit payloads (audit.reveal opens them).
 */
import type { RowBinding } from '../db/row-binding';
import type { SealUpgrade } from '../db/seal-upgrades';
import type { SealedColumn } from '../keys/sealed-columns';
import { attachmentContentUpgrade } from './care-queries';
import { ATTACHMENT_CONTENT, auditPurpose, PERSONAL_SPECS, personalUpgrade } from './sealed-records';

export const HONOURS_SEAL_UPGRADES: readonly SealUpgrade[] = [...PERSONAL_SPECS.map((s) => personalUpgrade(s)), attachmentContentUpgrade];

export const HONOURS_SEALED_COLUMNS: readonly SealedColumn[] = [
  ...PERSONAL_SPECS.map((s) => ({ table: s.table, column: 'personal_sealed', purpose: s.purpose, indexes: [] })),
  { table: 'honours_attachments', column: 'content_sealed', purpose: ATTACHMENT_CONTENT, indexes: [] },
];

/** Every honours table's row binding (db/row-binding.ts), for the binding upgrade and key rotation. */
export const HONOURS_ROW_BINDINGS: readonly RowBinding[] = PERSONAL_SPECS.map((s) => s.binding);

export const HONOURS_AUDIT_PURPOSES: readonly string[] = [...new Set(PERSONAL_SPECS.map(auditPurpose))];
