/**
 * Whole-file values suggested from what a community wrote around its table:
 * the title rows above the header, the sheet's name and the file's name.
 * A community of this office (青松里社区), a category word (返程 / 居家观察 /
 * 独居老人 / 志愿者), a how-found word (入户排查) or a full date for a
 * required day are offered for the user to confirm; nothing is applied here.
 * An ambiguous word (特困 without 分散/集中) comes back as a question.
 */
import { choiceOptions, type FieldDef, type TargetDef } from './fields.shared';
import { parseDay, squash } from './normalise';
import type { TitleText, ValueSuggestion } from './suggestions.shared';

export interface OrgNames {
  communities: readonly { id: number; name: string }[];
  grids: readonly { communityId: number; name: string }[];
}

const COMMUNITY_SUFFIX = /(社区居委会|居委会|村委会|社区|村)$/;
/** A bare community name followed by one of these is another place (东风街道, 东风路, 东风新村 the estate). */
const OTHER_PLACE_AFTER = /^(街道|街|路|大道|小区|镇|乡|区|县|市|花园|家园|新村|苑|公寓|大院)/;
const DEFAULT_SHEET = /^(sheet|工作表|表)\s*\d*$/i;

/** Communities named in the text: by full name, else by bare name not followed by another place word. */
export function communitiesIn(text: string, org: OrgNames): { id: number; name: string; found: string }[] {
  const hits: { id: number; name: string; found: string }[] = [];
  for (const c of org.communities) {
    const full = squash(c.name);
    const bare = full.replace(COMMUNITY_SUFFIX, '');
    if (full !== '' && text.includes(full)) hits.push({ ...c, found: full });
    else if (bare.length >= 2) {
      for (let at = text.indexOf(bare); at >= 0; at = text.indexOf(bare, at + 1)) {
        if (!OTHER_PLACE_AFTER.test(text.slice(at + bare.length))) {
          hits.push({ ...c, found: bare });
          break;
        }
      }
    }
  }
  // 青松里 inside 青松里二社区: keep the longest name found at a place.
  return hits.filter((h) => !hits.some((o) => o !== h && o.found.length > h.found.length && o.found.includes(h.found)));
}

/** Where a community's name ends: 青松里社区, 青松里社区居委会, 幸福村. */
const COMMUNITY_END = /社区居委会|居委会|村委会|社区|村/g;
/** What a name never runs on from: 关于…, the office's own name (…街道, …镇), …的, a community before it. Cut at the last. */
const BEFORE_NAME = /^.*(?:关于|街道办事处|街道|办事处|镇|乡|的|社区|居委会|村委会)/;
const NOT_A_NAME = /人员|登记|排查|观察|返程|防控|疫情|关于|全体|各|本|农村|城乡/;
/** A date in a title (2020年2月, 2月份, 10日) is no part of a name after it. */
const DATE_WORDS = /\d+\s*(?:年|月份?|日|号)/g;
const HAN = /[\u4e00-\u9fff]/;

/** After a name, these make it a housing estate's (工人新村小区, 幸福村花园, 阳光社区苑), not a community's. */
const ESTATE_AFTER = /^(小区|花园|苑|家园|公寓|大院|宿舍)/;

/**
 * Community-looking words anywhere in a title (「XX社区」「XX村」「XX居委会」), as written: not only at its start, so
 * 「2020年2月红旗社区返程人员登记表」 and 「关于红旗社区居家观察人员的统计」 are read too (session 19). A name is the 2–8
 * characters before the ending, after the last word a name never runs on from, and not a sheet's own words
 * (居家观察人员社区…, 各社区…, 农村…). `estate`: the word is a housing estate's name as Shanghai-style and northern
 * offices write them (session 20): any …新村 (曹杨新村, 工人新村), or a word right before 小区/花园/苑/家园/公寓.
 */
export function communityWordsIn(text: string): { word: string; estate: boolean }[] {
  const plain = text.replace(DATE_WORDS, ' ');
  const words: { word: string; estate: boolean }[] = [];
  for (const m of plain.matchAll(COMMUNITY_END)) {
    let start = m.index;
    while (start > 0 && HAN.test(plain[start - 1]!)) start--;
    let name = plain.slice(start, m.index);
    const cut = BEFORE_NAME.exec(name);
    if (cut && name.length - cut[0].length >= 2) name = name.slice(cut[0].length);
    if (name.length < 2 || name.length > 8 || NOT_A_NAME.test(name)) continue;
    const word = name + m[0];
    words.push({ word, estate: word.endsWith('新村') || ESTATE_AFTER.test(plain.slice(m.index + m[0].length)) });
  }
  return words;
}

/** A word naming one of this office's communities: its full name at the word's end (a date or prefix before it), or its bare name. */
function namesKnown(word: string, org: OrgNames): boolean {
  const bare = word.replace(COMMUNITY_SUFFIX, '');
  return org.communities.some((c) => {
    const full = squash(c.name);
    return word.endsWith(full) || (bare.length >= 2 && full.replace(COMMUNITY_SUFFIX, '') === bare);
  });
}

/**
 * This office's communities a title names, and the community-looking words in it that are none of them
 * (「红旗社区返程人员登记表」 sent to the wrong street office, or a community not yet added). Longest first: 青松里二社区
 * is not 青松里社区 because 青松里 is in it, and 东风 inside the estate 东风新村 is not 东风社区. An estate's name
 * (工人新村, 幸福村小区) is never asked about: a coordinator reads 「青松里社区工人新村小区返程人员」 as one community's
 * estate, and 「工人新村小区返程人员登记表」 as a sheet whose community the title does not say — unless this office has
 * a community of that name, which is then suggested like any other. Beside a community of this office, a word ending
 * in 村 is not asked about either (a village and an estate are written alike).
 */
export function namedCommunities(text: string, org: OrgNames): { known: { id: number; name: string; found: string }[]; unknown: string[] } {
  const words = communityWordsIn(text).filter((w) => !namesKnown(w.word, org));
  const known = communitiesIn(text, org).filter((k) => !words.some(({ word }) => word.length > k.found.length && word.includes(k.found)));
  const asked = [...new Set(words.filter((w) => !w.estate).map((w) => w.word))];
  return { known, unknown: known.length === 0 ? asked : asked.filter((w) => !w.endsWith('村')) };
}

/** Choice words in the text, longest first, each span used once (返程人员 is not also 返程). */
function choicesIn(text: string, field: FieldDef): { word: string; code: string | null; question: string | null }[] {
  const words = [...Object.keys(field.choices ?? {}).map((w) => ({ w, q: false })), ...Object.keys(field.questions ?? {}).map((w) => ({ w, q: true }))]
    .filter(({ w }) => w.length >= 2)
    .sort((a, b) => b.w.length - a.w.length);
  let rest = text;
  const found: { word: string; code: string | null; question: string | null }[] = [];
  for (const { w, q } of words) {
    if (!rest.includes(w)) continue;
    rest = rest.split(w).join('\u0000');
    found.push({ word: w, code: q ? null : field.choices![w]!, question: q ? field.questions![w]! : null });
  }
  return found;
}

const DATE_IN_TEXT = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/g;

function suggestionsFrom(t: TitleText, field: FieldDef, target: TargetDef, org: OrgNames, community: { id: number; name: string } | null): ValueSuggestion[] {
  const text = squash(t.text);
  const out: ValueSuggestion[] = [];
  switch (field.kind) {
    case 'community': {
      const { known, unknown: strangers } = namedCommunities(text, org);
      for (const c of known) out.push({ field: field.key, value: c.name, from: t.from, found: c.found });
      // Shown as a question, never a value: the preview would refuse it by name anyway, and the user must decide.
      for (const unknown of strangers)
        out.push({
          field: field.key,
          value: null,
          from: t.from,
          found: unknown,
          question: `写的是「${unknown}」，本街道没有这个社区：请核对这份表是否发错；如是本街道的社区，请先在「设置 › 社区与网格」中添加，或在左边另选`,
        });
      break;
    }
    case 'grid':
      if (!community) break;
      for (const g of org.grids.filter((x) => x.communityId === community.id)) {
        const name = squash(g.name);
        const withWord = name.endsWith('网格') ? name : `${name}网格`;
        if (text.includes(withWord)) out.push({ field: field.key, value: g.name, from: t.from, found: withWord });
      }
      break;
    case 'choice':
    case 'tags': {
      // An optional choice (风险等级) is not what a title is about: 高风险地区返程人员 says where from, not the person's risk.
      if (field.kind === 'choice' && !field.required) break;
      const canonical = new Map(choiceOptions(field).map((w) => [field.choices![w]!, w]));
      for (const c of choicesIn(text, field)) {
        if (c.code === null) out.push({ field: field.key, value: null, from: t.from, found: c.word, question: `「${c.word}」${c.question ?? ''}` });
        else out.push({ field: field.key, value: canonical.get(c.code) ?? c.word, from: t.from, found: c.word });
      }
      break;
    }
    case 'day': {
      // Only a required day (排查日期, 监测日期, 盘点日期): a sheet's date is its reporting day, not every case's start.
      if (!field.required || target.fields.find((f) => f.kind === 'day' && f.required) !== field) break;
      for (const m of text.matchAll(DATE_IN_TEXT)) {
        const r = parseDay(m[0]);
        if (r.ok) out.push({ field: field.key, value: r.day, from: t.from, found: m[0] });
      }
      break;
    }
    case 'text':
      for (const w of field.titleWords ?? []) if (text.includes(w)) out.push({ field: field.key, value: w, from: t.from, found: w });
      break;
    default:
      break;
  }
  return out;
}

/** Suggestions for the fields that have no column, in the target's field order; the same value from two places once. */
export function suggestConstants(target: TargetDef, mapping: readonly (string | null)[], texts: readonly TitleText[], org: OrgNames): ValueSuggestion[] {
  const open = target.fields.filter((f) => !mapping.includes(f.key));
  const usable = texts.filter((t) => t.text.trim() !== '' && !(t.from === 'sheet' && DEFAULT_SHEET.test(t.text.trim())));
  const out: ValueSuggestion[] = [];
  const communityField = open.find((f) => f.kind === 'community');
  const communities = communityField ? usable.flatMap((t) => suggestionsFrom(t, communityField, target, org, null)) : [];
  const names = [...new Set(communities.map((s) => s.value))];
  const community = names.length === 1 ? (org.communities.find((c) => c.name === names[0]) ?? null) : null;
  for (const f of open) {
    const found = f === communityField ? communities : usable.flatMap((t) => suggestionsFrom(t, f, target, org, community));
    for (const s of found) if (!out.some((o) => o.field === s.field && o.value === s.value && o.found === s.found)) out.push(s);
  }
  // The same words as a category and as a tag (独居老人 on a cases sheet): the category is meant.
  const tagsWhereCategory = (s: ValueSuggestion) =>
    target.fields.find((f) => f.key === s.field)?.kind === 'tags' &&
    out.some((o) => o.found === s.found && target.fields.find((f) => f.key === o.field)?.kind === 'choice');
  return out.filter((s, i) => (s.value === null || out.findIndex((o) => o.field === s.field && o.value === s.value) === i) && !tagsWhereCategory(s));
}

/** The title texts of a sheet: rows above the header, the sheet's name, the file's name without its extension. */
export function titleTexts(titleRows: readonly string[], sheet: string | null, fileName: string | null): TitleText[] {
  return [
    ...titleRows.map((text) => ({ from: 'title' as const, text })),
    ...(sheet ? [{ from: 'sheet' as const, text: sheet }] : []),
    ...(fileName ? [{ from: 'file' as const, text: fileName.replace(/\.[^.]*$/, '') }] : []),
  ];
}

/** A 接龙's opening tag (「#接龙」, 「接龙」): no title a coordinator reads. */
const JIELONG_TAG = /^#?\s*接龙\s*$/;

/**
 * The one title line the mapping step shows: the first title row a suggestion was found in (the line naming the
 * community or the category, whose words the wizard asks to confirm), else the first that is more than a 接龙's tag.
 * A 接龙's notice keeps five lines as title rows, and all five joined stood on the step as a wall of text (w48-import).
 */
export function titleLine(titleRows: readonly string[], suggestions: readonly ValueSuggestion[]): string | null {
  const found = suggestions.filter((s) => s.from === 'title').map((s) => s.found);
  const named = titleRows.find((row) => found.some((f) => squash(row).includes(f)));
  return named ?? titleRows.find((row) => !JIELONG_TAG.test(row.trim())) ?? null;
}
