/**
 * Whole-file value suggestions as the wizard shows them: what was found,
 * where, and the value to fill in (suggest.ts finds them in the core).
 */
export type SuggestionSource = 'title' | 'sheet' | 'file';
export const SUGGESTION_SOURCE_LABELS: Record<SuggestionSource, string> = { title: '标题', sheet: '工作表名', file: '文件名' };

export interface TitleText {
  from: SuggestionSource;
  text: string;
}

export interface ValueSuggestion {
  field: string;
  /** The value to fill in, as the user would type it; null when the words need an answer (see question). */
  value: string | null;
  from: SuggestionSource;
  /** The words as the community wrote them. */
  found: string;
  question?: string;
}
