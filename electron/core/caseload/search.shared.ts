/**
 * Which searches are searches by number. Digits in the grid's search box match
 * the end of ID numbers and phones (resident-search.ts), and the mask shows
 * the last four: so a search with a digit in it is for clerks and
 * coordinators only, and it is audited. A search by name is neither.
 */
import type { Page, ReadAuditEntry } from '../contract';

export function isDigitSearch(q: string | undefined): boolean {
  return /\d/.test(q ?? '');
}

/**
 * The query as the audit log keeps it: its last four digits and how long it
 * was (`**************1234`). A query of a whole ID number or phone is itself
 * the number; the log (which a viewer can read) must not hold it in clear.
 */
export function searchedFor(q: string): string {
  return q.length <= 4 ? q : `${'*'.repeat(q.length - 4)}${q.slice(-4)}`;
}

/** The contract's auditRead for a list searched by `filter.q` (key `q`): the query masked and how many matched, never the numbers found. */
export function digitSearchAudit(input: { filter?: { q?: string | undefined } | undefined }, result: Page<unknown>): ReadAuditEntry | null {
  const q = (input.filter?.q ?? '').trim();
  if (!isDigitSearch(q)) return null;
  return { entity: 'search', after: { q: searchedFor(q), matches: result.total }, key: q };
}
