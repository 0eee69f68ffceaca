/**
 * 健康监测记录: each row one day's check of a person under observation,
 * written through the caseload's recordHealthCheck, so a temperature at or
 * above the office's fever line (or a symptom) opens an escalation exactly as
 * the checks.record channel does, and 症状 is read by the same normaliser. The row must belong to an open 居家观察 or
 * 医学观察 case of that person, on a day inside its observation period.
 *
 * A check already in the ledger for that case and day: identical → nothing
 * changes (a second import is a no-op); different → the row is sent back,
 * since a recorded check (and its escalation) is never overwritten by a file.
 */
import { liveCase } from '../../../caseload/case-void';
import { METHOD_LABELS, type CheckMethod } from '../../../caseload/codes.shared';
import { readHealthSettings } from '../../../caseload/health-settings';
import { DEFAULT_HEALTH_SETTINGS } from '../../../caseload/health-settings.shared';
import { normaliseSymptoms } from '../../../caseload/symptoms';
import { isFever, recordHealthCheck } from '../../../caseload/write-queries';
import type { ReadDb } from '../../../db/types';
import type { Sealer } from '../../../db/sealer';
import { conflict } from '../../../errors';
import { maskIdNumber } from '../../../people/id-number';
import { TARGETS } from '../fields.shared';
import type { Reason } from '../values';
import { identityReason, personKey, residentFinder } from './person';
import type { Built, ImportTarget, MatchTally } from './types';
import { str } from './record-fields';

export interface CheckRecord extends Record<string, unknown> {
  name: string | null;
  idNumber: string | null;
  phone: string | null;
  /** The open observation case, found by the ledger check. */
  caseId: number | null;
  checkDate: string;
  temperature: number | null;
  /** 体温 written as 「未测」. */
  notMeasured: boolean;
  symptoms: string | null;
  method: CheckMethod;
  checkedBy: string;
  /** The office's fever line, read by the ledger check (for the preview's 异常 column). */
  feverThreshold?: number;
}

/** 体温 cells that say, explicitly, that no temperature was taken. */
const NOT_MEASURED = new Set(['未测', '未测量', '未量', '无法测量', '未测温']);

const MIN_TEMPERATURE = 34;
const MAX_TEMPERATURE = 43;

function parseTemperature(raw: string | null): { ok: true; value: number | null; notMeasured: boolean } | { ok: false; reason: Reason } {
  if (raw === null) return { ok: false, reason: { field: '体温', message: '未填写：请填写测得的体温；确实没有测量的，请写「未测」' } };
  if (NOT_MEASURED.has(raw.replace(/\s/g, ''))) return { ok: true, value: null, notMeasured: true };
  const s = raw.replace(/\s/g, '').replace(/(℃|°C|°c|度|C|c)$/, '');
  if (!/^\d{2}(\.\d{1,2})?$/.test(s)) return { ok: false, reason: { field: '体温', message: `「${raw}」不是体温读数，应为 36.5 这样的数字（°C）` } };
  const value = Number(s);
  if (value < MIN_TEMPERATURE || value > MAX_TEMPERATURE)
    return { ok: false, reason: { field: '体温', message: `应在 ${MIN_TEMPERATURE}–${MAX_TEMPERATURE} °C 之间，这里是 ${value}` } };
  return { ok: true, value, notMeasured: false };
}

interface ObservationCase {
  id: number;
  obs_start_on: string;
  obs_end_on: string;
}

interface LedgerCheck {
  id: number;
  temperature: number | null;
  symptoms: string | null;
  method: CheckMethod;
  checked_by: string;
}

const checkSame = (c: LedgerCheck, r: CheckRecord): boolean =>
  c.temperature === r.temperature && c.symptoms === r.symptoms && c.method === r.method && c.checked_by === r.checkedBy;

function checkFinder(db: ReadDb): (caseId: number, checkDate: string) => LedgerCheck | undefined {
  // UNIQUE (case_id, check_date)
  const stmt = db.prepare(`SELECT id, temperature, symptoms, method, checked_by FROM health_checks WHERE case_id = @caseId AND check_date = @checkDate`);
  return (caseId, checkDate) => stmt.get({ caseId, checkDate }) as LedgerCheck | undefined;
}

const describe = (c: LedgerCheck): string =>
  [c.temperature !== null ? `体温 ${c.temperature} °C` : null, c.symptoms, METHOD_LABELS[c.method], c.checked_by].filter((x) => x !== null).join('，');

const fail = (field: string, message: string): Built<CheckRecord> => ({ ok: false, reasons: [{ field, message }] });

function checkAgainstLedger(db: ReadDb, today: string, sealer: Sealer | null, tally?: MatchTally): (r: CheckRecord) => Built<CheckRecord> {
  const findResident = residentFinder(db, sealer, tally);
  const findCheck = checkFinder(db);
  const { feverThreshold } = readHealthSettings(db);
  // cases_by_resident (resident_id, category). Not a voided one (作废登记): it is read-only, so a check found for it
  // passed the preview and stopped the whole commit, while the person's observation registered again stood beside it
  // (attack run 29, S43-A5).
  const openObservations = db.prepare(
    `SELECT c.id, c.obs_start_on, c.obs_end_on FROM cases c WHERE c.resident_id = @residentId AND c.category IN ('home_observation', 'medical_observation')
       AND c.closed_on IS NULL AND c.obs_start_on IS NOT NULL AND ${liveCase('c')} ORDER BY c.obs_start_on, c.id`,
  );
  return (r) => {
    if (r.checkDate > today) return fail('日期', `${r.checkDate} 晚于今天（${today}），不能登记未来的监测`);
    const found = findResident(r);
    if (!found.ok) return found;
    const who = r.idNumber ? '身份证号' : '姓名';
    if (!found.resident) return fail(who, '台账中没有这位居民，请先登记居民和观察个案');
    const cases = openObservations.all({ residentId: found.resident.id }) as ObservationCase[];
    if (cases.length === 0) return fail(who, '这位居民没有进行中的居家观察或医学观察个案，健康监测无处记录；请先登记观察个案');
    const c = cases.find((x) => x.obs_start_on <= r.checkDate && r.checkDate <= x.obs_end_on) ?? cases[0]!;
    if (r.checkDate < c.obs_start_on) return fail('日期', `${r.checkDate} 早于观察开始日期 ${c.obs_start_on}`);
    if (r.checkDate > c.obs_end_on) return fail('日期', `${r.checkDate} 晚于观察期最后一天 ${c.obs_end_on}，如需继续观察请先在个案中延长观察期`);
    const existing = findCheck(c.id, r.checkDate);
    const record = { ...r, caseId: c.id, feverThreshold };
    if (existing && !checkSame(existing, record))
      return fail('日期', `台账中 ${r.checkDate} 已有一条不同的健康监测记录（${describe(existing)}），导入不覆盖已登记的监测；请核对`);
    return { ok: true, record };
  };
}

export const healthChecksTarget: ImportTarget<CheckRecord> = {
  def: TARGETS.health_checks,
  build(v) {
    const reasons: Reason[] = [];
    const temperature = parseTemperature(str(v.temperature));
    if (!temperature.ok) reasons.push(temperature.reason);
    const symptoms = normaliseSymptoms(str(v.symptoms));
    const record: CheckRecord = {
      name: str(v.name),
      idNumber: str(v.idNumber),
      phone: str(v.phone),
      caseId: null,
      checkDate: v.checkDate as string,
      temperature: temperature.ok ? temperature.value : null,
      notMeasured: temperature.ok && temperature.notMeasured,
      symptoms,
      method: v.method as CheckMethod,
      checkedBy: v.checkedBy as string,
    };
    const who = identityReason(record);
    if (who) reasons.push(who);
    return reasons.length > 0 ? { ok: false, reasons } : { ok: true, record };
  },
  ledgerCheck: checkAgainstLedger,
  keyOf: (r) => `${personKey(r)}|${r.checkDate}`,
  sameKeyMessage: (first) => `与第 ${first} 行是同一人同一天的健康监测，但内容不同，请核对后只保留一行`,
  matcher(db) {
    const findCheck = checkFinder(db);
    return (r) => {
      if (r.caseId === null) return null;
      const c = findCheck(r.caseId, r.checkDate);
      return c
        ? { id: c.id, current: { ...r, temperature: c.temperature, symptoms: c.symptoms, method: c.method, checkedBy: c.checked_by, ledgerCheck: c } }
        : null;
    };
  },
  same: (existing, r) => checkSame((existing.current as { ledgerCheck: LedgerCheck }).ledgerCheck, r),
  canKeepBoth: () => false,
  insert(w, r) {
    if (r.caseId === null) throw conflict('「身份证号」这位居民没有进行中的观察个案');
    const res = recordHealthCheck(
      w.db,
      {
        caseId: r.caseId,
        checkDate: r.checkDate,
        temperature: r.temperature,
        notMeasured: r.notMeasured,
        symptoms: r.symptoms,
        method: r.method,
        checkedBy: r.checkedBy,
      },
      w.now,
      w.context.clock.today(),
    );
    for (const a of res.audit) w.audit(a);
    return res.id;
  },
  update() {
    // Differing checks are sent back by the ledger check; one that appeared after the preview stops the commit.
    throw conflict('这一天已有一条不同的健康监测记录，导入不覆盖已登记的监测');
  },
  show(r) {
    const rec = r as Partial<CheckRecord>;
    const temperature = rec.temperature ?? null;
    const line = rec.feverThreshold ?? DEFAULT_HEALTH_SETTINGS.feverThreshold;
    return {
      姓名: String(rec.name ?? ''),
      身份证号: maskIdNumber(rec.idNumber ?? null),
      日期: rec.checkDate ?? '',
      体温: temperature !== null ? `${temperature} °C` : rec.notMeasured ? '未测' : '',
      症状: rec.symptoms ?? '',
      方式: rec.method ? METHOD_LABELS[rec.method] : '',
      监测人: rec.checkedBy ?? '',
      异常: isFever(temperature, rec.symptoms ?? null, line) ? (temperature !== null && temperature >= line ? '发热，待处置' : '有症状，待处置') : '',
    };
  },
};
