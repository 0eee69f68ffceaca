/**
 * 个案 import (cases.ts), its ledger side: the ledger's cases of a row's resident and category, which one the row is
 * about (the one starting that day, or the open one), whether the row would change it, and the checks a row must pass
 * against the ledger before the preview offers it (no resident and no 社区, a second open case, a closed case, a
 * shorter observation).
 */
import { CATEGORY_LABELS, type CaseCategory } from '../../../caseload/codes.shared';
import { RETURNEE_COLUMNS, RETURNEE_FIELDS, RETURNEE_LABELS, type ReturneeDetails } from '../../../caseload/returnee.shared';
import type { CaseRow } from '../../../caseload/rows';
import type { ReadDb } from '../../../db/types';
import { cached } from '../../../db/stmt-cache';
import { conflict } from '../../../errors';
import type { Sealer } from '../../../db/sealer';
import { residentFinder, type PersonLookup } from './person';
import { rememberChecked, stampPerTurn, takeChecked, type Checked } from './checked-lookups';
import { rememberMatchedIndex } from './resident-prepare';
import type { Built, Existing, MatchTally } from './types';
import type { CaseRecord } from './case-record';
import { rememberResolved } from './case-prepare';

export type LedgerCase = Pick<
  CaseRow,
  | 'id'
  | 'category'
  | 'opened_on'
  | 'closed_on'
  | 'risk_level'
  | 'source'
  | 'notes'
  | 'obs_start_on'
  | 'obs_days'
  | 'origin'
  | 'arrived_on'
  | 'transport'
  | 'transport_no'
  | 'team_grid_worker'
  | 'team_doctor'
  | 'team_police'
  | 'team_unsplit'
> & { voided: 0 | 1 };

const ledgerDetail = (c: LedgerCase, k: (typeof RETURNEE_FIELDS)[number]): string | null => c[RETURNEE_COLUMNS[k] as keyof LedgerCase] as string | null;

export const startOf = (c: LedgerCase): string => c.obs_start_on ?? c.opened_on;

/**
 * The ledger's case this row is about: the one starting that day, or (no date in the row) the open one. A start taken
 * from 返程日期 was not written as one: with no case starting that day it means the open one too (a case imported
 * before the office's rule, or started on another day on screen, is the same case, not a second one refused).
 */
function pickCase(cases: readonly LedgerCase[], r: Pick<CaseRecord, 'startOn' | 'startFromArrival'>): LedgerCase | undefined {
  const open = (): LedgerCase | undefined => cases.find((c) => c.closed_on === null);
  if (r.startOn === null) return open();
  return cases.find((c) => startOf(c) === r.startOn) ?? (r.startFromArrival ? open() : undefined);
}

/** The live case the row is about (pickCase among the cases not voided). */
const matchCase = (cases: readonly LedgerCase[], r: Pick<CaseRecord, 'startOn' | 'startFromArrival'>): LedgerCase | undefined =>
  pickCase(
    cases.filter((c) => !c.voided),
    r,
  );

/**
 * The voided case (作废登记) a row with no live case would register again, picked as a live one is. The same community
 * sheet imported again must not bring back what the office took out as a mistake, nor write to it (a voided case is
 * read-only): the row is refused in words, and restoring is the coordinator's.
 */
const voidedTwin = (cases: readonly LedgerCase[], r: Pick<CaseRecord, 'startOn' | 'startFromArrival'>): LedgerCase | undefined =>
  pickCase(
    cases.filter((c) => c.voided),
    r,
  );

const voidedTwinWords = (gone: LedgerCase, category: CaseCategory): string =>
  `这位居民 ${startOf(gone)} 开始的「${CATEGORY_LABELS[category]}」个案已作废（作废登记），导入不再登记它；如确需恢复，请统筹负责人在个案中撤销作废，如是新的一次登记，请在表中填写新的「开始日期」`;

/**
 * At commit, a row the preview found new for a resident the ledger has, the ledger having changed since (no prepared
 * row): the case it names may have been voided in another window meanwhile. Refused as the ledger check refuses it;
 * openCase alone would register the voided case again (its open-case check counts live cases only).
 */
export function refuseVoidedTwin(db: ReadDb, residentId: number, r: CaseRecord): void {
  const cases = cached(db, CASES_OF).all({ residentId, category: r.category }) as LedgerCase[];
  if (matchCase(cases, r)) return;
  const gone = voidedTwin(cases, r);
  if (gone) throw conflict(`「开始日期」${voidedTwinWords(gone, r.category)}`, { caseId: gone.id });
}

/** True when the row asks for nothing the case does not already say (fields the sheet leaves empty are not compared). */
export function caseSame(c: LedgerCase, r: CaseRecord): boolean {
  return (
    (r.riskLevel === null || r.riskLevel === c.risk_level) &&
    (r.source === null || r.source === c.source) &&
    (r.notes === null || r.notes === c.notes) &&
    (r.obsDays === null || r.obsDays === c.obs_days) &&
    RETURNEE_FIELDS.every((k) => r[k] === null || r[k] === ledgerDetail(c, k))
  );
}

// cases_by_resident (resident_id, category)
const CASES_OF = `SELECT id, category, opened_on, closed_on, risk_level, source, notes, obs_start_on, obs_days, ${RETURNEE_FIELDS.map((k) => RETURNEE_COLUMNS[k]).join(', ')},
            voided_at IS NOT NULL AS voided
     FROM cases WHERE resident_id = @residentId AND category = @category ORDER BY id`;

function casesOf(db: ReadDb): (residentId: number, category: CaseCategory) => LedgerCase[] {
  const stmt = db.prepare(CASES_OF);
  return (residentId, category) => stmt.all({ residentId, category }) as LedgerCase[];
}

const fail = (field: string, message: string): Built<CaseRecord> => ({ ok: false, reasons: [{ field, message }] });

export function checkAgainstLedger(db: ReadDb, today: string, sealer: Sealer | null, tally?: MatchTally): (r: CaseRecord) => Built<CaseRecord> {
  const findResident = residentFinder(db, sealer, tally);
  const findCases = casesOf(db);
  const stamp = stampPerTurn(db);
  // The record is the one build made for this row and nobody else holds: the resident found is set on it, not on a copy
  // (`{ ...r, residentId }` copied its 27 fields, 100,000 times a file). What was found is kept for the matcher (checked-lookups.ts).
  const checked = (r: CaseRecord, asked: string, found: PersonLookup & { ok: true }, cases: LedgerCase[] | undefined): Built<CaseRecord> => {
    r.residentId = found.resident?.id ?? null;
    rememberChecked(r, asked, sealer, found, cases);
    return { ok: true, record: r };
  };
  return (r) => {
    if (r.startOn !== null && !r.startFromArrival && r.startOn > today) return fail('开始日期', `${r.startOn} 晚于今天（${today}），不能登记未来的日期`);
    if (r.arrivedOn !== null && r.arrivedOn > today) return fail(RETURNEE_LABELS.arrivedOn, `${r.arrivedOn} 晚于今天（${today}），不能登记未来的日期`);
    const asked = stamp();
    const found = findResident(r);
    if (!found.ok) return found;
    if (!found.resident) {
      if (r.communityId === null)
        return fail(
          '身份证号',
          '台账中没有这位居民。请先导入居民，或在本表中填写「社区」（可加「网格」「住址」；整张表是一个社区的，在「全表统一的值」里选社区），导入时一并登记',
        );
      return checked(r, asked, found, undefined);
    }
    const cases = findCases(found.resident.id, r.category);
    const match = matchCase(cases, r);
    const label = CATEGORY_LABELS[r.category];
    if (!match) {
      const gone = voidedTwin(cases, r);
      if (gone) return fail('开始日期', voidedTwinWords(gone, r.category));
      const open = cases.find((c) => c.closed_on === null && !c.voided);
      if (open)
        return fail(
          '开始日期',
          `这位居民已有一个进行中的「${label}」个案（${startOf(open)} 开始），请在原个案上继续办理；如是同一个案，请把「开始日期」改为 ${startOf(open)}`,
        );
    } else if (!caseSame(match, r)) {
      if (match.closed_on !== null) return fail('人员类别', `这位居民 ${startOf(match)} 开始的「${label}」个案已于 ${match.closed_on} 结案，导入不能再修改`);
      if (r.obsDays !== null && match.obs_days !== null && r.obsDays < match.obs_days) {
        return fail('观察天数', `${r.obsDays} 天比台账中的 ${match.obs_days} 天短：缩短观察期须在个案中登记原因，导入不能缩短`);
      }
    }
    return checked(r, asked, found, cases);
  };
}

/**
 * What the ledger check found for the row while the ledger is as it asked (checked-lookups.ts). Otherwise the row is
 * looked up again, the ID number's index the check computed handed to residentFinder rather than computed again.
 */
function checkedFor(r: CaseRecord, db: ReadDb, sealer: Sealer | null, stamp: () => string): Checked<PersonLookup, LedgerCase[] | undefined> | undefined {
  const known = takeChecked<PersonLookup, LedgerCase[] | undefined>(r, db, sealer, stamp);
  if (known === undefined || known.current) return known?.checked;
  const { sealer: checkedWith, found } = known.checked;
  if (checkedWith !== null && found.ok && found.index !== undefined) rememberMatchedIndex(r, checkedWith, found.index);
  return undefined;
}

/** The ledger's case a row is about, as the import's matcher gives it (its values as the ledger has them, the case beside them for `same`). */
export function caseMatcher(db: ReadDb, sealer: Sealer | null): (r: CaseRecord) => Existing | null {
  const findResident = residentFinder(db, sealer);
  const findCases = casesOf(db);
  const stamp = stampPerTurn(db);
  return (r) => {
    const fresh = checkedFor(r, db, sealer, stamp);
    const found = fresh?.found ?? findResident(r);
    // Whom the preview found, for its preparation (case-prepare.ts); at commit, kept for nothing.
    rememberResolved(r, sealer, found);
    if (!found.ok || !found.resident) return null;
    const c = matchCase(fresh?.cases ?? findCases(found.resident.id, r.category), r);
    if (!c) return null;
    const current: CaseRecord = {
      ...r,
      residentId: found.resident.id,
      startOn: startOf(c),
      startFromArrival: false,
      obsDays: c.obs_days,
      riskLevel: c.risk_level,
      source: c.source,
      notes: c.notes,
      ...(Object.fromEntries(RETURNEE_FIELDS.map((k) => [k, ledgerDetail(c, k)])) as ReturneeDetails),
    };
    return { id: c.id, current: { ...current, ledgerCase: c } };
  };
}
