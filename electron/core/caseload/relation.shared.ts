/**
 * 与户主关系 as stored on a resident: the word a community's sheet or a clerk wrote, with only the common
 * synonyms of a few relations brought to one word (本人 → 户主, 妻/夫 → 配偶, 儿子 → 子…), so a household's
 * members read alike. Any other word (长子, 次女, 孙子, 侄子, 其他, 保姆…) is kept as written: a relation the
 * program does not know is never guessed.
 */

/** The longest relation kept (the import's 与户主关系 column and residents.save alike). */
export const RELATION_MAX = 20;

export const HEAD_RELATION = '户主';

/** Written words (after spaces and brackets are dropped) → the one word stored. */
const SYNONYMS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(['本人', '户主', '户主本人', '本人户主', '户主本人户主', '本人即户主', '户主自己'].map((w) => [w, HEAD_RELATION])),
  ...Object.fromEntries(['配偶', '妻', '夫', '妻子', '丈夫', '之妻', '之夫', '户主之妻', '户主之夫', '爱人'].map((w) => [w, '配偶'])),
  ...Object.fromEntries(['子', '儿子', '之子', '户主之子'].map((w) => [w, '子'])),
  ...Object.fromEntries(['女', '女儿', '之女', '户主之女'].map((w) => [w, '女'])),
  ...Object.fromEntries(['父亲', '父', '之父', '户主之父'].map((w) => [w, '父亲'])),
  ...Object.fromEntries(['母亲', '母', '之母', '户主之母'].map((w) => [w, '母亲'])),
  ...Object.fromEntries(['儿媳', '儿媳妇', '之儿媳'].map((w) => [w, '儿媳'])),
};

const SPACES = /[\s\u3000]+/g;
const SPACES_AND_BRACKETS = /[\s\u3000()（）[\]【】]/g;

/** The relation to store for what was written: null for blank; a known synonym as its one word; else the words as written (spaces collapsed). */
export function normaliseRelation(written: string | null | undefined): string | null {
  if (written === null || written === undefined) return null;
  const text = written.replace(SPACES, ' ').trim();
  if (text === '') return null;
  return SYNONYMS[text.replace(SPACES_AND_BRACKETS, '')] ?? text;
}

/** Whether a relation says the person is the 户主: 「本人」「户主」「户主（本人）」; 「户主之妻」「之子」「长子」 are members. */
export function isHeadRelation(written: string | null | undefined): boolean {
  return normaliseRelation(written) === HEAD_RELATION;
}
