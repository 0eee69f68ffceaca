/**
 * Cases bound to whose case they are (migration 043; third attack run of issue 19). A case holds nothing sealed,
 * but its `resident_id` says whose observation or fever referral it is: with the database key alone (a viewer's
 * password, offline) a case could be re-pointed at another resident, and the observation roster would list B,
 * with B's full numbers, under A's observation and sign it. So every case carries a row MAC
 * (db/row-binding.ts) over its id, its resident, its category and the days that make it that case (opened on,
 * observation start). These never change after the case is opened, so only its one writer's INSERT computes the
 * MAC (cases.repo.ts, one HMAC per case, no second UPDATE); a transition, an edit or a check leaves it as it is.
 * The status, dates kept for lists and check state stay clear and unbound, like every other clear column a
 * database-key holder can edit: they do not say whose the case is.
 *
 * Checked (clerk and coordinator sessions, which hold the key) before the case is shown in the drawer and after
 * each case write (caseDetails), before a fever referral is opened from it, and before it is listed in a form
 * or a signed package with a resident's numbers. Grid pages, the day's lists and the dashboard check nothing.
 */
import type { BindingStage, RowBinding } from '../db/row-binding';
import { rowMac } from '../db/row-binding';
import type { Sealer } from '../db/sealer';
import { AppError } from '../errors';
import type { CaseCategory } from './codes.shared';

/** Cases are bound from migration 043: an older ledger's cases are bound at the next clerk's or coordinator's unlock. */
export const CASES_STAGE: BindingStage = { key: 'cases_bound', name: 'cases.bound', setupFlag: 'casesBound', text: 'cases bound v1' };

export const CASE_BINDING: RowBinding = {
  table: 'cases',
  label: '个案',
  columns: ['resident_id', 'category', 'opened_on', 'obs_start_on'],
  sealed: [],
  everyRow: true,
  stage: CASES_STAGE,
};

/** A case's MAC from what its writer stores, in CASE_BINDING's order. */
export function caseMac(
  sealer: Sealer,
  id: number,
  c: { resident_id: number; category: CaseCategory; opened_on: string; obs_start_on: string | null },
): Buffer {
  return rowMac(sealer, CASE_BINDING, id, [c.resident_id, c.category, c.opened_on, c.obs_start_on]);
}

/** A case is opened only by a session that can bind it (clerks and coordinators hold the key; viewers write nothing). */
export function caseSealer(sealer: Sealer | null): Sealer {
  if (sealer === null) throw new AppError('FORBIDDEN', '这次登录没有打开敏感信息密钥，不能登记个案。请用录入员或统筹负责人的密码重新解锁。');
  return sealer;
}
