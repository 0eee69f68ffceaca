/**
 * Import staging at rest (issue 19 item 2): a rejected row's raw cells and a
 * flagged row's incoming record carry full ID numbers and phones. Each is
 * sealed whole with the sensitive key; the clear column keeps nothing
 * personal (`cells_json` '[]'; `incoming_json` the record with its numbers
 * masked by the audit rule, audit/audit-seal.ts). Only clerks and
 * coordinators open them (the rejected-rows spreadsheet); viewers have no
 * channel to staged rows at all.
 */
import { maskedPayload, serialisePayload } from '../../audit/audit-seal';
import { AppError } from '../../errors';
import type { SealedColumn } from '../../keys/sealed-columns';
import type { Sealer } from '../../db/sealer';

export const REJECTED_CELLS = 'import_rejected_rows.cells_json';
export const FLAG_INCOMING = 'import_review_flags.incoming_json';
/** What the clear column keeps once the cells are sealed. */
export const NO_CLEAR_CELLS = '[]';

export const IMPORT_SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'import_rejected_rows', column: 'cells_sealed', purpose: REJECTED_CELLS, indexes: [] },
  { table: 'import_review_flags', column: 'incoming_sealed', purpose: FLAG_INCOMING, indexes: [] },
];

export function requireSealer(sealer: Sealer | null): Sealer {
  if (!sealer) throw new AppError('FORBIDDEN', '这次登录没有打开敏感信息密钥，不能保存或查看导入中被退回的原始内容。请用录入员或统筹负责人的密码重新解锁。');
  return sealer;
}

/** The clear and sealed columns of a flagged row's incoming record. */
export function incomingColumns(incoming: unknown, sealer: Sealer): { incoming: string; sealed: Buffer } {
  const text = JSON.stringify(incoming);
  // The audit rule, keeping only the masks as plain strings.
  return { incoming: maskedPayload(serialisePayload(incoming, null)) ?? '{}', sealed: sealer.seal(FLAG_INCOMING, text) };
}
