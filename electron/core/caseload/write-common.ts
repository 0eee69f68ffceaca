/** Shared pieces of the caseload write functions: the result shape, validation helpers. */
import type { ReadDb } from '../db/types';
import { isValidDay } from '../dates.shared';
import { badInput } from '../errors';
import type { AuditInput } from '../handler-types';
import { normalisePhone } from '../people/id-number';

/**
 * Every write function returns the id it wrote and the audit entries for what
 * it changed, so a channel handler passes them to ctx.audit and an import
 * passes them to its own audit: nothing is changed without a record.
 */
export interface WriteResult {
  id: number;
  created: boolean;
  audit: AuditInput[];
}

export function optionalDay(value: string | null | undefined, label: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (!isValidDay(value)) throw badInput(`「${label}」不是有效日期（应为 YYYY-MM-DD）`);
  return value;
}

export function notAfterToday(value: string | null, label: string, today: string): void {
  if (value !== null && value > today) throw badInput(`「${label}」${value} 晚于今天（${today}），不能登记未来的日期`);
}

export function phoneOrNull(raw: string | null | undefined, label: string): string | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const p = normalisePhone(raw);
  if (p === null) throw badInput(`「${label}」${raw} 不是有效的电话号码（手机 11 位，或带区号的座机）`);
  return p;
}

export const blankToNull = (s: string | null | undefined): string | null => (s === null || s === undefined || s.trim() === '' ? null : s.trim());

/** Checks a community exists and, when given, that the grid belongs to it. */
export function checkCommunityAndGrid(db: ReadDb, communityId: number, gridId: number | null): void {
  const c = db.prepare(`SELECT id FROM communities WHERE id = @communityId`).get({ communityId });
  if (!c) throw badInput(`「社区」编号 ${communityId} 不存在`);
  if (gridId === null) return;
  const g = db
    .prepare(
      `SELECT g.community_id AS communityId, g.name, c.name AS communityName FROM grids g JOIN communities c ON c.id = g.community_id WHERE g.id = @gridId`,
    )
    .get({ gridId }) as { communityId: number; name: string; communityName: string } | undefined;
  if (!g) throw badInput(`「网格」编号 ${gridId} 不存在`);
  if (g.communityId !== communityId) throw badInput(`「网格」${g.name}属于${g.communityName}，不属于所选社区`);
}
