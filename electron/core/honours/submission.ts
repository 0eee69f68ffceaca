/**
 * Rows for the submission package's 牺牲人员及表彰情况表 (issue 9). The export
 * area calls this with its read handle and the period; nothing here needs
 * personal data beyond what the form shows (no ID numbers, no family details).
 */
import { addDays, dayIn } from '../dates.shared';
import type { ReadDb } from '../db/types';
import { parseReportMoments, readReportLimitHours } from './memorial-queries';
import { limitAtOpener } from './report-limits';
import { reportClock, reportingStatus } from './reporting.shared';
import { listSteps, stepsLine } from './steps';
import type { Sealer } from '../db/sealer';
import { MEMORIAL_PERSONAL, openPersonal } from './sealed-records';
import { COMMENDATION_STATUS_LABELS, SUBJECT_KIND_LABELS, type CommendationStatus, type SubjectKind } from './types.shared';

export interface MemorialSubmissionRow {
  姓名: string;
  岗位职务: string;
  所在社区: string;
  牺牲日期: string;
  原因类别: string;
  报告情况: string;
  追授表彰: string;
  慰问次数: number;
  家属困难: string;
  /** 工伤认定 / 烈士评定 / 抚恤, as far as they have gone. */
  后续办理: string;
}

export interface CommendationSubmissionRow {
  表彰对象: string;
  对象类别: string;
  所属社区: string;
  拟授予称号: string;
  推荐单位: string;
  办理状态: string;
  审批机关: string;
  审批日期: string;
}

/** Deaths whose day (in the office's time zone) falls in [from, to], and commendations of the living drafted or decided in it. */
export function honoursSubmission(
  db: ReadDb,
  sealer: Sealer | null,
  from: string,
  to: string,
  nowIso: string,
  timeZone: string,
): { memorials: MemorialSubmissionRow[]; commendations: CommendationSubmissionRow[] } {
  const limit = readReportLimitHours(db);
  const limitAt = limitAtOpener(db);
  // died_at is UTC; widen by a day each side and filter on the office's day below.
  const memorials = db
    .prepare(
      `SELECT m.id, m.name, m.post, m.cause, m.personal_sealed AS personalSealed, c.name AS communityName, m.died_at AS diedAt, m.learned_at AS learnedAt,
              (SELECT json_group_array(json_object('recipient', r.recipient, 'reportedAt', r.reported_at)) FROM honours_reports r WHERE r.memorial_id = m.id) AS reportsJson,
              (SELECT k.status || '|' || k.proposed_title || '|' || k.conferred_title FROM honours_commendations k WHERE k.memorial_id = m.id ORDER BY k.id DESC LIMIT 1) AS commendation,
              (SELECT count(*) FROM honours_visits v WHERE v.memorial_id = m.id) AS visits,
              (SELECT count(*) FROM honours_difficulties d WHERE d.memorial_id = m.id) AS difficulties,
              (SELECT count(*) FROM honours_difficulties d WHERE d.memorial_id = m.id AND d.status = 'resolved') AS resolved
       FROM honours_memorials m LEFT JOIN communities c ON c.id = m.community_id
       WHERE m.died_at >= @fromWide AND m.died_at < @toWide
       ORDER BY m.died_at, m.id`,
    )
    .all({ fromWide: `${addDays(from, -1)}T00:00:00.000Z`, toWide: `${addDays(to, 2)}T00:00:00.000Z` }) as Array<{
    id: number;
    learnedAt: string | null;
    name: string;
    post: string;
    communityName: string | null;
    diedAt: string;
    cause: string;
    reportsJson: string;
    commendation: string | null;
    visits: number;
    difficulties: number;
    resolved: number;
    personalSealed: Buffer | null;
  }>;
  const memorialRows = memorials
    .map((m) => {
      // The form shows name, post and cause: opened from the sealed record (coordinators export it, holding the key).
      const { name, post, cause } = openPersonal(db, sealer, MEMORIAL_PERSONAL, m);
      return { ...m, name, post, cause };
    })
    .filter((m) => {
      const d = dayIn(m.diedAt, timeZone);
      return d >= from && d <= to;
    })
    .map((m) => {
      const s = reportingStatus(reportClock(m).at, parseReportMoments(m.reportsJson), limit, nowIso, limitAt);
      const [status, proposed, conferred] = (m.commendation ?? '').split('|') as [CommendationStatus | '', string, string];
      return {
        姓名: m.name,
        岗位职务: m.post,
        所在社区: m.communityName ?? '',
        牺牲日期: dayIn(m.diedAt, timeZone),
        原因类别: m.cause,
        报告情况: s.complete ? (s.late.length ? `已全部报告（${s.late.join('、')}超过时限）` : '已按时全部报告') : `未报告：${s.missing.join('、')}`,
        追授表彰: status === '' ? '未申请' : status === 'approved' ? `已批准：${conferred}` : `${COMMENDATION_STATUS_LABELS[status]}：${proposed}`,
        慰问次数: m.visits,
        家属困难: m.difficulties === 0 ? '无' : `${m.difficulties} 项，已解决 ${m.resolved} 项`,
        后续办理: stepsLine(listSteps(db, sealer, m.id)),
      };
    });
  const commendations = db
    .prepare(
      `SELECT k.subject_name AS subjectName, k.subject_kind AS subjectKind, c.name AS communityName, k.proposed_title AS proposedTitle, k.proposer,
              k.status, k.approving_body AS approvingBody, k.decided_on AS decidedOn
       FROM honours_commendations k LEFT JOIN communities c ON c.id = k.community_id
       WHERE k.memorial_id IS NULL AND ((k.drafted_on >= @from AND k.drafted_on <= @to) OR (k.decided_on >= @from AND k.decided_on <= @to))
       ORDER BY k.drafted_on, k.id`,
    )
    .all({ from, to }) as Array<{
    subjectName: string;
    subjectKind: SubjectKind;
    communityName: string | null;
    proposedTitle: string;
    proposer: string;
    status: CommendationStatus;
    approvingBody: string;
    decidedOn: string | null;
  }>;
  return {
    memorials: memorialRows,
    commendations: commendations.map((k) => ({
      表彰对象: k.subjectName,
      对象类别: SUBJECT_KIND_LABELS[k.subjectKind],
      所属社区: k.communityName ?? '',
      拟授予称号: k.proposedTitle,
      推荐单位: k.proposer,
      办理状态: COMMENDATION_STATUS_LABELS[k.status],
      审批机关: k.approvingBody,
      审批日期: k.decidedOn ?? '',
    })),
  };
}
