/**
 * A form's rows for a period as they leave the office: read from the ledger,
 * numbers full or masked by the form's policy (through the one accessor),
 * with the rules every way out shares: an empty form only when the user
 * confirmed it, and each full-number export audited with its reason.
 */
import type { Role } from '../../contract';
import type { ReadDb } from '../../db/types';
import type { Sealer } from '../../db/sealer';
import { badInput } from '../../errors';
import type { AuditInput } from '../../handler-types';
import { readSettings } from '../../settings/queries';
import type { ExportForm } from './catalogue';
import { whyLeftOut } from './forms/registry';
import { isTotalRow, sayHeadCount, type FormDef, type FormRow, type Period } from './forms/types';
import { applyNumbers, numberAccess } from './personal-numbers';
import type { FillRow } from './templates/fill';

export const officeNameOf = (db: ReadDb): string => readSettings(db).officeName || '街道办事处';

export function checkPeriod(p: Period): void {
  if (p.from > p.to) throw badInput('「开始日期」不能晚于「结束日期」。');
}

/** The base form's rows with the form's number policy applied (`full` overrides it for an explicit choice). */
export function readFormRows(db: ReadDb, sealer: Sealer | null, form: ExportForm, period: Period, role: Role, full = form.policy.fullNumbers): FormRow[] {
  const why = whyLeftOut(db, form.base);
  if (why) throw badInput(`「${form.title}」不能上报：${why}。`);
  const access = numberAccess(db, role, full);
  return form.base.read(db, period, sealer).map((r) => applyNumbers(form.base.columns, r, access));
}

/** A template's rows: its base form's, without the base form's own 合计 row (the template sums itself). */
export function templateFillRows(form: ExportForm, rows: readonly FormRow[], officeName: string): FillRow[] {
  return rows.filter((r) => !isTotalRow(form.base, r)).map((row) => ({ office: officeName, row }));
}

/** Rows that are people or things, not the 合计 line. */
export const dataRowCount = (form: ExportForm, rows: readonly FormRow[]): number => rows.filter((r) => !isTotalRow(form.base, r)).length;

export function refuseEmpty(forms: ReadonlyArray<{ form: ExportForm; rows: number }>, period: Period, confirmed: (id: string) => boolean): void {
  const empty = forms.filter((f) => f.rows === 0 && !confirmed(f.form.id));
  if (empty.length === 0) return;
  throw badInput(
    `${empty.map((f) => `「${f.form.title}」`).join('、')}在 ${period.from} 至 ${period.to} 没有数据。如确实要报送只有表头的空表，请勾选「报送空表」确认后再生成。`,
    { emptyForms: empty.map((f) => f.form.id) },
  );
}

/** How many people a name list holds (the package carries it); null for forms that count themselves. */
export function peopleOf(db: ReadDb, form: ExportForm, rows: readonly FormRow[], period: Period): number | null {
  return form.base.headCount?.people(rows, db, period) ?? null;
}

/** How many people a name list holds, as its 「共 …」 line and a template's 合计 row say it; null for forms that count themselves. */
export function headCountOf(db: ReadDb, form: ExportForm, rows: readonly FormRow[], period: Period): string | null {
  const people = peopleOf(db, form, rows, period);
  return people === null ? null : sayHeadCount(form.base, people, dataRowCount(form, rows));
}

/**
 * A district's merge of a name list says people as each office's form did: the offices' own counts added up (one
 * office's residents are not another's). A package from before the count travelled counts its rows by person
 * (name and ID number as sent, masked or not), so one person under two kinds of care is still one.
 */
export function headCountOfPackages(base: FormDef, offices: ReadonlyArray<{ people?: number; rows: readonly FormRow[] } | undefined>): string | null {
  if (!base.headCount) return null;
  let people = 0;
  let rows = 0;
  for (const office of offices) {
    if (!office) continue;
    const listed = office.rows.filter((r) => !isTotalRow(base, r));
    people += office.people ?? new Set(listed.map((r) => JSON.stringify([r['name'] ?? null, r['idNumber'] ?? null]))).size;
    rows += listed.length;
  }
  return sayHeadCount(base, people, rows);
}

export function nameUnit(form: ExportForm): string {
  return form.base.columns.some((c) => c.kind === 'personal') ? '人' : '条';
}

/** One audit row per form that left with full numbers: which form, which period, how many rows, why, where to. */
export function auditFullNumbers(
  audit: (e: AuditInput) => void,
  f: { form: ExportForm; period: Period; rows: number; reason: string; destination: string },
): void {
  audit({
    entity: 'export.full_numbers',
    entityId: f.form.id,
    after: { form: f.form.id, title: f.form.title, period: f.period, rows: f.rows, reason: f.reason, destination: f.destination },
  });
}
