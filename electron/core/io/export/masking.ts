/** What personal data leaves with a form, and the masking applied on the way out (one place for every form). */
import { maskIdNumber, maskPhone } from '../../people/id-number';
import type { FormDef, FormRow } from './forms/types';

export function maskRow(form: FormDef, row: FormRow): FormRow {
  if (form.needsFullIdNumbers) return row;
  const out: FormRow = { ...row };
  for (const c of form.columns) {
    const v = out[c.key];
    if (typeof v !== 'string') continue;
    if (c.kind === 'idNumber') out[c.key] = maskIdNumber(v);
    else if (c.kind === 'phone') out[c.key] = maskPhone(v);
  }
  return out;
}

/** In the users' words, for the export screen: "姓名", "身份证号（隐去中间位）"… */
export function personalDataOf(form: FormDef): string[] {
  const out: string[] = [];
  for (const c of form.columns) {
    if (c.kind === 'personal') out.push(c.header);
    else if (c.kind === 'idNumber' || c.kind === 'phone') out.push(form.needsFullIdNumbers ? `${c.header}（完整号码）` : `${c.header}（隐去中间位）`);
  }
  return out;
}
