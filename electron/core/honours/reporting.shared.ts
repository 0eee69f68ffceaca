/**
 * The reporting timeline of a death in community prevention work. The notice
 * says 「相关情况要第一时间报当地党委、政府，并报上级民政、卫生健康部门」: at
 * once, with no number of hours. The hour limit here is the office's own
 * setting (24 by default), and the clock runs from the death, or from when the
 * office learned of it if that was later. A record stays overdue until every
 * recipient has been told. Pure: the clock is an argument, so tests inject it.
 */
export const REQUIRED_RECIPIENTS = ['党委', '政府', '上级民政部门', '上级卫生健康部门'] as const;
export type Recipient = (typeof REQUIRED_RECIPIENTS)[number];

/** The office's own limit (settings); the notice says only 第一时间. */
export const DEFAULT_REPORT_LIMIT_HOURS = 24;
/** The office's own limit for the first family visit (settings); the notice sets none. */
export const DEFAULT_FIRST_VISIT_DAYS = 3;

/** Where the report clock starts: the death, or when the office learned of it (if recorded and later). */
export function reportClock(m: { diedAt: string; learnedAt: string | null }): { from: 'death' | 'learned'; at: string } {
  return m.learnedAt !== null && Date.parse(m.learnedAt) > Date.parse(m.diedAt) ? { from: 'learned', at: m.learnedAt } : { from: 'death', at: m.diedAt };
}

export interface ReportMoment {
  recipient: Recipient;
  /** UTC ISO instant. */
  reportedAt: string;
}

export interface ReportingStatus {
  /** Whole hours since the clock started (never negative). */
  elapsedHours: number;
  /** UTC ISO instant by which every recipient should have been told. */
  deadline: string;
  /** Recipients nobody has reported to yet, in the notice's order. */
  missing: Recipient[];
  /** Recipients told, but only after the limit had passed (kept for the record, not a flag). */
  late: Recipient[];
  /** Not told to every recipient and the limit has passed. Cleared once all are told. */
  overdue: boolean;
  complete: boolean;
}

const HOUR_MS = 3_600_000;

/**
 * `clockStart`: the death, or when the office learned of it (see reportClock). `limitHours`: the limit in force now,
 * for what is still untold (overdue, the deadline); `limitWhenReported`: the limit in force at a report's moment, by
 * which that report was on time or late (the limit changed since does not re-judge it: honours/report-limits.ts).
 */
export function reportingStatus(
  clockStart: string,
  reports: readonly ReportMoment[],
  limitHours: number,
  nowIso: string,
  limitWhenReported: (reportedAt: string) => number = () => limitHours,
): ReportingStatus {
  const died = Date.parse(clockStart);
  const now = Date.parse(nowIso);
  const deadlineMs = died + limitHours * HOUR_MS;
  const firstReport = new Map<Recipient, number>();
  for (const r of reports) {
    const t = Date.parse(r.reportedAt);
    const seen = firstReport.get(r.recipient);
    if (seen === undefined || t < seen) firstReport.set(r.recipient, t);
  }
  const missing = REQUIRED_RECIPIENTS.filter((r) => !firstReport.has(r));
  const late = REQUIRED_RECIPIENTS.filter((r) => {
    const at = firstReport.get(r);
    return at !== undefined && at > died + limitWhenReported(new Date(at).toISOString()) * HOUR_MS;
  });
  return {
    elapsedHours: Math.max(0, Math.floor((now - died) / HOUR_MS)),
    deadline: new Date(deadlineMs).toISOString(),
    missing,
    late,
    overdue: missing.length > 0 && now > deadlineMs,
    complete: missing.length === 0,
  };
}

/** "3 天 5 小时" / "7 小时": elapsed time as a coordinator reads it. */
export function describeElapsed(hours: number): string {
  if (hours < 24) return `${hours} 小时`;
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest === 0 ? `${days} 天` : `${days} 天 ${rest} 小时`;
}
