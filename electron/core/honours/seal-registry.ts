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

/**
 * What the clear side of an honours row says is sealed (sixth attack run, W3, for records sealed whole): the row
 * itself, listed in every grid, says its record is there (a commendation: its memorial, only the posthumous ones are
 * sealed), and an attachment's size says its bytes are. The legacy column is a field every row had filled before the
 * sealing upgrade (the forms require it); a step has none required, so its memorial's record, sealed before its steps
 * by the same upgrade, says it instead.
 */
const SHOWN_BY: Readonly<Record<string, NonNullable<SealedColumn['shownBy']>>> = {
  honours_memorials: { column: 'id', legacy: 'name' },
  honours_reports: { column: 'id', legacy: 'via' },
  honours_family_members: { column: 'id', legacy: 'name' },
  honours_visits: { column: 'id', legacy: 'visitors' },
  honours_difficulties: { column: 'id', legacy: 'description' },
  honours_publicity: { column: 'id', legacy: 'outlet' },
  honours_steps: {
    column: '(SELECT m.personal_sealed FROM honours_memorials m WHERE m.id = honours_steps.memorial_id)',
    legacy: ['applied_to', 'outcome', 'notes'],
  },
  honours_commendations: { column: 'memorial_id', legacy: 'subject_name' },
  honours_attachments: { column: 'id', legacy: 'file_name' },
};

export const HONOURS_SEALED_COLUMNS: readonly SealedColumn[] = [
  ...PERSONAL_SPECS.map((s) => ({ table: s.table, column: 'personal_sealed', purpose: s.purpose, indexes: [], shownBy: SHOWN_BY[s.table] })),
  { table: 'honours_attachments', column: 'content_sealed', purpose: ATTACHMENT_CONTENT, indexes: [], shownBy: { column: 'size_bytes', legacy: 'content' } },
];

/** Every honours table's row binding (db/row-binding.ts), for the binding upgrade and key rotation. */
export const HONOURS_ROW_BINDINGS: readonly RowBinding[] = PERSONAL_SPECS.map((s) => s.binding);

export const HONOURS_AUDIT_PURPOSES: readonly string[] = [...new Set(PERSONAL_SPECS.map(auditPurpose))];
