/**
 * 转诊来源: the observation a 发热筛查分诊 case was referred from (checks.escalate keeps it in origin_case_id), in words
 * for the case's drawer. An observation voided since (作废登记) counts nowhere (case-void.ts `liveCase`), its checks and
 * their fever with it; the referral is a case of its own — a person sent to a fever clinic — and counts as one unless
 * it is voided too. Whether it was a mistake as well (登记有误: the wrong person) only the clerk can say: the drawer
 * says the observation was voided, and why, beside the referral.
 */
import type { ReadDb } from '../db/types';
import { cached } from '../db/stmt-cache';
import { CATEGORY_LABELS, type CaseCategory } from './codes.shared';

export function referredFromOf(db: ReadDb, c: { category: CaseCategory; originCaseId: number | null }): string | null {
  if (c.category !== 'fever_referral' || c.originCaseId === null) return null;
  const o = cached(db, `SELECT category, voided_at AS voidedAt, void_reason AS voidReason FROM cases WHERE id = @id`).get({ id: c.originCaseId }) as
    { category: CaseCategory; voidedAt: string | null; voidReason: string | null } | undefined;
  if (!o) return `观察个案（编号 ${c.originCaseId}）`;
  const from = `${CATEGORY_LABELS[o.category]}个案（编号 ${c.originCaseId}）的健康监测异常`;
  if (o.voidedAt === null) return from;
  return `${from}。该个案已作废（${o.voidReason ?? ''}），不计入任何统计；本转诊个案仍照常计入，如也属误登，请一并作废`;
}
