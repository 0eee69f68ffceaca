/**
 * Which searches are searches by number. Digits in the grid's search box match
 * the end of ID numbers and phones (case-queries.ts searchClause), and the
 * mask shows the last four: so a search with a digit in it is for clerks and
 * coordinators (a viewer may only look up one whole ID number), and it is
 * audited. A search by name is neither.
 */
import type { Page, ReadAuditEntry } from '../contract';

export function isDigitSearch(q: string | undefined): boolean {
  return /\d/.test(q ?? '');
}

/** The contract's auditRead for a list searched by `filter.q`: the query and how many matched, never the numbers found. */
export function digitSearchAudit(input: { filter?: { q?: string | undefined } | undefined }, result: Page<unknown>): ReadAuditEntry | null {
  const q = (input.filter?.q ?? '').trim();
  if (!isDigitSearch(q)) return null;
  return { entity: 'search', after: { q, matches: result.total }, key: q };
}
