/** The case grid's filter (CasesGrid.tsx): the toolbar's choices as the inputs hold them, from the URL, and as cases.list takes them. */
import type { ApiInput } from '../../../../electron/core/api';
import { CASE_CATEGORIES, CASE_STATUSES, OBSERVATION_CATEGORIES, type CaseCategory, type CaseStatus } from '../../../../electron/core/caseload/codes.shared';

/** A choice's id as the core takes it: '' (全部) is none. */
export const numOrUndefined = (s: string): number | undefined => (s === '' ? undefined : Number(s));

export type Filter = NonNullable<ApiInput<'cases.list'>['filter']>;
/** 类别 in the URL: one category, `observation` (居家 + 医学观察, the kinds 工作台's 正在观察 counts), or a comma list. */
export const OBSERVATION = 'observation';
function categoriesOf(value: string): Pick<Filter, 'category' | 'categories'> {
  if (value === '') return {};
  const list =
    value === OBSERVATION ? [...OBSERVATION_CATEGORIES] : value.split(',').filter((c): c is CaseCategory => (CASE_CATEGORIES as readonly string[]).includes(c));
  if (list.length === 0) return {};
  return list.length === 1 ? { category: list[0] } : { categories: list };
}
const statusOf = (value: string | null): string => ((CASE_STATUSES as readonly string[]).includes(value ?? '') ? value! : '');
/** The choices on the toolbar, as the inputs hold them. */
export interface Choice {
  q: string;
  communityId: string;
  gridId: string;
  category: string;
  status: string;
  overdue: boolean;
  active: boolean;
  /** 只看观察期内: observed today, as 工作台's 正在观察 counts (its links set it). */
  observing: boolean;
  /** 显示已作废: voided cases too, marked (left out otherwise). */
  withVoided: boolean;
}
export const NO_CHOICE: Choice = {
  q: '',
  communityId: '',
  gridId: '',
  category: '',
  status: '',
  overdue: false,
  active: false,
  observing: false,
  withVoided: false,
};
export const choiceFrom = (p: URLSearchParams): Choice => ({
  q: p.get('q') ?? '',
  communityId: p.get('communityId') ?? '',
  gridId: p.get('gridId') ?? '',
  category: Object.keys(categoriesOf(p.get('category') ?? '')).length ? p.get('category')! : '',
  status: statusOf(p.get('status')),
  overdue: p.get('overdue') === '1',
  active: p.get('active') === '1',
  observing: p.get('observing') === '1',
  withVoided: p.get('voided') === '1',
});
export const filterOf = (c: Choice): Filter => ({
  ...(c.q.trim() ? { q: c.q.trim() } : {}),
  communityId: numOrUndefined(c.communityId),
  gridId: numOrUndefined(c.gridId),
  ...categoriesOf(c.category),
  status: (c.status || undefined) as CaseStatus | undefined,
  ...(c.overdue ? { overdue: true } : {}),
  ...(c.active ? { active: true } : {}),
  ...(c.observing ? { observing: true } : {}),
  ...(c.withVoided ? { withVoided: true } : {}),
});
