/** Sortable columns of the case grid (shared by the contract and the query). */
export const CASE_SORT_FIELDS = ['openedOn', 'dueOn', 'name', 'category', 'status', 'riskLevel', 'lastCheckOn', 'communityName'] as const;
export type CaseSortField = (typeof CASE_SORT_FIELDS)[number];
