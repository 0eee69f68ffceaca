/**
 * Each form's recorded policy for ID numbers and phones on the way out:
 * masked, or full because the recipient needs them. A form nobody has set
 * uses its default (an office setting, not the notice's rule).
 */
import type { ReadDb, WriteDb } from '../../db/types';

export const DEFAULT_FULL_REASON = '接收单位需要完整号码核对身份、联系本人（本街道默认设置）';

export interface NumberPolicy {
  formId: string;
  fullNumbers: boolean;
  reason: string | null;
  isDefault: boolean;
  setBy: string | null;
  setAt: string | null;
}

interface PolicyRow {
  fullNumbers: number;
  reason: string | null;
  setBy: string;
  setAt: string;
}

export function readPolicy(db: ReadDb, formId: string, defaultFull: boolean): NumberPolicy {
  const r = db
    .prepare(`SELECT full_numbers AS fullNumbers, reason, set_by AS setBy, set_at AS setAt FROM form_number_policies WHERE form_id = @formId`)
    .get({ formId }) as PolicyRow | undefined;
  if (!r) return { formId, fullNumbers: defaultFull, reason: defaultFull ? DEFAULT_FULL_REASON : null, isDefault: true, setBy: null, setAt: null };
  return { formId, fullNumbers: r.fullNumbers === 1, reason: r.reason, isDefault: false, setBy: r.setBy, setAt: r.setAt };
}

export function writePolicy(db: WriteDb, p: { formId: string; fullNumbers: boolean; reason: string | null; setBy: string; setAt: string }): void {
  db.prepare(
    `INSERT INTO form_number_policies (form_id, full_numbers, reason, set_by, set_at) VALUES (@formId, @full, @reason, @setBy, @setAt)
     ON CONFLICT (form_id) DO UPDATE SET full_numbers = excluded.full_numbers, reason = excluded.reason, set_by = excluded.set_by, set_at = excluded.set_at`,
  ).run({ formId: p.formId, full: p.fullNumbers ? 1 : 0, reason: p.reason, setBy: p.setBy, setAt: p.setAt });
}

export function dropPolicy(db: WriteDb, formId: string): void {
  db.prepare(`DELETE FROM form_number_policies WHERE form_id = @formId`).run({ formId });
}
