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
 *
 * Here the row's own checks and how the preview shows it; the ledger side (which case a row is about, the checks
 * against the ledger) is case-match.ts, the writes case-commit.ts.
 */
import { CATEGORY_LABELS, isObservation, RISK_LABELS, type CaseCategory, type RiskLevel } from '../../../caseload/codes.shared';
import { RETURNEE_LABELS, teamShown, travelText } from '../../../caseload/returnee.shared';
import { maskIdNumber, maskPhone } from '../../../people/id-number';
import { TARGETS } from '../fields.shared';
import { gridId, type Reason } from '../values';
import { identityReason, personKey } from './person';
import type { ImportTarget } from './types';
import { teamOfRow, type CaseRecord } from './case-record';
import { TEAM_KEPT_WHOLE } from '../team-cell';
import { prepareCases, type PreparedCase } from './case-prepare';
import { str } from './record-fields';
import { caseMatcher, caseSame, checkAgainstLedger, type LedgerCase } from './case-match';
import { insertCaseRow, updateCaseRow } from './case-commit';

function parseObsDays(raw: string | null): { ok: true; days: number | null } | { ok: false; reason: Reason } {
  if (raw === null) return { ok: true, days: null };
  const m = /^(\d{1,3})\s*天?$/.exec(raw.replace(/\s/g, ''));
  const days = m ? Number(m[1]) : NaN;
  if (!Number.isInteger(days) || days < 1 || days > 60) return { ok: false, reason: { field: '观察天数', message: `「${raw}」应为 1–60 之间的整数天数` } };
  return { ok: true, days };
}

/** Categories whose start the office may count from the return (Lookups.startFromArrival). */
const startsOnReturn = (c: CaseCategory): boolean => c === 'returnee' || isObservation(c);

/** The 开始日期 shown in the preview: said where it came from when the sheet did not write it. */
function startShown(rec: Partial<CaseRecord>): string {
  if (rec.startOn == null) return '（今天）';
  return rec.startFromArrival ? `${rec.startOn}（按返程日期）` : rec.startOn;
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
  matcher: caseMatcher,
  same: (existing, r) => caseSame((existing.current as { ledgerCase: LedgerCase }).ledgerCase, r),
  // One open case per person and category: the ledger cannot hold a second one beside it.
  canKeepBoth: () => false,
  // When each person is in the file once (case-prepare.ts prepares only then), a row's match does not depend on earlier rows.
  matchesIndependentOfEarlierRows: 'whenPrepared',
  prepare: prepareCases,
  insert: insertCaseRow,
  update: updateCaseRow,
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
