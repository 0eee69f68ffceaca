/** 作废登记: why a case is voided, and what voiding does, in the words the drawer and the grid say (core and screens). */
export const VOID_KINDS = ['mistake', 'duplicate', 'other'] as const;
export type VoidKind = (typeof VOID_KINDS)[number];
export const VOID_KIND_LABELS: Record<VoidKind, string> = { mistake: '登记有误', duplicate: '重复登记', other: '其他' };
/** What 作废登记 does, said before it is done. */
export const VOID_EFFECT = '作废后这条登记不计入任何统计和上报表，记录保留可查；统筹负责人可以撤销作废。';
/** The stored reason: the kind, then the words given (「重复登记：与和平社区报表重复」). */
export const voidReasonText = (kind: VoidKind, words: string | null): string => (words ? `${VOID_KIND_LABELS[kind]}：${words}` : VOID_KIND_LABELS[kind]);
