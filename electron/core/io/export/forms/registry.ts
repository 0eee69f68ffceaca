/**
 * Every standard form, in the order the sheets appear. A new form is one
 * file in this folder and one line here.
 */
import type { ReadDb } from '../../../db/types';
import { careLedgerForm } from './care-ledger';
import { caseloadSummaryForm } from './caseload-summary';
import { memorialCommendationsForm } from './memorial-commendations';
import { observationRosterForm } from './observation-roster';
import { screeningCoverageForm } from './screening-coverage';
import { staffAllowancesForm } from './staff-allowances';
import { suppliesShortageForm } from './supplies-shortage';
import type { FormDef } from './types';

export const FORMS: readonly FormDef[] = [
  caseloadSummaryForm,
  observationRosterForm,
  screeningCoverageForm,
  careLedgerForm,
  suppliesShortageForm,
  staffAllowancesForm,
  memorialCommendationsForm,
];

export function formById(id: string): FormDef | undefined {
  return FORMS.find((f) => f.id === id);
}

function tableExists(db: ReadDb, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = @name`).get({ name }) !== undefined;
}

function tableHasRows(db: ReadDb, name: string): boolean {
  // The name comes from a form definition, never from input; checked against sqlite_master first.
  return db.prepare(`SELECT 1 FROM "${name.replace(/"/g, '')}" LIMIT 1`).get() !== undefined;
}

/** Null when the form has data to report, else why it is left out. */
export function whyLeftOut(db: ReadDb, form: FormDef): string | null {
  const missing = form.sourceTables.find((t) => !tableExists(db, t));
  if (missing) return '台账中还没有这部分数据（功能尚未启用）';
  const dataTables = form.dataTables ?? [form.sourceTables[0]!];
  if (!dataTables.some((t) => tableHasRows(db, t))) return '台账中还没有录入这部分数据';
  return null;
}
