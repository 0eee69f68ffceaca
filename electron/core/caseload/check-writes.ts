/** Daily health checks of an observation, and what happens to a fever. */
import type { WriteDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import { requireBound } from '../db/row-binding';
import { CASE_BINDING, caseSealer } from './case-binding';
import { badInput, conflict, notFound } from '../errors';
import { openCase } from './case-open';
import { refreshCheckState } from './case-writes';
import { CHECK_METHODS, isObservation, type CheckMethod } from './codes.shared';
import { readHealthSettings } from './health-settings';
import { caseRow, checkRow, residentRow } from './rows';
import { refuseVoided } from './case-void';
import { normaliseSymptoms } from './symptoms';
import { blankToNull, notAfterToday, optionalDay, type WriteResult } from './write-common';
import { insertHealthCheck, markDismissed, markReferred, type HealthCheckColumns } from './health-checks.repo';

export interface HealthCheckFields {
  caseId: number;
  checkDate: string;
  /** °C. Missing only with `notMeasured` (「未测」): a reading nobody took is never filled in for them. */
  temperature?: number | null | undefined;
  /** 「未测」: the check was made (by the method given) without a temperature. */
  notMeasured?: boolean | undefined;
  /** Read through normaliseSymptoms: 「无」「没有」「正常」「良好」 mean none. */
  symptoms?: string | null | undefined;
  method: CheckMethod;
  checkedBy: string;
}

export interface CheckResult extends WriteResult {
  /** At or above the office's fever line (default 37.3 °C), or a symptom: an escalation is open for this check. */
  flagged: boolean;
}

export const isFever = (temperature: number | null, symptoms: string | null, feverThreshold: number): boolean =>
  (temperature !== null && temperature >= feverThreshold) || normaliseSymptoms(symptoms) !== null;

/** Records one day's check (same validation as `checks.record`). Re-recording the identical check changes nothing. */
export function recordHealthCheck(db: WriteDb, f: HealthCheckFields, nowIso: string, today: string): CheckResult {
  const day = today;
  const c = caseRow(db, f.caseId);
  if (!c) throw notFound(`个案（编号 ${f.caseId}）`);
  refuseVoided(db, c.id);
  if (!isObservation(c.category) || c.obs_start_on === null || c.obs_end_on === null) throw badInput('「个案」不是居家观察或医学观察，不登记每日健康监测');
  if (c.closed_on !== null) throw conflict('观察已解除或已转诊，不能再登记健康监测');
  const checkDate = optionalDay(f.checkDate, '监测日期');
  if (checkDate === null) throw badInput('「监测日期」不能为空');
  notAfterToday(checkDate, '监测日期', day);
  if (checkDate < c.obs_start_on) throw badInput(`「监测日期」${checkDate} 早于观察开始日期 ${c.obs_start_on}`);
  if (checkDate > c.obs_end_on) throw badInput(`「监测日期」${checkDate} 晚于观察期最后一天 ${c.obs_end_on}，如需继续观察请先延长观察期`);
  const temperature = f.temperature ?? null;
  if (temperature !== null && !(temperature >= 34 && temperature <= 43)) throw badInput(`「体温」应在 34–43 °C 之间，这里是 ${temperature}`);
  if (!CHECK_METHODS.includes(f.method)) throw badInput('「监测方式」应为入户、电话或微信');
  const checkedBy = blankToNull(f.checkedBy);
  if (checkedBy === null) throw badInput('「监测人」不能为空');
  const symptoms = normaliseSymptoms(f.symptoms);
  if (temperature === null && f.notMeasured !== true) throw badInput('「体温」未填写：请填写测得的体温；确实没有测量的，请选「未测」');
  if (temperature !== null && f.notMeasured === true) throw badInput(`「体温」选了「未测」，就不要再填读数 ${temperature}`);
  const flagged = isFever(temperature, symptoms, readHealthSettings(db).feverThreshold);
  const existing = db
    .prepare(`SELECT id, temperature, symptoms, method, checked_by FROM health_checks WHERE case_id = @caseId AND check_date = @checkDate`)
    .get({ caseId: c.id, checkDate }) as { id: number; temperature: number | null; symptoms: string | null; method: string; checked_by: string } | undefined;
  if (existing) {
    if (existing.temperature === temperature && existing.symptoms === symptoms && existing.method === f.method && existing.checked_by === checkedBy) {
      return { id: existing.id, created: false, flagged, audit: [] };
    }
    throw conflict(`${checkDate} 已有一条健康监测记录，不能重复登记`);
  }
  const row: HealthCheckColumns = {
    caseId: c.id,
    checkDate,
    temperature,
    symptoms,
    method: f.method,
    checkedBy,
    flagged: flagged ? 1 : 0,
    escalation: flagged ? 'open' : null,
  };
  const id = insertHealthCheck(db, row, nowIso);
  refreshCheckState(db, c.id);
  return { id, created: true, flagged, audit: [{ entity: 'health_check', entityId: id, before: null, after: { id, ...row } }] };
}

/** One step from a fever to a 发热筛查分诊 case for the same person; the escalation is marked referred. */
export function referEscalation(
  db: WriteDb,
  f: { checkId: number; assignedStaffId?: number | null | undefined; notes?: string | null | undefined },
  nowIso: string,
  today: string,
  sealerOrNull: Sealer | null,
): WriteResult {
  const sealer = caseSealer(sealerOrNull);
  const day = today;
  const check = checkRow(db, f.checkId);
  if (!check) throw notFound(`健康监测记录（编号 ${f.checkId}）`);
  if (check.escalation !== 'open') throw conflict('这条异常已经处置过了');
  // A voided case's fever opens no referral (its check is in no figure either: case-void.ts).
  refuseVoided(db, check.case_id);
  const obs = caseRow(db, check.case_id);
  if (!obs || !residentRow(db, obs.resident_id)) throw notFound('对应的观察个案');
  // The referral is opened for the observation's resident: only once that case is found as written, not re-pointed at someone else.
  requireBound(db, sealer, CASE_BINDING, obs.id);
  const what = [check.temperature !== null ? `体温 ${check.temperature.toFixed(1)} °C` : '未测体温', check.symptoms].filter(Boolean).join('，');
  const referral = openCase(
    db,
    {
      residentId: obs.resident_id,
      category: 'fever_referral',
      riskLevel: 'high',
      assignedStaffId: f.assignedStaffId ?? obs.assigned_staff_id,
      openedOn: day,
      source: '健康监测异常',
      notes: [`${check.check_date} 监测：${what}`, blankToNull(f.notes)].filter(Boolean).join('\n'),
      originCaseId: obs.id,
    },
    nowIso,
    day,
    sealer,
  );
  markReferred(db, check.id, referral.id);
  return {
    id: referral.id,
    created: true,
    audit: [
      ...referral.audit,
      { entity: 'health_check', entityId: check.id, before: { escalation: 'open' }, after: { escalation: 'referred', referral_case_id: referral.id } },
    ],
  };
}

/** Closes an escalation without referral (e.g. re-measured normal), with the reason on record. */
export function dismissEscalation(db: WriteDb, f: { checkId: number; note: string }): WriteResult {
  const check = checkRow(db, f.checkId);
  if (!check) throw notFound(`健康监测记录（编号 ${f.checkId}）`);
  // A voided case's checks are read-only too (作废登记): its open fever was dismissed without a word (S43-A6).
  refuseVoided(db, check.case_id);
  if (check.escalation !== 'open') throw conflict('这条异常已经处置过了');
  const note = blankToNull(f.note);
  if (note === null) throw badInput('「排除原因」不能为空');
  markDismissed(db, check.id, note);
  return {
    id: check.id,
    created: false,
    audit: [{ entity: 'health_check', entityId: check.id, before: { escalation: 'open' }, after: { escalation: 'dismissed', escalation_note: note } }],
  };
}
