/**
 * The short category and tag names of the narrow grid columns (codes.shared.ts): each at most four characters, each the
 * long name's own characters in order (an abbreviation a coordinator reads as the notice's term), each naming one code
 * only, so the code and its long name (the cell's tooltip) are reached from it.
 */
import { describe, expect, it } from 'vitest';
import {
  CASE_CATEGORIES,
  CATEGORY_LABELS,
  CATEGORY_SHORT_LABELS,
  RESIDENT_TAGS,
  TAG_LABELS,
  TAG_SHORT_LABELS,
} from '../../../electron/core/caseload/codes.shared';

/** Whether every character of `short` is in `long`, in the same order. */
function abbreviates(short: string, long: string): boolean {
  let at = 0;
  for (const ch of long) if (ch === [...short][at]) at++;
  return at === [...short].length;
}

function expectShortNames<C extends string>(codes: readonly C[], long: Record<C, string>, short: Record<C, string>) {
  const back = new Map<string, C[]>();
  for (const c of codes) back.set(short[c], [...(back.get(short[c]) ?? []), c]);
  for (const c of codes) {
    expect([...short[c]].length, `${c} ${short[c]}`).toBeLessThanOrEqual(4);
    expect(abbreviates(short[c], long[c]), `「${short[c]}」 is not 「${long[c]}」 shortened`).toBe(true);
    // Back to its code, and so to the long name the tooltip shows.
    expect(back.get(short[c]), short[c]).toEqual([c]);
    expect(long[back.get(short[c])![0]!]).toBe(long[c]);
  }
}

describe('short names', () => {
  it('of the categories: the notice’s terms shortened, each one category', () => {
    expectShortNames(CASE_CATEGORIES, CATEGORY_LABELS, CATEGORY_SHORT_LABELS);
    // 分散供养 is the group (集中供养 live in an institution): the short name says so.
    expect(CATEGORY_SHORT_LABELS.extreme_poverty).toBe('分散特困');
    // The notice's own words where it has them (民发〔2020〕13号: 生活保障, 矛盾纠纷, 监护缺失的儿童).
    expect(CATEGORY_SHORT_LABELS.closed_compound_support).toBe('生活保障');
    expect(CATEGORY_SHORT_LABELS.dispute_mediation).toBe('矛盾纠纷');
  });

  it('of the tags: the same, and a tag shared with a category is shortened alike', () => {
    expectShortNames(RESIDENT_TAGS, TAG_LABELS, TAG_SHORT_LABELS);
    for (const t of RESIDENT_TAGS) {
      const c = t as string as (typeof CASE_CATEGORIES)[number];
      if (CASE_CATEGORIES.includes(c) && TAG_LABELS[t] === CATEGORY_LABELS[c]) expect(TAG_SHORT_LABELS[t], t).toBe(CATEGORY_SHORT_LABELS[c]);
    }
  });
});
