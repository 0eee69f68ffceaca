/**
 * What the wizard lets the coordinator choose beside the columns: what a row already in the ledger does, and a CSV's
 * text encoding, with the words shown for each (the audit's code labels too). Split from contract.ts (session 52).
 */
export const DUPLICATE_MODES = ['skip', 'update', 'flag'] as const;
export type DuplicateMode = (typeof DUPLICATE_MODES)[number];
/** A CSV's text encoding: found by the reader (auto) or chosen in the wizard. */
export const IMPORT_ENCODINGS = ['auto', 'utf-8', 'gb18030', 'utf-16le'] as const;
export const ENCODING_LABELS: Record<(typeof IMPORT_ENCODINGS)[number], string> = {
  auto: '自动识别',
  'utf-8': 'UTF-8',
  gb18030: 'GBK / GB18030',
  'utf-16le': 'UTF-16',
};
export const DUPLICATE_LABELS: Record<DuplicateMode, string> = { skip: '跳过（保留台账原样）', update: '用文件更新台账', flag: '两条都保留，标记待核实' };
