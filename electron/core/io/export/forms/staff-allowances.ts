/**
 * 值守人员及补助统计表: everyone planned on duty (or with an allowance adjusted)
 * in the period, shifts planned and days and shifts confirmed as worked (出勤确认),
 * the allowance by the office's rates on confirmed shifts only, adjustments and
 * the total, with a 合计 row.
 * The figures are the rota area's pay-sheet computation, so the form and the
 * 补助发放表 agree to the fen.
 */
import type { ReadDb } from '../../../db/types';
import type { Sealer } from '../../../db/sealer';
import { openStaffNumbers, STAFF_SEALED_SELECT, type StoredStaffNumbers } from '../../../rota/sealed-staff';
import { readStaffAllowanceForm } from '../../../rota/reports';
import { FLOATING_STAFF, STAFF_KIND_LABELS, standardText, type AllowanceRow } from '../../../rota/types.shared';
import { col, type FormDef, type FormRow } from './types';

/** Amounts are kept in fen (分) and shown in yuan: divide once, at the edge. */
const yuan = (fen: number): number => Math.round(fen) / 100;

interface Contact {
  phone: string | null;
  idNumber: string | null;
}

/**
 * ID numbers and phones are not in the pay-sheet rows; the form carries them because whoever pays
 * the subsidy needs them (full or masked on the way out, as the form's policy says).
 */
function contactsOf(db: ReadDb, sealer: Sealer | null, ids: readonly number[]): Map<number, Contact> {
  const rows = db
    .prepare(`SELECT s.id, ${STAFF_SEALED_SELECT('s')} FROM staff s WHERE s.id IN (SELECT value FROM json_each(@ids))`)
    .all({ ids: JSON.stringify(ids) }) as Array<StoredStaffNumbers & { id: number }>;
  // Sealed with the sensitive key (rota/sealed-staff.ts): opened here, masked or not on the way out by the form's policy.
  return new Map(rows.map((r) => [r.id, openStaffNumbers(db, sealer, r)]));
}

export const staffAllowancesForm: FormDef = {
  id: 'staff-allowances',
  title: '值守人员及补助统计表',
  sheetName: '值守人员及补助统计',
  // Shift templates are preset by the migration: only assignments show the rota is in use.
  sourceTables: ['rota_assignments', 'staff', 'rota_allowance_rates', 'rota_allowance_rates_before', 'rota_allowance_adjustments'],
  defaultFullNumbers: true,
  mergeable: false,
  landscape: true,
  // The district reads a 补助标准 beside an amount as a standard from above: the notice sets no amount.
  footnote: '注：补助项目和补助标准是本街道的设定，通知没有规定补助金额。应发按已确认的出勤计算。',
  columns: [
    // 151 units across: A4 landscape at about 93 % (168 printed at 82 %). 「应发（元）」 whole on a line (11), not 「）」 alone.
    col('community', '所属社区', 'text', 10),
    col('name', '姓名', 'personal', 9),
    col('kind', '人员类别', 'text', 11),
    col('idNumber', '身份证号', 'idNumber', 19),
    col('phone', '联系电话', 'phone', 12),
    col('planned', '排班班次', 'number', 7),
    col('days', '确认出勤天数', 'number', 7),
    col('shifts', '确认出勤班次', 'number', 7),
    col('label', '补助项目', 'text', 11),
    col('rate', '补助标准', 'text', 10),
    col('base', '应发（元）', 'number', 11),
    col('adjustment', '调整（元）', 'number', 11),
    col('reasons', '调整原因', 'text', 15),
    col('total', '实发（元）', 'number', 11),
  ],
  read(db, period, sealer) {
    const { rows, totalFen, people } = readStaffAllowanceForm(db, period.from, period.to, sealer);
    if (rows.length === 0) return [];
    const contacts = contactsOf(
      db,
      sealer,
      rows.map((r) => r.staffId),
    );
    const out: FormRow[] = rows.map((r) => ({
      // Blank read as a cell forgotten; the district's sheet names them as the insurance list does.
      community: r.communityName || FLOATING_STAFF,
      name: r.name,
      kind: STAFF_KIND_LABELS[r.kind],
      idNumber: contacts.get(r.staffId)?.idNumber ?? null,
      phone: contacts.get(r.staffId)?.phone ?? null,
      planned: r.plannedShifts,
      days: r.days,
      shifts: r.shifts,
      label: r.label,
      rate: standardText(r),
      base: yuan(r.baseFen),
      adjustment: yuan(r.adjustmentFen),
      reasons: r.adjustmentReasons.join('；'),
      total: yuan(r.totalFen),
    }));
    const sum = (pick: (r: AllowanceRow) => number): number => rows.reduce((n, r) => n + pick(r), 0);
    out.push({
      community: '合计',
      // Each person once: one who moved in the period has a line per community.
      name: `${people} 人`,
      kind: '',
      idNumber: null,
      phone: null,
      planned: sum((r) => r.plannedShifts),
      days: sum((r) => r.days),
      shifts: sum((r) => r.shifts),
      label: '',
      rate: '',
      base: yuan(sum((r) => r.baseFen)),
      adjustment: yuan(sum((r) => r.adjustmentFen)),
      reasons: '',
      total: yuan(totalFen),
    });
    return out;
  },
};
