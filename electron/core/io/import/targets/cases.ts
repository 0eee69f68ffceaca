/**
 * 个案（各类人员）: each row one case of one resident, written through the
 * caseload's openCase / updateCase so the same rules hold as on screen
 * (observation dates, care tasks for vulnerable members of the household).
 *
 * The resident: found by ID number (else name plus phone). When the ledger
 * has nobody by that identity, a row that names its 社区 (and optionally
 * 网格, 住址) registers the resident too; a row without 社区 is sent back.
 * Residents the ledger already has are never changed by a case sheet.
 *
 * The case: same resident + category + 开始日期 is the same case, so a second
 * import changes nothing. Without 开始日期 the row means the person's
 * current (open) case of that category, or a new one opened today; a
 * returnee or observation row with 返程日期 starts on that day instead when
 * the office counts from the return (设置 › 监测标准, on by default; the
 * preview says 「2020-02-03（按返程日期）」).
 */
import { CATEGORY_LABELS, isObservation, RISK_LABELS, type CaseCategory, type RiskLevel } from '../../../caseload/codes.shared';
import { RETURNEE_COLUMNS, RETURNEE_FIELDS, RETURNEE_LABELS, teamShown, travelText, type ReturneeDetails } from '../../../caseload/returnee.shared';
import type { CaseRow } from '../../../caseload/rows';
import { openCase, updateCase, type RegisteredResident } from '../../../caseload/write-queries';
import type { ReadDb } from '../../../db/types';
import type { Sealer } from '../../../db/sealer';
import { badInput } from '../../../errors';
import { maskIdNumber, maskPhone } from '../../../people/id-number';
import { TARGETS } from '../fields.shared';
import { gridId, type Reason } from '../values';
import { identityReason, personKey, residentFinder, type PersonLookup } from './person';
import { rememberChecked, stampPerTurn, takeChecked, type Checked } from './checked-lookups';
import { insertNewResidentRow, type InsertedResident } from './resident-bulk';
import { rememberMatchedIndex, type PreparedResident } from './resident-prepare';
import type { Built, ImportTarget, MatchTally, WriteCtx } from './types';
import { newResidentOf, openFieldsOf, teamOfRow, type CaseRecord } from './case-record';
import { TEAM_KEPT_WHOLE } from '../team-cell';
import { plannedCaseMac, prepareCases, rememberResolved, type PreparedCase } from './case-prepare';
import { str } from './record-fields';

/**
 * Set in a commit's cache once it opens an observation (before openCase, so that case counts): from then on a
 * household this commit made may have an observed member, and every case looks for care links again.
 */
const OBSERVATION_OPENED = 'observation-opened';

/** The id the commit's next case gets: read once, then counted on (cases.repo.ts insertCase). */
const NEXT_CASE_ID = 'next-case-id';

/** Written as the case's 来源 when the sheet has none, so the case says where it came from. */

type LedgerCase = Pick<
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
>;

const ledgerDetail = (c: LedgerCase, k: (typeof RETURNEE_FIELDS)[number]): string | null => c[RETURNEE_COLUMNS[k] as keyof LedgerCase] as string | null;

const startOf = (c: LedgerCase): string => c.obs_start_on ?? c.opened_on;

function parseObsDays(raw: string | null): { ok: true; days: number | null } | { ok: false; reason: Reason } {
  if (raw === null) return { ok: true, days: null };
  const m = /^(\d{1,3})\s*天?$/.exec(raw.replace(/\s/g, ''));
  const days = m ? Number(m[1]) : NaN;
  if (!Number.isInteger(days) || days < 1 || days > 60) return { ok: false, reason: { field: '观察天数', message: `「${raw}」应为 1–60 之间的整数天数` } };
  return { ok: true, days };
}

/**
 * The ledger's case this row is about: the one starting that day, or (no date in the row) the open one. A start taken
 * from 返程日期 was not written as one: with no case starting that day it means the open one too (a case imported
 * before the office's rule, or started on another day on screen, is the same case, not a second one refused).
 */
function matchCase(cases: readonly LedgerCase[], r: Pick<CaseRecord, 'startOn' | 'startFromArrival'>): LedgerCase | undefined {
  const open = (): LedgerCase | undefined => cases.find((c) => c.closed_on === null);
  if (r.startOn === null) return open();
  return cases.find((c) => startOf(c) === r.startOn) ?? (r.startFromArrival ? open() : undefined);
}

/** Categories whose start the office may count from the return (Lookups.startFromArrival). */
const startsOnReturn = (c: CaseCategory): boolean => c === 'returnee' || isObservation(c);

/** The 开始日期 shown in the preview: said where it came from when the sheet did not write it. */
function startShown(rec: Partial<CaseRecord>): string {
  if (rec.startOn == null) return '（今天）';
  return rec.startFromArrival ? `${rec.startOn}（按返程日期）` : rec.startOn;
}

/** True when the row asks for nothing the case does not already say (fields the sheet leaves empty are not compared). */
function caseSame(c: LedgerCase, r: CaseRecord): boolean {
  return (
    (r.riskLevel === null || r.riskLevel === c.risk_level) &&
    (r.source === null || r.source === c.source) &&
    (r.notes === null || r.notes === c.notes) &&
    (r.obsDays === null || r.obsDays === c.obs_days) &&
    RETURNEE_FIELDS.every((k) => r[k] === null || r[k] === ledgerDetail(c, k))
  );
}

function casesOf(db: ReadDb): (residentId: number, category: CaseCategory) => LedgerCase[] {
  // cases_by_resident (resident_id, category)
  const stmt = db.prepare(
    `SELECT id, category, opened_on, closed_on, risk_level, source, notes, obs_start_on, obs_days, ${RETURNEE_FIELDS.map((k) => RETURNEE_COLUMNS[k]).join(', ')}
     FROM cases WHERE resident_id = @residentId AND category = @category ORDER BY id`,
  );
  return (residentId, category) => stmt.all({ residentId, category }) as LedgerCase[];
}

const fail = (field: string, message: string): Built<CaseRecord> => ({ ok: false, reasons: [{ field, message }] });

/** Only the details the row gives: an empty cell never clears what the ledger has. */
const given = (r: CaseRecord): Partial<ReturneeDetails> => Object.fromEntries(RETURNEE_FIELDS.filter((k) => r[k] !== null).map((k) => [k, r[k]]));

function checkAgainstLedger(db: ReadDb, today: string, sealer: Sealer | null, tally?: MatchTally): (r: CaseRecord) => Built<CaseRecord> {
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
      const open = cases.find((c) => c.closed_on === null);
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

/** The commit's resident lookup, its statements prepared once per commit rather than once per row. */
const finders = new WeakMap<WriteCtx, ReturnType<typeof residentFinder>>();
function commitFinder(w: WriteCtx): ReturnType<typeof residentFinder> {
  let find = finders.get(w);
  if (find === undefined) finders.set(w, (find = residentFinder(w.db, w.context.sealer)));
  return find;
}

/**
 * The resident of a row at commit time: known, registered earlier in this commit (its id), or registered now from
 * the row (its row as stored, which openCase then need not read back).
 */
function residentFor(w: WriteCtx, r: CaseRecord, find: ReturnType<typeof residentFinder>): number | InsertedResident {
  const found = find(r);
  if (found.ok && found.resident) return found.resident.id;
  const cacheKey = `resident:${personKey(r)}`;
  const cached = w.cache.get(cacheKey);
  if (cached !== undefined) return cached;
  return registerResident(w, r);
}

/** Registers the row's resident (`prepared`: what the preview computed for it: case-prepare.ts); answers the row as stored. */
function registerResident(w: WriteCtx, r: CaseRecord, prepared?: PreparedResident): InsertedResident {
  const cacheKey = `resident:${personKey(r)}`;
  const communityId = r.communityId;
  // The ledger check sends such rows back; this holds only if the ledger changed between preview and commit.
  if (communityId === null) throw badInput('「身份证号」台账中没有这位居民，且本行没有填写「社区」');
  const row = insertNewResidentRow(w, newResidentOf(r, communityId), prepared);
  // Prepared: nobody else in the file is this person (case-prepare.ts), and no row of the commit looks anyone up.
  if (prepared === undefined) w.cache.set(cacheKey, row.id);
  return row;
}

/**
 * The resident a row registered, as openCase takes it. Field by field: `{ ...resident, noObservedHousemate }` copied
 * the row by spread, the largest single item of the target's own time in the commit (session 15 profile).
 */
function registeredFrom(r: InsertedResident, noObservedHousemate: boolean): RegisteredResident {
  return {
    id: r.id,
    household_id: r.household_id,
    community_id: r.community_id,
    grid_id: r.grid_id,
    name: r.name,
    id_number_was15: r.id_number_was15,
    sex: r.sex,
    tags: r.tags,
    relation: r.relation,
    noObservedHousemate,
  } satisfies Record<keyof RegisteredResident, unknown>;
}

export const casesTarget: ImportTarget<CaseRecord, PreparedCase> = {
  def: TARGETS.cases,
  build(v, lookups) {
    const category = v.category as CaseCategory;
    const reasons: Reason[] = [];
    const obs = parseObsDays(str(v.obsDays));
    if (!obs.ok) reasons.push(obs.reason);
    else if (obs.days !== null && !isObservation(category))
      reasons.push({ field: '观察天数', message: `只适用于居家观察和医学观察，「${CATEGORY_LABELS[category]}」不填` });
    const team = teamOfRow(v);
    if (!team.ok) reasons.push(team.reason);
    const communityId = (v.community as number | null) ?? null;
    const gridName = str(v.grid);
    let grid: number | null = null;
    if (gridName !== null) {
      const found = communityId === null ? undefined : gridId(gridName, communityId, lookups);
      if (communityId === null) reasons.push({ field: '网格', message: '须同时填写「社区」' });
      else if (found === undefined)
        reasons.push({ field: '网格', message: `本社区没有名为「${gridName}」的网格，请先在“设置 → 社区与网格”中添加，或改成台账中的网格名称` });
      else grid = found;
    }
    const written = str(v.startOn);
    const fromArrival = lookups.startFromArrival === true && startsOnReturn(category) ? str(v.arrivedOn) : null;
    const record: CaseRecord = {
      name: v.name as string,
      idNumber: str(v.idNumber),
      phone: str(v.phone),
      residentId: null,
      communityId,
      gridId: grid,
      address: str(v.address),
      estate: str(v.estate),
      building: str(v.building),
      unit: str(v.unit),
      room: str(v.room),
      tags: Array.isArray(v.tags) ? [...v.tags].sort() : [],
      category,
      startOn: written ?? fromArrival,
      startFromArrival: written === null && fromArrival !== null,
      obsDays: obs.ok ? obs.days : null,
      riskLevel: (str(v.riskLevel) as RiskLevel | null) ?? null,
      source: str(v.source),
      notes: str(v.notes),
      // By name (CaseRecord asks for each), not spread from an object of them: a spread's fields go to a property array beside the
      // object (≈ 60 bytes a record, for as long as the staged plan lives).
      origin: str(v.origin),
      arrivedOn: str(v.arrivedOn),
      transport: str(v.transport),
      transportNo: str(v.transportNo),
      teamGridWorker: team.ok ? team.team.teamGridWorker : null,
      teamDoctor: team.ok ? team.team.teamDoctor : null,
      teamPolice: team.ok ? team.team.teamPolice : null,
      teamUnsplit: team.ok ? team.team.teamUnsplit : null,
    };
    const who = identityReason(record);
    if (who) reasons.push(who);
    if (reasons.length > 0) return { ok: false, reasons };
    return team.ok && team.keptWhole ? { ok: true, record, warning: TEAM_KEPT_WHOLE } : { ok: true, record };
  },
  ledgerCheck: checkAgainstLedger,
  // Joined, not a template: V8 keeps a template's parts as a tree of cons strings (32 bytes a node) as long as the
  // string lives, and the staged plan keeps a key per row until the commit; `join` makes one flat string.
  keyOf: (r) => [personKey(r), r.category, r.startOn ?? 'open'].join('|'),
  sameKeyMessage: (first) => `与第 ${first} 行是同一人同一类别、同一开始日期的个案，但内容不同，请核对后合并为一行`,
  matcher(db, sealer) {
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
  },
  same: (existing, r) => caseSame((existing.current as { ledgerCase: LedgerCase }).ledgerCase, r),
  // One open case per person and category: the ledger cannot hold a second one beside it.
  canKeepBoth: () => false,
  // When each person is in the file once (case-prepare.ts prepares only then), a row's match does not depend on earlier rows.
  matchesIndependentOfEarlierRows: 'whenPrepared',
  prepare: prepareCases,
  insert(w, r, prepared) {
    // Prepared: the preview found this resident (or nobody) in the ledger as it still is, and nobody else in the file is them.
    const resident = prepared ? (prepared.residentId ?? registerResident(w, r, prepared.resident)) : residentFor(w, r, commitFinder(w));
    const observation = isObservation(r.category);
    if (observation) w.cache.set(OBSERVATION_OPENED, 1);
    // Registered by this row: openCase takes the row as written (no read back, no open case possible), and skips the
    // linked-care query while its household is one this commit made and the commit has opened no observation.
    const registered = typeof resident === 'number' ? undefined : registeredFrom(resident, !resident.householdExisted && !w.cache.has(OBSERVATION_OPENED));
    const residentId = typeof resident === 'number' ? resident : resident.id;
    const planned = prepared && plannedCaseMac(prepared, r);
    const opened = openCase(w.db, openFieldsOf(r, residentId), w.now, w.today, w.context.sealer, registered, w.cache.get(NEXT_CASE_ID), planned);
    w.cache.set(NEXT_CASE_ID, opened.id + 1);
    for (const a of opened.audit) w.audit(a);
    return opened.id;
  },
  update(w, existing, r) {
    const updated = updateCase(
      w.db,
      {
        caseId: existing.id,
        ...(r.riskLevel !== null ? { riskLevel: r.riskLevel } : {}),
        ...(r.source !== null ? { source: r.source } : {}),
        ...(r.notes !== null ? { notes: r.notes } : {}),
        // A longer observation from the community's file is recorded with the file as its reason (the ledger check lets no shortening through).
        ...(r.obsDays !== null ? { obsDays: r.obsDays, changeReason: `社区报表导入「${w.fileName}」（按文件中的观察天数更新）` } : {}),
        ...given(r),
      },
      w.now,
      w.today,
    );
    for (const a of updated.audit) w.audit(a);
  },
  show(r) {
    const rec = r as Partial<CaseRecord>;
    return {
      姓名: String(rec.name ?? ''),
      身份证号: maskIdNumber(rec.idNumber ?? null),
      联系电话: maskPhone(rec.phone ?? null),
      人员类别: rec.category ? CATEGORY_LABELS[rec.category] : '',
      开始日期: startShown(rec),
      观察天数: rec.obsDays != null ? String(rec.obsDays) : rec.category && isObservation(rec.category) ? '14（默认）' : '',
      风险等级: rec.riskLevel ? RISK_LABELS[rec.riskLevel] : '',
      来源: rec.source ?? '',
      [RETURNEE_LABELS.origin]: rec.origin ?? '',
      [RETURNEE_LABELS.arrivedOn]: rec.arrivedOn ?? '',
      [RETURNEE_LABELS.transport]: travelText({ transport: rec.transport ?? null, transportNo: rec.transportNo ?? null }),
      责任人: teamShown({
        teamGridWorker: rec.teamGridWorker ?? null,
        teamDoctor: rec.teamDoctor ?? null,
        teamPolice: rec.teamPolice ?? null,
        teamUnsplit: rec.teamUnsplit ?? null,
      }),
      备注: rec.notes ?? '',
    };
  },
};
