/**
 * The reporting timeline of a death on duty. The notice requires reporting
 * "第一时间" to the party committee, the government and the upstream civil
 * affairs and health bureaus; a record stays overdue until every one of them
 * has been told. Pure: the clock is an argument, so tests inject it.
 */
export const REQUIRED_RECIPIENTS = ['党委', '政府', '上级民政部门', '上级卫生健康部门'] as const;
export type Recipient = (typeof REQUIRED_RECIPIENTS)[number];

export const DEFAULT_REPORT_LIMIT_HOURS = 24;

export interface ReportMoment {
  recipient: Recipient;
  /** UTC ISO instant. */
  reportedAt: string;
}

export interface ReportingStatus {
  /** Whole hours since the death (never negative). */
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

export function reportingStatus(diedAt: string, reports: readonly ReportMoment[], limitHours: number, nowIso: string): ReportingStatus {
  const died = Date.parse(diedAt);
  const now = Date.parse(nowIso);
  const deadlineMs = died + limitHours * HOUR_MS;
  const firstReport = new Map<Recipient, number>();
  for (const r of reports) {
    const t = Date.parse(r.reportedAt);
    const seen = firstReport.get(r.recipient);
    if (seen === undefined || t < seen) firstReport.set(r.recipient, t);
  }
  const missing = REQUIRED_RECIPIENTS.filter((r) => !firstReport.has(r));
  const late = REQUIRED_RECIPIENTS.filter((r) => (firstReport.get(r) ?? -Infinity) > deadlineMs);
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
